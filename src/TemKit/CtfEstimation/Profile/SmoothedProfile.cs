namespace TemKit.CtfEstimation.Profile;

/// <summary>
/// A Gaussian-smoothed radial profile with its slowly varying background removed, ready for peak finding
/// (the seed's stage "script-D"). All arrays have one value per radius bin of the source <see cref="RadialProfile"/>.
/// </summary>
/// <param name="RadiusPx">Radius of each bin (spectrum px).</param>
/// <param name="FrequencyInverseAngstrom">Spatial frequency of each bin (1/Å; NaN if uncalibrated).</param>
/// <param name="Raw">The profile before smoothing.</param>
/// <param name="Smoothed">Gaussian-smoothed profile.</param>
/// <param name="Background">Background through the Thon-ring minima (log-linear between them, never above <paramref name="Smoothed"/>).</param>
/// <param name="Signal">Smoothed − Background (0 below <paramref name="MinRadiusPx"/>): ring maxima are positive bumps.</param>
/// <param name="SigmaPx">Gaussian sigma used (px).</param>
/// <param name="MinRadiusPx">First bin used (the DC neighbourhood below it is ignored).</param>
/// <param name="PixelSizeAngstrom">Sampling (Å/px) of the spectrum's source.</param>
/// <param name="SpectrumSizePx">Edge length of the spectrum (px).</param>
public sealed record SmoothedProfile(
    double[] RadiusPx,
    double[] FrequencyInverseAngstrom,
    double[] Raw,
    double[] Smoothed,
    double[] Background,
    double[] Signal,
    double SigmaPx,
    int MinRadiusPx,
    double PixelSizeAngstrom,
    int SpectrumSizePx)
{
    /// <summary>Number of bins.</summary>
    public int Length => Signal.Length;

    /// <summary>Spatial frequency (1/Å) at a fractional radius (px).</summary>
    public double FrequencyAt(double radiusPx) => PixelSizeAngstrom > 0 ? radiusPx / (SpectrumSizePx * PixelSizeAngstrom) : double.NaN;
}
