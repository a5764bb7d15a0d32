namespace TemKit.CtfEstimation.Profile;

/// <summary>One Thon-ring maximum or zero found in a smoothed profile.</summary>
/// <param name="Order">1-based index among the extrema of its kind, in order of radius.</param>
/// <param name="RadiusPx">Sub-pixel radius (spectrum px) from a parabola through the three samples around it.</param>
/// <param name="FrequencyInverseAngstrom">Spatial frequency (1/Å; NaN if uncalibrated).</param>
/// <param name="Height">Background-subtracted signal at the extremum (profile units).</param>
/// <param name="Prominence">Prominence as in SciPy's find_peaks: height above the higher of the two lowest points
/// reachable on either side before a higher extremum (for zeros, the same on the negated signal).</param>
public sealed record ThonRingExtremum(int Order, double RadiusPx, double FrequencyInverseAngstrom, double Height, double Prominence);

/// <summary>Thon-ring maxima and zeros of one profile (seed stage E) and the seed's quantity, the 2nd maximum.</summary>
/// <param name="Peaks">Maxima in order of radius.</param>
/// <param name="Zeros">Minima (CTF zeros) in order of radius.</param>
/// <param name="PixelSizeAngstrom">Sampling (Å/px) of the spectrum's source.</param>
/// <param name="SpectrumSizePx">Edge length of the spectrum (px).</param>
public sealed record ThonRings(IReadOnlyList<ThonRingExtremum> Peaks, IReadOnlyList<ThonRingExtremum> Zeros, double PixelSizeAngstrom, int SpectrumSizePx)
{
    /// <summary>The second maximum (the seed's reference ring: the first is distorted by the low-frequency background), or null.</summary>
    public ThonRingExtremum? SecondPeak => Peaks.Count >= 2 ? Peaks[1] : null;

    /// <summary>Radius of the second maximum in spectrum px (NaN if fewer than two maxima).</summary>
    public double SecondPeakRadiusPx => SecondPeak?.RadiusPx ?? double.NaN;

    /// <summary>Spatial frequency of the second maximum in 1/Å (NaN if absent or uncalibrated).</summary>
    public double SecondPeakFrequencyInverseAngstrom => SecondPeak?.FrequencyInverseAngstrom ?? double.NaN;
}
