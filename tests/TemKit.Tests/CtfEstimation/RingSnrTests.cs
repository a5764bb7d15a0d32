using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.Optics;

namespace TemKit.Tests.CtfEstimation;

/// <summary>
/// The per-ring Thon-ring SNR and the fit score built from it (issue 12), on spectra made in the test with a known ring
/// SNR, as a Welch spectrum has them: P = L(g)·(1 − A·c(g)·cos 2χ)·F, a background L times a ring modulation
/// (background plus a term ∝ sin²χ) of contrast c, times multiplicative noise F = χ²_ν/ν (ν = 18, about nine tiles).
/// A is the tile window's attenuation of rings of period p px, R(n|cos θ|/p)·R(n|sin θ|/p) with R the normalised
/// autocorrelation of the 10 % Tukey window (a Welch spectrum is the true one convolved with |W|², which keeps the local
/// mean). In log amplitude ½·ln P the noise has variance σ² = ψ'(ν/2)/4 and the ring oscillation −½·c·cos 2χ variance
/// c²/8, so the known per-pixel ring SNR of a ring at g is q(g) = c²/(8σ²), whatever the defocus.
/// </summary>
public class RingSnrTests
{
    private const int Size = 1024;
    private const double Pixel = 1.0;
    private const int Dof = 18;
    private static readonly double Lambda = 12.2643247 / Math.Sqrt(300e3 * (1 + 0.978466e-6 * 300e3));

    /// <summary>Naive χ_total at 300 kV, Cs 2.7 mm, amplitude contrast 0.07 (Å, 1/Å).</summary>
    private static double Chi(double g, double df) =>
        Math.PI * Lambda * df * g * g - 0.5 * Math.PI * 2.7e7 * Math.Pow(Lambda, 3) * Math.Pow(g, 4) + Math.Asin(0.07);

    /// <summary>Known per-pixel ring SNR: 0.8 at 0.1 1/Å falling to 0.24 at 0.16 1/Å.</summary>
    private static double TrueSnr(double g) => 0.8 * Math.Exp(-(g - 0.1) / 0.05);

    /// <summary>Variance of ½·ln(χ²_ν/ν): ψ'(ν/2)/4, the trigamma function by its series Σ 1/(x + k)² and the tail 1/(x + K) + 1/(2(x + K)²).</summary>
    private static readonly double LogNoiseVariance = Trigamma(Dof / 2.0) / 4;

    private static double Trigamma(double x)
    {
        double sum = 0;
        const int terms = 100_000;
        for (int k = 0; k < terms; k++) sum += 1 / ((x + k) * (x + k));
        return sum + 1 / (x + terms) + 0.5 / ((x + terms) * (x + terms));
    }

