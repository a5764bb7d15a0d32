using System.Numerics.Tensors;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// The Thon-ring signal-to-noise ratio of a power spectrum measured ring by ring against a fitted CTF, and the fit score
/// built from it. Ring k holds the pixels between two zeros of the fit (χ_total in [kπ, (k + 1)π), k ≥ 1). It is
/// measured over a window of two ring periods centred on it (χ_total/π in [k − ½, k + 3/2)), where the expected power is
/// a background times a ring modulation, P = L(g)·(1 − A·c(g)·cos 2χ_total) (that is, background plus a term ∝ sin²χ):
/// c is the ring's contrast and A the tile window's attenuation of it. A Welch spectrum is the true one convolved with
/// |W|², which keeps the local mean and multiplies a ring oscillation of period p px by R(n|cos θ|/p)·R(n|sin θ|/p) in
/// direction θ, R the normalised autocorrelation of the n px tile window ((1 − |cos θ|/p)(1 − |sin θ|/p) for a box).
/// The model is fitted in log amplitude, ½·ln P = β(g) + ½·ln(1 − A·c(g)·cos 2χ_total) with β quadratic and c quadratic
/// in g, by least squares (Gauss–Newton): there a Welch spectrum's multiplicative noise (P = μ·χ²_ν/ν) has the same
/// variance everywhere and a steeply falling background is nearly linear. The per-pixel SNR of the ring is
/// q = ⟨ĉ(g)² − var ĉ(g)⟩/8/σ̂², the variance of the unattenuated ring oscillation (−½·c·cos 2χ has variance c²/8 over a
/// period) over that of the noise (σ̂² the window's residual variance), with the estimate's own variance taken out (so
/// pure noise gives q ≈ 0; signed, so a ring in antiphase counts negative).
/// Three earlier estimators each left a bias that followed defocus (<c>RingSnrTests</c>, docs/benchmarks/ctf.md):
/// fitted to sqrt(P), the misfit of a steep background across the wide first ring of a small defocus went into the ring
/// amplitude (+24 %); a ring term linear in sin²χ in log amplitude, corrected afterwards by the ring's mean A², read a
/// strong ring's SNR high by an amount that grows with A·c (½·ln(1 − x cos) is not linear in x): at 15 e/Å² by 18 %
/// where A ≈ 1 (0.5 µm) but 10 % where A² ≈ 0.55 (5 µm);
/// a contrast linear in g misread the wide first ring of 0.5 µm by 2-6 % (the contrast falls steeply and not linearly
/// across its window). Over two periods the background cannot absorb the oscillation, and the background's curvature and
/// the envelope's slope across a wide ring do not count as noise, so wide rings (small defocus) and narrow ones are
/// measured alike: on synthetic micrographs the SNR at a given spatial frequency is the same at every defocus (bench
/// <c>ctf-score-bias</c>).
/// </summary>
internal static partial class RingSnr
{
    /// <summary>Rings with fewer pixels are left out (their SNR estimate is mostly noise).</summary>
    internal const int MinRingPixels = 16;

    /// <summary>Pixels whose local ring period is below this (spectrum px) are left out: the window keeps too little of
    /// their contrast for the contrast to be measured.</summary>
    internal const double MinPeriodPx = 2.5;

