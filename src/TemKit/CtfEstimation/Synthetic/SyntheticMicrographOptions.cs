using TemKit.Optics;

namespace TemKit.CtfEstimation.Synthetic;

/// <summary>Settings for <see cref="SyntheticMicrograph.Generate"/>: a weak-phase amorphous film imaged through a CTF.</summary>
/// <param name="Ctf">True CTF (voltage kV, Cs mm, amplitude contrast, Δf1/Δf2 Å, angle degrees, phase shift radians).</param>
public sealed record SyntheticMicrographOptions(CtfParameters Ctf)
{
    /// <summary>Image width (px).</summary>
    public int WidthPx { get; init; } = 1024;

    /// <summary>Image height (px).</summary>
    public int HeightPx { get; init; } = 1024;

    /// <summary>Pixel size (Å).</summary>
    public double PixelSizeAngstrom { get; init; } = 1.0;

    /// <summary>Electron dose (e/Å²); 0 or infinity = noise-free intensity.</summary>
    public double DoseElectronsPerAngstrom2 { get; init; } = 20;

    /// <summary>RMS of the film's projected phase (radians); small, so the weak-phase approximation holds.</summary>
    public double PhaseRmsRadians { get; init; } = 0.15;

    /// <summary>Frequency (1/Å) beyond which the film's phase spectrum falls as 1/g (amorphous, 1/f-like).</summary>
    public double FilmCornerFrequencyInverseAngstrom { get; init; } = 0.05;

    /// <summary>B-factor of the amplitude envelope exp(−B g²/4) (Å²), lumping drift and spatial coherence.</summary>
    public double BFactorAngstrom2 { get; init; } = 50;

    /// <summary>Defocus spread (Å, 1σ) of the temporal-coherence envelope exp(−½ π² λ² δ² g⁴).</summary>
    public double FocalSpreadAngstrom { get; init; } = 30;

    /// <summary>Seed of the random film and the shot noise.</summary>
    public int Seed { get; init; } = 1;
}
