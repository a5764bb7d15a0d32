namespace TemKit.Imaging.Display;

/// <summary>
/// How float pixel values become display grey levels: the <see cref="LowPercentile"/> of the finite
/// pixels maps to black and the <see cref="HighPercentile"/> to white, linearly in between (values
/// outside are clipped). With <see cref="Log"/>, values are first mapped through log(1 + x − min),
/// min being the smallest finite pixel (the usual view of a power spectrum).
/// </summary>
/// <param name="LowPercentile">Percentile (0–100) of the finite pixels shown black.</param>
/// <param name="HighPercentile">Percentile (0–100) of the finite pixels shown white.</param>
/// <param name="Log">Apply log(1 + x − min) before the linear mapping.</param>
public sealed record DisplayScale(double LowPercentile = 0.5, double HighPercentile = 99.5, bool Log = false)
{
    /// <summary>When set, the pixel value (input units, before any log) shown black; overrides <see cref="LowPercentile"/>.</summary>
    public double? FixedLow { get; init; }

    /// <summary>When set, the pixel value (input units, before any log) shown white; overrides <see cref="HighPercentile"/>.</summary>
    public double? FixedHigh { get; init; }

    /// <summary>Full range: the smallest finite pixel is black, the largest white.</summary>
    public static DisplayScale MinMax { get; } = new(0, 100);

    /// <summary>Log display with a 0.5/99.9 window, suited to power spectra.</summary>
    public static DisplayScale PowerSpectrum { get; } = new(0.5, 99.9, Log: true);

    /// <summary>A fixed window in input units (value <paramref name="low"/> black, <paramref name="high"/> white).</summary>
    public static DisplayScale Fixed(double low, double high) => new() { FixedLow = low, FixedHigh = high };
}
