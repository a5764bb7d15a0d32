using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// The Thon-ring signal-to-noise ratio of a power spectrum measured ring by ring against a fitted CTF, and the fit score
/// built from it. Ring k holds the pixels between two zeros of the fit (χ_total in [kπ, (k + 1)π), k ≥ 1). Its log
/// amplitude ½·ln P is modelled over a window of two ring periods centred on it (χ_total/π in [k − ½, k + 3/2)) as a
/// background quadratic in g plus a(g)·sin²χ_total with a ring amplitude a(g) linear in g, by least squares. In log
/// amplitude a Welch spectrum's multiplicative noise (P = μ·χ²_ν/ν) has the same variance everywhere and a steeply
/// falling background is nearly linear: fitted to sqrt(P), the misfit of such a background across the wide first ring
/// of a small defocus went into a(g) and read that ring's SNR 24 % high (<c>RingSnrTests</c>). a is then the ring's
/// relative modulation and σ̂² the relative noise, so q below is the SNR relative to the local level. Over two periods the
/// quadratic background cannot absorb the oscillation, and the background's curvature and the envelope's slope across a
/// wide ring do not count as noise, so wide rings (small defocus) and narrow ones are measured alike. The per-pixel SNR
/// of the ring is q = ⟨â(g)² − var â(g)⟩/8/σ̂²/A²: the variance of the ring oscillation (sin² has variance 1/8 over a
/// period) over that of the noise (σ̂² the window's residual variance), with the estimate's own variance taken out (so
/// pure noise gives q ≈ 0; signed, so a ring in antiphase counts negative) and A² the ring's mean squared attenuation by
/// the tile window: a Welch spectrum is the true one convolved with |W|², so rings of period p px keep a contrast
/// R(n|cos θ|/p)·R(n|sin θ|/p) in direction θ, R the normalised autocorrelation of the n px tile window
/// ((1 − |cos θ|/p)(1 − |sin θ|/p) for a box), while the noise per pixel stays. Measured on synthetic sweeps (bench
/// <c>ctf-ring-snr</c>, test <c>RingSnrTests</c>), q at a given spatial frequency does not depend on defocus.
/// </summary>
internal static class RingSnr
{
    /// <summary>Rings with fewer pixels are left out (their SNR estimate is mostly noise).</summary>
    internal const int MinRingPixels = 16;

    /// <summary>Pixels whose local ring period is below this (spectrum px) are left out: the window keeps too little of
    /// their contrast for the attenuation correction to hold.</summary>
    internal const double MinPeriodPx = 2.5;

