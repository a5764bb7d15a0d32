namespace TemKit.Simulation.Stem;

/// <summary>Numerical settings of a STEM simulation (the physics is in <see cref="StemParameters"/>).</summary>
public sealed record StemOptions
{
    /// <summary>The method (default <see cref="StemMethod.Multislice"/>).</summary>
    public StemMethod Method { get; init; } = StemMethod.Multislice;

    /// <summary>Sampling of the potential and wave grid (Å/px) for multislice and PRISM; null = the coarsest sampling
    /// whose 2/3 band limit still reaches the detector's outer angle, λ/(3·θ_outer) (0.0328 Å at 300 kV and 200 mrad),
    /// and at most 0.05 Å.</summary>
    public double? PixelSizeAngstrom { get; init; }

    /// <summary>Slice thickness Δz (Å) of the multislice (default 1 Å).</summary>
    public double SliceThicknessAngstrom { get; init; } = 1.0;

    /// <summary>PRISM Fourier interpolation factor f (1 = exact multislice of every aperture beam; default 4).</summary>
    public int PrismInterpolation { get; init; } = 4;

    /// <summary>Frozen-phonon configurations averaged (multislice and PRISM); 1 = a single static lattice.</summary>
    public int FrozenPhonons { get; init; } = 1;

    /// <summary>RMS thermal displacement per axis (Å) of the frozen-phonon configurations, √(B/8π²) (Au at room
    /// temperature: about 0.085 Å); 0 = static atoms.</summary>
    public double DisplacementRmsAngstrom { get; init; }

    /// <summary>Seed of the frozen-phonon displacements.</summary>
    public int Seed { get; init; }

    /// <summary>Incoherent method: σ(Z) ∝ Z^n with this exponent n, scaled to the integrated cross-section of Au; null
    /// (default) = each element's cross-section integrated over the detector (<see cref="AnnularCrossSection"/>).</summary>
    public double? IncoherentZExponent { get; init; }

    /// <summary>Most threads used; −1 = all cores.</summary>
    public int MaxParallelism { get; init; } = -1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (PixelSizeAngstrom is double px && !(px is >= 0.005 and <= 1)) throw new ArgumentException($"pixel size must be 0.005..1 Å, got {px}");
        if (!(SliceThicknessAngstrom is >= 0.1 and <= 50)) throw new ArgumentException($"slice thickness must be 0.1..50 Å, got {SliceThicknessAngstrom}");
        if (PrismInterpolation is < 1 or > 64) throw new ArgumentException($"PRISM interpolation factor must be 1..64, got {PrismInterpolation}");
        if (FrozenPhonons is < 1 or > 1000) throw new ArgumentException($"frozen-phonon configurations must be 1..1000, got {FrozenPhonons}");
        if (!(DisplacementRmsAngstrom is >= 0 and <= 1)) throw new ArgumentException($"RMS displacement must be 0..1 Å, got {DisplacementRmsAngstrom}");
        if (IncoherentZExponent is double n && !(n is > 0 and <= 4)) throw new ArgumentException($"Z exponent must be in (0, 4], got {n}");
        if (MaxParallelism is 0 or < -1) throw new ArgumentException($"max parallelism must be ≥ 1 or −1, got {MaxParallelism}");
    }
}
