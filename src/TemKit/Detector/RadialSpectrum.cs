namespace TemKit.Detector;

/// <summary>
/// An azimuthally averaged noise spectrum. Bin i holds the Fourier pixels whose normalised frequency
/// q~ = q/q_N = 2 q s is nearest i·<see cref="BinWidth"/>; bin 0 is DC.
/// </summary>
/// <param name="QNormalised">Mean q~ of the Fourier pixels in each bin (fraction of Nyquist).</param>
/// <param name="Values">Spectrum per bin: RMS amplitude (e/px) or power (e²/px²), see <paramref name="Kind"/>.</param>
/// <param name="Counts">Number of Fourier pixels averaged in each bin (over all tiles).</param>
/// <param name="BinWidth">Bin width in q~.</param>
/// <param name="Kind">Amplitude or power.</param>
/// <param name="Tiles">Number of tiles averaged.</param>
public sealed record RadialSpectrum(double[] QNormalised, double[] Values, long[] Counts, double BinWidth, SpectrumKind Kind, int Tiles)
{
    /// <summary>Number of bins.</summary>
    public int Length => Values.Length;
}
