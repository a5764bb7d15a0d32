namespace TemKit.Pipelines.DoseLimits;

/// <summary>Settings of the dose-limit analysis (<see cref="DoseLimitAnalysis"/>); the definitions they enter are in
/// <see cref="DoseLimitMeasures"/> and docs/dose-limits.md.</summary>
public sealed record DoseLimitOptions
{
    /// <summary>A pixel is segmented when the model's foreground probability is at or above this (the seed paper: 0.9).</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>Fraction of the target area that counts as detection (the 50 % dose).</summary>
    public double DetectionFraction { get; init; } = 0.5;

    /// <summary>The area has converged when it stays within ± this fraction of the target area (0.1 = ± 10 %).</summary>
    public double ConvergenceTolerance { get; init; } = 0.1;

    /// <summary>Frames of the running median (in dose order) applied to the area fraction before the 50 % and
    /// convergence doses are read off; 1 = the raw per-frame values. Odd.</summary>
    public int SmoothingFrames { get; init; } = 9;

    /// <summary>Dose of the overlay figure (e/Å²): the frame nearest to it is shown (the seed paper's Figs. 2-3: 49 e/Å²).</summary>
    public double OverlayDoseElectronsPerAngstrom2 { get; init; } = 49;

    /// <summary>Lower end of the "low-dose" range of the mean F1 (e/Å²; SOI Fig. 9: 10-100).</summary>
    public double LowDoseMinElectronsPerAngstrom2 { get; init; } = 10;

    /// <summary>Upper end of the "low-dose" range of the mean F1 (e/Å²).</summary>
    public double LowDoseMaxElectronsPerAngstrom2 { get; init; } = 100;

    /// <summary>Frames at or above this dose (e/Å²) enter the "high-dose" mean F1 (the paper's full-segmentation limit: 200).</summary>
    public double HighDoseElectronsPerAngstrom2 { get; init; } = 200;

    /// <summary>Tile side for the network (px).</summary>
    public int TileSizePx { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (!(Threshold > 0 && Threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be in (0, 1]");
        if (!(DetectionFraction > 0 && DetectionFraction < 1)) throw new ArgumentOutOfRangeException(nameof(DetectionFraction), DetectionFraction, "detection fraction must be in (0, 1)");
        if (!(ConvergenceTolerance > 0 && ConvergenceTolerance < 1)) throw new ArgumentOutOfRangeException(nameof(ConvergenceTolerance), ConvergenceTolerance, "convergence tolerance must be in (0, 1)");
        if (SmoothingFrames < 1 || SmoothingFrames % 2 == 0) throw new ArgumentOutOfRangeException(nameof(SmoothingFrames), SmoothingFrames, "smoothing must be an odd number of frames ≥ 1");
        if (!(OverlayDoseElectronsPerAngstrom2 > 0)) throw new ArgumentOutOfRangeException(nameof(OverlayDoseElectronsPerAngstrom2), OverlayDoseElectronsPerAngstrom2, "overlay dose must be > 0 e/Å²");
        if (!(LowDoseMinElectronsPerAngstrom2 < LowDoseMaxElectronsPerAngstrom2)) throw new ArgumentOutOfRangeException(nameof(LowDoseMaxElectronsPerAngstrom2), LowDoseMaxElectronsPerAngstrom2, "low-dose range is reversed");
        if (!(HighDoseElectronsPerAngstrom2 > 0)) throw new ArgumentOutOfRangeException(nameof(HighDoseElectronsPerAngstrom2), HighDoseElectronsPerAngstrom2, "high dose must be > 0 e/Å²");
        if (TileSizePx < 16) throw new ArgumentOutOfRangeException(nameof(TileSizePx), TileSizePx, "tile size must be ≥ 16 px");
    }
}
