using TemKit.Imaging;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>
/// One inversion-symmetric pair of lattice peaks (g, −g) in the power spectrum of a region.
/// </summary>
/// <param name="SpacingAngstrom">Lattice-plane spacing d = 1/|g| (Å).</param>
/// <param name="DirectionDegrees">Direction of g in [0, 180) degrees from +x towards +y (image rows, i.e. clockwise on
/// a display whose first row is at the top).</param>
/// <param name="GxPerAngstrom">x component of g (1/Å), the member of the pair with gy &lt; 0 or gy = 0, gx &gt; 0.</param>
/// <param name="GyPerAngstrom">y component of g (1/Å).</param>
/// <param name="Brightness">Integrated, background-subtracted power of both peaks: Σ (|F|² − background) over a disc of
/// radius <see cref="RegionalFourierResult.PeakRadiusPx"/> around each (unnormalised FFT of the windowed image, in
/// squared image units).</param>
/// <param name="Significance">The peak's maximum power over the local background power.</param>
public sealed record LatticePeakPair(double SpacingAngstrom, double DirectionDegrees, double GxPerAngstrom, double GyPerAngstrom,
    double Brightness, double Significance)
{
    /// <summary>The pair's <see cref="Brightness"/> over the ring background summed over the same discs: the mean excess
    /// power of the peaks' main lobes in background units (envelope and MTF cancel as for the peak height, but it
    /// averages over the lobe's pixels instead of taking one maximum). NaN when not computed.</summary>
    public double DiscContrast { get; init; } = double.NaN;
}

/// <summary>What <see cref="RegionalFourier"/> found in one region.</summary>
/// <param name="Pairs">Peak pairs, brightest first.</param>
/// <param name="Ratio">
/// Brightest/dimmest pair ratio (≥ 1): among the pairs with spacing ≥ <see cref="RegionalFourierOptions.RatioMinSpacingAngstrom"/>
/// take the <see cref="RegionalFourierOptions.RatioPairCount"/> brightest by <see cref="RegionalFourierOptions.RatioBrightness"/>
/// (default: peak height over the local background, <see cref="LatticePeakPair.Significance"/> − 1) and divide the
/// first's by the last's. When fewer pairs were detected, each missing pair counts at <see cref="DetectionFloor"/>, so a
/// particle showing a single set of fringes gets a large, finite ratio that grows with how far those fringes stand out.
/// NaN when no ratio pair was detected at all. Small = several lattice directions of similar strength (on a zone axis);
/// large = one direction dominates (off zone).</param>
/// <param name="DetectionFloor">The brightness of a pair whose peak is exactly at the significance threshold: for peak
/// height, <see cref="RegionalFourierOptions.PeakSignificance"/> − 1; for integrated power, the brightest ratio pair's
/// profile scaled down to the threshold. NaN without ratio pairs.</param>
/// <param name="Zone">The zone axis the pairs were indexed to, or null.</param>
/// <param name="AreaPx">Pixels in the region (mask at or above the threshold).</param>
/// <param name="FftSizePx">FFT side (px).</param>
/// <param name="FrequencyStepPerAngstrom">Spectrum pixel size 1/(FFT side · pixel size) (1/Å).</param>
/// <param name="PeakRadiusPx">Radius of the disc each peak is integrated over (spectrum px).</param>
/// <param name="Spectrum">The centred power spectrum (DC at FFT side/2) when asked for, else null.</param>
public sealed record RegionalFourierResult(IReadOnlyList<LatticePeakPair> Pairs, double Ratio, double DetectionFloor, ZoneAxisMatch? Zone,
    long AreaPx, int FftSizePx, double FrequencyStepPerAngstrom, double PeakRadiusPx, Image2D? Spectrum)
{
    /// <summary>1/<see cref="Ratio"/> in [0, 1] (0 for NaN): 1 = all ratio pairs equally bright; used to scale the
    /// inference map.</summary>
    public double Score => double.IsNaN(Ratio) ? 0 : 1 / Ratio;

    /// <summary>An empty result (no region or no pixel size).</summary>
    internal static RegionalFourierResult Empty(long areaPx) => new([], double.NaN, double.NaN, null, areaPx, 0, double.NaN, double.NaN, null);
}
