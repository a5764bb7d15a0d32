namespace TemKit.Detector;

/// <summary>
/// A fit of SOI Eq. 4, S(q~) = (c1 - c2) / (1 + (q~/c0)^c3) + c2, to a radial noise spectrum, and the normalised
/// Eq. 1 parameters c0, c3, C = c2/c1.
/// </summary>
/// <param name="C0">Half-maximum frequency c0 (fraction of Nyquist).</param>
/// <param name="C1">Spectrum at q~ → 0 (units of the spectrum: e/px for amplitude, e²/px² for power).</param>
/// <param name="C2">Spectrum at q~ → ∞ (same units as <paramref name="C1"/>).</param>
/// <param name="C3">Shape exponent c3.</param>
/// <param name="RSquared">Coefficient of determination over the fitted bins, each bin weighted by its Fourier pixel count.</param>
/// <param name="Bins">Number of bins fitted.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations of the best start.</param>
public sealed record MtfFit(double C0, double C1, double C2, double C3, double RSquared, int Bins, int Iterations)
{
    /// <summary>Normalised floor C = c2/c1 of Eq. 1.</summary>
    public double C => C2 / C1;

    /// <summary>Eq. 4 at <paramref name="qNormalised"/>.</summary>
    public double Spectrum(double qNormalised) => Evaluate(qNormalised, C0, C1, C2, C3);

    /// <summary>Normalised MTF (Eq. 1) at <paramref name="qNormalised"/>: Eq. 4 divided by c1.</summary>
    public double Mtf(double qNormalised) => Spectrum(qNormalised) / C1;

    /// <summary>The detector model with this fit's c0, c3 and C (readout noise left at 0).</summary>
    public DetectorModel ToModel() => new(C0, C3, Math.Clamp(C, 0, 1), 0);

    internal static double Evaluate(double q, double c0, double c1, double c2, double c3) =>
        (c1 - c2) / (1 + Math.Pow(q / c0, c3)) + c2; // SOI Eq. 4
}