    /// <summary>
    /// Measures every ring of the fit <paramref name="p"/> between radii <paramref name="first"/> and
    /// <paramref name="last"/> (spectrum px) after the first CTF zero; each ring also counts its pixels inside
    /// [<paramref name="bandFirst"/>, <paramref name="bandLast"/>] (all of them when the band is not given).
    /// </summary>
    /// <param name="spectrum">Calibrated power spectrum.</param>
    /// <param name="p">Fitted CTF (defocus positive = underfocus, Å; angle in degrees; phase shift in radians).</param>
    /// <param name="model">The phase model of <paramref name="p"/>'s optics.</param>
    /// <param name="first">Innermost radius (spectrum px) of the pixels used.</param>
    /// <param name="last">Outermost radius (spectrum px) of the pixels used.</param>
    /// <param name="bandFirst">Innermost radius (px) of the band the rings' pixels are counted in (−1: <paramref name="first"/>).</param>
    /// <param name="bandLast">Outermost radius (px) of that band (−1: <paramref name="last"/>).</param>
    /// <returns>Rings with at least <see cref="MinRingPixels"/> pixels and one inside the band, in order of k.</returns>
    public static IReadOnlyList<RingSnrMeasurement> Measure(PowerSpectrum spectrum, CtfParameters p, PhaseModel model, int first, int last, int bandFirst = -1, int bandLast = -1)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(p);
        if (bandFirst < 0) bandFirst = first;
        if (bandLast < 0) bandLast = last;
        int n = spectrum.Size, c = spectrum.Centre;
        last = Math.Min(last, n / 2 - 1);
        double step = spectrum.FrequencyStepInverseAngstrom;
        double half = 0.5 * (p.Defocus1Angstrom - p.Defocus2OrDefocus1Angstrom), angle = p.AstigmatismAngleDegrees * Math.PI / 180;
        double ax = half * Math.Cos(2 * angle), ay = half * Math.Sin(2 * angle);
        var pixels = spectrum.Image.Pixels;
        var window = WindowAutocorrelation(n, spectrum.TaperFraction);
        var list = new List<RingPixel>();
        for (int y = c; y <= Math.Min(n - 1, c + last); y++)
        {
            double dy = y - c;
            for (int x = Math.Max(0, c - last); x <= Math.Min(n - 1, c + last); x++)
            {
                if (y == c && x <= c) continue; // one of each ±k pair: the upper half-plane and the positive kx axis
                double dx = x - c, r2 = dx * dx + dy * dy, r = Math.Sqrt(r2);
                if (r < first || r > last) continue;
                double g = r * step;
                double defocus = p.MeanDefocusAngstrom + ax * (dx * dx - dy * dy) / r2 + ay * 2 * dx * dy / r2;
                double chi = model.Chi(g, defocus, p.PhaseShiftRadians);
                double u = chi / Math.PI;
                if (u < 0.5) continue; // the window of ring 1 starts half a period before the first zero
                if (g >= model.PhaseTurningFrequency(defocus)) continue; // beyond it χ falls again and rings repeat
                double period = model.RingPeriod(g, defocus) / step;
                if (period < MinPeriodPx) continue;
                double attenuation = Interpolate(window, n * Math.Abs(dx) / r / period) * Interpolate(window, n * Math.Abs(dy) / r / period);
                if (!(pixels[y * n + x] > 0)) continue;
                list.Add(new RingPixel(u, g, 0.5 * Math.Log(pixels[y * n + x]), Math.Cos(2 * chi), attenuation, r >= bandFirst && r <= bandLast));
            }
        }
        var all = list.ToArray();
        Array.Sort(all, (a, b) => a.U.CompareTo(b.U));
        var result = new List<RingSnrMeasurement>();
        if (all.Length == 0) return result;
        int windowStart = 0;
        for (int k = 1; k <= (int)Math.Floor(all[^1].U); k++)
        {
            while (windowStart < all.Length && all[windowStart].U < k - 0.5) windowStart++;
            int windowEnd = windowStart;
            while (windowEnd < all.Length && all[windowEnd].U < k + 1.5) windowEnd++;
            if (!HasBandPixel(all.AsSpan(windowStart, windowEnd - windowStart), k)) continue;
            var ring = FitRing(all.AsSpan(windowStart, windowEnd - windowStart), k);
            if (ring.HasValue) result.Add(ring.Value);
        }
        return result;
    }

    private static bool HasBandPixel(ReadOnlySpan<RingPixel> window, int k)
    {
        foreach (var px in window)
            if (px.InBand && (int)Math.Floor(px.U) == k) return true;
        return false;
    }

    /// <summary>One pixel: ring coordinate u = χ_total/π, frequency g (1/Å), log amplitude ½·ln P, cos 2χ_total, window
    /// attenuation A of the ring contrast, inside the counted band.</summary>
    private readonly record struct RingPixel(double U, double G, double LogAmplitude, double Cos2Chi, double Attenuation, bool InBand);

    /// <summary>
    /// The band's per-pixel ring SNR: the mean of the rings' <see cref="RingSnrMeasurement.SnrInBand"/> weighted by their
    /// pixels in the band, so every pixel of the band counts once and the weighting by frequency (∝ g, the pixels of an
    /// annulus) is the same for every defocus. NaN when no ring has a pixel in the band.
    /// </summary>
    public static double PooledSnr(IEnumerable<RingSnrMeasurement> rings)
    {
        double sum = 0, count = 0;
        foreach (var ring in rings)
        {
            sum += ring.PixelsInBand * ring.SnrInBand;
            count += ring.PixelsInBand;
        }
        return count > 0 ? sum / count : double.NaN;
    }

    /// <summary>
    /// The correlation-like score of a pooled SNR q: sign(q)·sqrt(|q|/(1 + |q|)), which is the Pearson correlation of
    /// a model with data made of that model plus noise at a per-pixel SNR q: CTFFIND's cross-correlation for a band of
    /// uniform ring SNR q (0 for pure noise, → 1 for noise-free rings).
    /// </summary>
    public static double CorrelationOf(double snr) =>
        double.IsNaN(snr) ? 0 : Math.Sign(snr) * Math.Sqrt(Math.Abs(snr) / (1 + Math.Abs(snr)));

    /// <summary>
    /// The fit score on a band: <see cref="CorrelationOf"/> the <see cref="PooledSnr"/> of the rings of the fit with
    /// pixels in [<paramref name="bandFirst"/>, <paramref name="bandLast"/>], each ring measured whole inside
    /// [<paramref name="first"/>, <paramref name="last"/>] (spectrum px).
    /// </summary>
    public static double BandScore(PowerSpectrum spectrum, CtfParameters p, PhaseModel model, int first, int last, int bandFirst, int bandLast) =>
        CorrelationOf(PooledSnr(Measure(spectrum, p, model, first, last, bandFirst, bandLast)));

    /// <summary>
    /// The normalised autocorrelation R(τ) = Σ w(t) w(t + τ) / Σ w(t)², τ = 0..n, of the tile window
    /// (<see cref="PowerSpectrumEstimator.TukeyWindow"/>): a Welch spectrum is the true one convolved with |W|², so a
    /// ring oscillation of period p spectrum px keeps the fraction R(n/p) of its contrast along each axis (1 − 1/p for a
    /// box window, taper 0).
    /// </summary>
    internal static double[] WindowAutocorrelation(int n, double taperFraction)
    {
        var w = PowerSpectrumEstimator.TukeyWindow(n, taperFraction);
        var r = new double[n + 1];
        double zero = TensorPrimitives.Dot<float>(w, w);
        for (int lag = 0; lag < n; lag++) r[lag] = TensorPrimitives.Dot<float>(w.AsSpan(0, n - lag), w.AsSpan(lag)) / zero;
        return r;
    }

    private static double Interpolate(double[] values, double x)
    {
        if (!(x < values.Length - 1)) return 0;
        int i = (int)x;
        double f = x - i;
        return (1 - f) * values[i] + f * values[i + 1];
    }
}

/// <summary>One Thon ring of a fit, measured by <see cref="RingSnr.Measure"/>.</summary>
/// <param name="Index">k: the ring spans χ_total in [kπ, (k + 1)π).</param>
/// <param name="MeanFrequencyInverseAngstrom">Mean spatial frequency of its pixels (1/Å).</param>
/// <param name="PixelCount">Pixels of the ring used (half plane).</param>
/// <param name="PixelsInBand">Of those, pixels inside the band asked for.</param>
/// <param name="Snr">Per-pixel ring SNR q: variance of the ring oscillation over that of the noise, corrected for the
/// estimate's own variance and for the window attenuation; signed (negative for a ring in antiphase with the model).</param>
/// <param name="SnrInBand">The same over the ring's pixels inside the band only (its contrast model c(g) evaluated
/// there); 0 when none is.</param>
/// <param name="MeanAttenuation2">Mean squared attenuation of the ring's contrast by the tile window (0-1).</param>
internal readonly record struct RingSnrMeasurement(int Index, double MeanFrequencyInverseAngstrom, int PixelCount, int PixelsInBand, double Snr, double SnrInBand, double MeanAttenuation2);