    /// <summary>Floor of a ring's mean squared attenuation.</summary>
    private const double MinMeanAttenuation2 = 0.1;

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
    /// <returns>Rings with at least <see cref="MinRingPixels"/> pixels, in order of k.</returns>
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
                double s = Math.Sin(chi);
                if (!(pixels[y * n + x] > 0)) continue;
                list.Add(new RingPixel(u, g, 0.5 * Math.Log(pixels[y * n + x]), s * s, attenuation * attenuation, r >= bandFirst && r <= bandLast));
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
            var ring = FitRing(all.AsSpan(windowStart, windowEnd - windowStart), k);
            if (ring.HasValue) result.Add(ring.Value);
        }
        return result;
    }

    /// <summary>One pixel: ring coordinate u = χ_total/π, frequency g (1/Å), log amplitude ½·ln P, CTF² = sin²χ, squared
    /// window attenuation, inside the counted band.</summary>
    private readonly record struct RingPixel(double U, double G, double LogAmplitude, double CtfSquared, double Attenuation2, bool InBand);

    /// <summary>Least-squares model of one two-period window (see the class summary); null when ring k has fewer than
    /// <see cref="MinRingPixels"/> pixels or the fit is singular.</summary>
    private static RingSnrMeasurement? FitRing(ReadOnlySpan<RingPixel> window, int k)
    {
        int count = 0, inBand = 0;
        double sumG = 0, sumGg = 0, sumRingG = 0, sumA2 = 0, sumBandA2 = 0;
        foreach (var px in window)
        {
            sumG += px.G; sumGg += px.G * px.G;
            if ((int)Math.Floor(px.U) != k) continue;
            count++; sumRingG += px.G; sumA2 += px.Attenuation2;
            if (px.InBand) { inBand++; sumBandA2 += px.Attenuation2; }
        }
        if (count < MinRingPixels || window.Length < 2 * Parameters + MinRingPixels) return null;
        double meanG = sumG / window.Length, sdG = Math.Sqrt(Math.Max(0, sumGg / window.Length - meanG * meanG));
        if (!(sdG > 0)) return null;
        // Normal equations of ½·ln P = b0 + b1 t + b2 t² + (a0 + a1 t)·sin²χ, t = (g − mean)/SD over the window.
        var xtx = Matrix<double>.Build.Dense(Parameters, Parameters);
        var xty = Vector<double>.Build.Dense(Parameters);
        Span<double> row = stackalloc double[Parameters];
        foreach (var px in window)
        {
            Row(px, meanG, sdG, row);
            for (int i = 0; i < Parameters; i++)
            {
                xty[i] += row[i] * px.LogAmplitude;
                for (int j = 0; j < Parameters; j++) xtx[i, j] += row[i] * row[j];
            }
        }
        var inverse = xtx.Inverse();
        var beta = inverse * xty;
        double residual = 0;
        foreach (var px in window)
        {
            Row(px, meanG, sdG, row);
            double fitted = 0;
            for (int i = 0; i < Parameters; i++) fitted += row[i] * beta[i];
            residual += (px.LogAmplitude - fitted) * (px.LogAmplitude - fitted);
        }
        double noise = residual / (window.Length - Parameters);
        if (!(noise > 0) || inverse.Enumerate().Any(v => !double.IsFinite(v))) return null;
        double signal = 0, bandSignal = 0;
        foreach (var px in window)
        {
            if ((int)Math.Floor(px.U) != k) continue;
            double t = (px.G - meanG) / sdG;
            double a = beta[3] + beta[4] * t;
            double varA = noise * (inverse[3, 3] + 2 * t * inverse[3, 4] + t * t * inverse[4, 4]);
            double v = a * Math.Abs(a) - Math.Sign(a) * varA;
            signal += v;
            if (px.InBand) bandSignal += v;
        }
        double meanA2 = sumA2 / count;
        double q = signal / count * SinSquaredVariance / noise / Math.Max(meanA2, MinMeanAttenuation2);
        // The band's share of the ring: the same model evaluated on the ring's pixels inside the band only, so a wide ring
        // that straddles the band's edge brings the SNR of its in-band part, not of the whole ring.
        double bandQ = inBand > 0 ? bandSignal / inBand * SinSquaredVariance / noise / Math.Max(sumBandA2 / inBand, MinMeanAttenuation2) : 0;
        return new RingSnrMeasurement(k, sumRingG / count, count, inBand, q, bandQ, meanA2);
    }

    private static void Row(in RingPixel px, double meanG, double sdG, Span<double> row)
    {
        double t = (px.G - meanG) / sdG;
        row[0] = 1; row[1] = t; row[2] = t * t; row[3] = px.CtfSquared; row[4] = px.CtfSquared * t;
    }

    /// <summary>Parameters of the window model: quadratic background, linear ring amplitude.</summary>
    private const int Parameters = 5;

    /// <summary>Variance of sin²χ over a whole period: the signal variance of a ring of amplitude a is a²/8.</summary>
    private const double SinSquaredVariance = 0.125;

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
/// <param name="SnrInBand">The same over the ring's pixels inside the band only (its amplitude model a(g) evaluated
/// there); 0 when none is.</param>
/// <param name="MeanAttenuation2">Mean squared attenuation of the ring's contrast by the tile window (0-1).</param>
internal readonly record struct RingSnrMeasurement(int Index, double MeanFrequencyInverseAngstrom, int PixelCount, int PixelsInBand, double Snr, double SnrInBand, double MeanAttenuation2);