    /// <summary>Naive normalised autocorrelation of a raised-cosine window over 10 % of each edge of n px.</summary>
    private static double[] TukeyAutocorrelation(int n)
    {
        int edge = (int)Math.Round(0.1 * n);
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            int d = Math.Min(i, n - 1 - i);
            w[i] = d >= edge ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * (d + 0.5) / edge);
        }
        var r = new double[n + 1];
        for (int lag = 0; lag < n; lag++)
            for (int t = 0; t + lag < n; t++) r[lag] += w[t] * w[t + lag];
        for (int lag = n; lag >= 0; lag--) r[lag] /= r[0];
        return r;
    }

    private static double Lagged(double[] r, double lag)
    {
        int i = (int)lag;
        return i + 1 < r.Length ? r[i] + (lag - i) * (r[i + 1] - r[i]) : 0;
    }

    private static readonly double[] Window = TukeyAutocorrelation(Size);

    /// <summary>
    /// A spectrum with rings of known SNR <paramref name="snr"/>(g) on the background <paramref name="level"/>(g) at
    /// <paramref name="defocus"/> (Å); no rings when <paramref name="snr"/> is null.
    /// </summary>
    private static PowerSpectrum Spectrum(double defocus, int seed, Func<double, double>? snr, Func<double, double>? level = null)
    {
        var rng = new Random(seed);
        var pixels = new float[Size * Size];
        double step = 1.0 / (Size * Pixel);
        int centre = Size / 2;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                double dx = x - centre, dy = y - centre, g = Math.Sqrt(dx * dx + dy * dy) * step;
                double modulation = 1;
                if (snr != null && g > 0)
                {
                    double contrast = Math.Sqrt(8 * LogNoiseVariance * snr(g));
                    modulation = 1 - Attenuation(dx, dy, defocus) * contrast * Math.Cos(2 * Chi(g, defocus));
                }
                double noise = 0;
                for (int i = 0; i < Dof / 2; i++) noise -= Math.Log(1 - rng.NextDouble());
                pixels[y * Size + x] = (float)((level ?? (_ => 40))(g) * modulation * noise / (Dof / 2));
            }
        return new PowerSpectrum(new Image2D(Size, Size, pixels, new VoxelSize(Pixel, Pixel, 0), new ImageMetadata()), Pixel);
    }

    /// <summary>Window attenuation A of the rings at spectrum offset (dx, dy) px (r > 0): R(n|cos θ|/p)·R(n|sin θ|/p),
    /// p the local ring period from a numerical derivative of χ.</summary>
    private static double Attenuation(double dx, double dy, double defocus)
    {
        double step = 1.0 / (Size * Pixel), r = Math.Sqrt(dx * dx + dy * dy), g = r * step;
        double h = 1e-7, slope = (Chi(g + h, defocus) - Chi(g - h, defocus)) / (2 * h);
        double period = Math.PI / Math.Abs(slope) / step;
        return Lagged(Window, Size * Math.Abs(dx) / r / period) * Lagged(Window, Size * Math.Abs(dy) / r / period);
    }

    /// <summary>Naive reference: the pixel-count mean of the known q over a band (pixels of an annulus ∝ g).</summary>
    private static double BandMeanSnr(Func<double, double> snr, double low, double high)
    {
        double sum = 0, weight = 0;
        for (int i = 0; i <= 2000; i++)
        {
            double g = low + (high - low) * i / 2000;
            sum += g * snr(g);
            weight += g;
        }
        return sum / weight;
    }

    private static double NormalDeviate(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static CtfParameters Stigmatic(double defocus) => new(300, 2.7, 0.07, defocus, defocus, 0);

    [Fact]
    public void PooledSnrRecoversTheKnownRingSnrAtVeryDifferentDefocus()
    {
        // Band 0.0996-0.17 1/Å: the first zero of 0.5 µm to where the 2.5 µm rings are 6.5 px apart.
        double step = 1.0 / (Size * Pixel);
        int bandFirst = (int)Math.Ceiling(0.0996 / step), bandLast = (int)Math.Floor(0.17 / step);
        double expected = BandMeanSnr(TrueSnr, bandFirst * step, bandLast * step);
        var model = new PhaseModel(300, 2.7, 0.07);
        foreach (var (defocus, seed) in new[] { (5000.0, 1), (25000.0, 2) })
        {
            var spectrum = Spectrum(defocus, seed, TrueSnr);
            var rings = RingSnr.Measure(spectrum, Stigmatic(defocus), model, 40, 250, bandFirst, bandLast);
            double pooled = RingSnr.PooledSnr(rings);
            Assert.True(Math.Abs(pooled / expected - 1) < 0.05, $"Δf {defocus} Å: pooled q {pooled:F3}, known {expected:F3}; rings {string.Join("; ", rings.Select(r => $"{r.Index} {r.MeanFrequencyInverseAngstrom:F4} n{r.PixelCount} b{r.PixelsInBand} q{r.Snr:F3} a{r.MeanAttenuation2:F3}"))}");
            // Every ring's own q is that of its frequency (ring-local estimate; tolerance for noise and curvature).
            foreach (var ring in rings.Where(r => r.PixelsInBand == r.PixelCount))
                Assert.True(Math.Abs(ring.Snr / TrueSnr(ring.MeanFrequencyInverseAngstrom) - 1) < 0.25, $"Δf {defocus} Å, ring {ring.Index} at {ring.MeanFrequencyInverseAngstrom:F4} 1/Å: q {ring.Snr:F3}");
            // The score is the correlation of a model with model + noise at that SNR: sqrt(q/(1 + q)).
            double score = RingSnr.BandScore(spectrum, Stigmatic(defocus), model, 40, 250, bandFirst, bandLast);
            Assert.Equal(Math.Sqrt(pooled / (1 + pooled)), score, 9);
        }
    }

    [Fact]
    public void StrongRingsReadTheSameWhereTheWindowAttenuatesThemAndWhereItDoesNot()
    {
        // Band 0.0996-0.13 1/Å with a strong ring SNR (2.0 falling to 1.1; contrast 0.69-0.51): at 0.5 µm inside one
        // wide ring (A ≈ 1), at 5 µm over rings 6 to 4 px apart (A² 0.6-0.5). The session-8 estimator (a ring term
        // linear in sin²χ in log amplitude, corrected afterwards by A²) read 1.875 and 1.665 here (known 1.492):
        // ½·ln(1 − x cos 2χ) is not linear in x, and the error grows with the attenuated contrast x = A·c.
        static double Strong(double g) => 2.5 * TrueSnr(g);
        double step = 1.0 / (Size * Pixel);
        int bandFirst = (int)Math.Ceiling(0.0996 / step), bandLast = (int)Math.Floor(0.13 / step);
        double expected = BandMeanSnr(Strong, bandFirst * step, bandLast * step);
        var model = new PhaseModel(300, 2.7, 0.07);
        var pooled = new[] { (5000.0, 21), (50000.0, 22) }.Select(d =>
            RingSnr.PooledSnr(RingSnr.Measure(Spectrum(d.Item1, d.Item2, Strong), Stigmatic(d.Item1), model, 40, 250, bandFirst, bandLast))).ToArray();
        Assert.True(pooled.All(q => Math.Abs(q / expected - 1) < 0.04), $"pooled q {pooled[0]:F3} (0.5 µm), {pooled[1]:F3} (5 µm), known {expected:F3}");
    }

    [Fact]
    public void ASteepBackgroundDoesNotBiasWideRings()
    {
        // Band 0.0996-0.13 1/Å: inside the first ring of 0.5 µm, whose two-period window (0.071-0.159 1/Å) spans a
        // background that falls threefold; the 2.5 µm rings there are 8-10 px wide. Fitted to sqrt(P), the misfit of such a
        // background goes into the ring amplitude; in log amplitude the background is nearly linear and the noise uniform.
        // The session-8 estimator (ring term linear in sin²χ, contrast linear in g) read 0.655 and 0.612 here (known 0.597).
        static double Steep(double g) => 4 + 100 * Math.Exp(-g / 0.03);
        double step = 1.0 / (Size * Pixel);
        int bandFirst = (int)Math.Ceiling(0.0996 / step), bandLast = (int)Math.Floor(0.13 / step);
        double expected = BandMeanSnr(TrueSnr, bandFirst * step, bandLast * step);
        var model = new PhaseModel(300, 2.7, 0.07);
        var pooled = new[] { (5000.0, 11), (25000.0, 12) }.Select(d =>
            RingSnr.PooledSnr(RingSnr.Measure(Spectrum(d.Item1, d.Item2, TrueSnr, Steep), Stigmatic(d.Item1), model, 40, 250, bandFirst, bandLast))).ToArray();
        Assert.True(pooled.All(q => Math.Abs(q / expected - 1) < 0.05), $"pooled q {pooled[0]:F3} (0.5 µm), {pooled[1]:F3} (2.5 µm), known {expected:F3}");
    }

    [Fact]
    public void PureNoiseScoresNearZeroAndAFivePercentWrongModelScoresLower()
    {
        double step = 1.0 / (Size * Pixel);
        int bandFirst = (int)Math.Ceiling(0.0996 / step), bandLast = (int)Math.Floor(0.17 / step);
        var model = new PhaseModel(300, 2.7, 0.07);
        var noise = Spectrum(12000, 3, snr: null);
        foreach (double defocus in new[] { 5000.0, 12000, 25000 })
            Assert.InRange(RingSnr.BandScore(noise, Stigmatic(defocus), model, 40, 250, bandFirst, bandLast), -0.05, 0.05);

        var spectrum = Spectrum(12000, 4, TrueSnr);
        double right = RingSnr.BandScore(spectrum, Stigmatic(12000), model, 40, 250, bandFirst, bandLast);
        double wrong = RingSnr.BandScore(spectrum, Stigmatic(12600), model, 40, 250, bandFirst, bandLast);
        Assert.True(wrong < 0.5 * right, $"right {right:F3}, 5 % wrong {wrong:F3}");
    }

    [Fact]
    public void ScoreIsTheCorrelationOfAModelWithModelPlusNoiseAtThatSnr()
    {
        // Naive reference: y = m + noise with var(m)/var(noise) = q has Pearson correlation sqrt(q/(1 + q)) with m.
        var rng = new Random(7);
        int n = 200_000;
        double q = 0.6, sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double m = NormalDeviate(rng) * Math.Sqrt(q), y = m + NormalDeviate(rng);
            sxy += m * y; sxx += m * m; syy += y * y;
        }
        Assert.Equal(sxy / Math.Sqrt(sxx * syy), RingSnr.CorrelationOf(q), 2);
        Assert.Equal(0, RingSnr.CorrelationOf(0), 12);
        Assert.Equal(-Math.Sqrt(0.5), RingSnr.CorrelationOf(-1), 12);
        Assert.Equal(0, RingSnr.CorrelationOf(double.NaN), 12);
    }

    [Fact]
    public void WindowAutocorrelationIsOneMinusTheLagFractionForABoxAndLowerForATaperAtShortPeriods()
    {
        // A box window of n px: R(τ) = (n − τ)/n, so rings of period p keep 1 − 1/p of their contrast.
        var box = RingSnr.WindowAutocorrelation(512, 0);
        foreach (double p in new[] { 2.5, 3, 8 }) Assert.Equal(1 - 1 / p, Lagged(box, 512 / p), 6);
        // The 10 % taper: against the naive double loop; at p = 3 it keeps 0.648, not the box's 0.667.
        var tukey = RingSnr.WindowAutocorrelation(Size, 0.1);
        for (int lag = 0; lag <= Size; lag += 37) Assert.Equal(Window[lag], tukey[lag], 5);
        Assert.InRange(Lagged(tukey, Size / 3.0), 0.64, 0.655);
    }
}
