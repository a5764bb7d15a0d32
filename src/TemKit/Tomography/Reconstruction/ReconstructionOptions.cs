namespace TemKit.Tomography.Reconstruction;

/// <summary>Reconstruction algorithm.</summary>
public enum ReconstructionMethod
{
    /// <summary>Weighted (filtered) back-projection: ramp-filtered projections back-projected once.</summary>
    Wbp,

    /// <summary>Simultaneous iterative reconstruction: x ← x + λ C Aᵀ R (b − A x), all projections per update (Gregor and Benson 2008).</summary>
    Sirt,

    /// <summary>Simultaneous algebraic reconstruction: the same update one projection at a time (Andersen and Kak 1984).</summary>
    Sart,
}

/// <summary>Apodisation window multiplied onto the ramp filter (t = |ν| / cut-off).</summary>
public enum FilterWindow
{
    /// <summary>Plain ramp (Ram-Lak).</summary>
    RamLak,

    /// <summary>sin(πt/2)/(πt/2).</summary>
    SheppLogan,

    /// <summary>cos(πt/2).</summary>
    Cosine,

    /// <summary>0.54 + 0.46 cos(πt).</summary>
    Hamming,

    /// <summary>0.5 + 0.5 cos(πt).</summary>
    Hann,
}

/// <summary>
/// Settings of a tomographic reconstruction. The WBP filter follows IMOD's <c>tilt</c> RADIAL entry when
/// <see cref="FalloffCyclesPerPixel"/> &gt; 0: the ramp is kept up to <see cref="CutoffCyclesPerPixel"/> and beyond it is
/// multiplied by a Gaussian exp(−(ν − cut-off)²/(2σ²)) with σ = falloff (IMOD's <c>RADIAL 0.35 0.035</c> with
/// <c>FalloffIsTrueSigma 1</c>); with falloff 0 the filter ends sharply at the cut-off. Frequencies in cycles/pixel (0..0.5).
/// </summary>
public sealed record ReconstructionOptions
{
    /// <summary>Algorithm.</summary>
    public ReconstructionMethod Method { get; init; } = ReconstructionMethod.Wbp;

    /// <summary>Reconstruction thickness along z (voxels); 0 = the projection width.</summary>
    public int ThicknessPx { get; init; }

    /// <summary>WBP: apodisation window.</summary>
    public FilterWindow Window { get; init; } = FilterWindow.RamLak;

    /// <summary>WBP: cut-off frequency (cycles/pixel, 0 &lt; cut-off ≤ 0.5).</summary>
    public double CutoffCyclesPerPixel { get; init; } = 0.5;

    /// <summary>WBP: Gaussian falloff σ beyond the cut-off (cycles/pixel; 0 = sharp cut-off).</summary>
    public double FalloffCyclesPerPixel { get; init; }

    /// <summary>SIRT/SART: iterations (the most that run when a stopping rule is set).</summary>
    public int Iterations { get; init; } = 50;

    /// <summary>SIRT/SART: relaxation λ (0 &lt; λ &lt; 2).</summary>
    public double Relaxation { get; init; } = 1.0;

    /// <summary>SIRT/SART: clip negative voxels to zero after each update.</summary>
    public bool NonNegative { get; init; }

    /// <summary>
    /// SIRT/SART stopping rule: stop when the residual ‖b − Ax‖ falls by less than this fraction in one iteration
    /// (0 = always run <see cref="Iterations"/>).
    /// </summary>
    public double StopRelativeChange { get; init; }

    /// <summary>Refuses settings outside their ranges with a message naming the setting.</summary>
    public void Validate()
    {
        if (ThicknessPx < 0) throw new ArgumentException($"thickness must be ≥ 0 px (0 = projection width), got {ThicknessPx}");
        if (!(CutoffCyclesPerPixel > 0 && CutoffCyclesPerPixel <= 0.5)) throw new ArgumentException($"filter cut-off must be in (0, 0.5] cycles/pixel, got {CutoffCyclesPerPixel}");
        if (!(FalloffCyclesPerPixel >= 0 && FalloffCyclesPerPixel <= 0.5)) throw new ArgumentException($"filter falloff must be in [0, 0.5] cycles/pixel, got {FalloffCyclesPerPixel}");
        if (Iterations < 1) throw new ArgumentException($"iterations must be ≥ 1, got {Iterations}");
        if (!(Relaxation > 0 && Relaxation < 2)) throw new ArgumentException($"relaxation must be in (0, 2), got {Relaxation}");
        if (!(StopRelativeChange >= 0 && StopRelativeChange < 1)) throw new ArgumentException($"stopping threshold must be in [0, 1), got {StopRelativeChange}");
    }
}
