namespace TemKit.Fourier.Registration;

/// <summary>How the correlation peak is refined to sub-pixel precision.</summary>
public enum SubPixelPeak
{
    /// <summary>A parabola through the peak and its two neighbours along each axis.</summary>
    Parabola,

    /// <summary>A parabola through the logarithms of the three values when all are positive (exact for a Gaussian peak,
    /// which a Gaussian low-pass weight makes), else through the values.</summary>
    LogParabola,
}

/// <summary>
/// Settings of <see cref="ImageShift.Estimate"/>: the search window, the frequency weighting of the cross-power
/// spectrum, and how the peak is found and refined. The presets are the three uses in TemKit.
/// </summary>
public sealed record ShiftOptions
{
    /// <summary>Largest displacement searched along x and y (px); capped at half the frame minus one.</summary>
    public int MaxShiftPx { get; init; } = 16;

    /// <summary>Standard deviation of the Gaussian low-pass weight on spatial frequency (cycles/px; 0.5 = Nyquist).</summary>
    public double LowPassCyclesPerPixel { get; init; } = 0.25;

    /// <summary>Standard deviation of the Gaussian high-pass weight 1 − exp(−k²/2σ²) (cycles/px); 0 = none.</summary>
    public double HighPassCyclesPerPixel { get; init; }

    /// <summary>Give the mean (k = 0) no weight.</summary>
    public bool IgnoreMean { get; init; }

    /// <summary>Subtract the mean and apply a separable Hann window before the transforms (no edge streaks).</summary>
    public bool HannWindow { get; init; }

    /// <summary>Phase correlation (Kuglin &amp; Hines 1975): divide the cross-power spectrum by its magnitude.</summary>
    public bool PhaseOnly { get; init; }

    /// <summary>Take the peak of |correlation| instead of the largest value, for images of reversed contrast (either
    /// side of focus).</summary>
    public bool AbsolutePeak { get; init; }

    /// <summary>Sub-pixel refinement of the peak.</summary>
    public SubPixelPeak SubPixel { get; init; } = SubPixelPeak.Parabola;

    /// <summary>Keep the sub-pixel offset within ±0.5 px of the integer peak.</summary>
    public bool ClampSubPixel { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (MaxShiftPx < 0) throw new ArgumentException($"the largest shift must be ≥ 0 px, got {MaxShiftPx}");
        if (!(LowPassCyclesPerPixel > 0)) throw new ArgumentException($"the low-pass must be > 0 cycles/px, got {LowPassCyclesPerPixel}");
        if (!(HighPassCyclesPerPixel >= 0)) throw new ArgumentException($"the high-pass must be ≥ 0 cycles/px, got {HighPassCyclesPerPixel}");
    }
}
