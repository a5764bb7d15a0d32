using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.Optics;

namespace TemKit.Tests.CtfEstimation;

/// <summary>
/// The per-ring Thon-ring SNR and the fit score built from it (issue 12), on spectra made in the test with a known ring
/// SNR: amplitude sqrt(P) = background(g) + a(g)·A·sin²χ + Gaussian noise σ, so the per-pixel SNR of a ring at g is
/// q(g) = a(g)²·var(sin²χ)/σ² = a²/(8σ²) (sin²χ over a whole period has variance 1/8), whatever the defocus. A is the
/// tile window's attenuation of rings of period p px, R(n|cos θ|/p)·R(n|sin θ|/p) with R the normalised autocorrelation
/// of the 10 % Tukey window (a Welch spectrum is the true one convolved with |W|²), put in as a Welch spectrum has it.
/// </summary>
public class RingSnrTests
{
    private const int Size = 1024;
    private const double Pixel = 1.0, Sigma = 5;
    private static readonly double Lambda = 12.2643247 / Math.Sqrt(300e3 * (1 + 0.978466e-6 * 300e3));

    /// <summary>Naive χ_total at 300 kV, Cs 2.7 mm, amplitude contrast 0.07 (Å, 1/Å).</summary>
    private static double Chi(double g, double df) =>
        Math.PI * Lambda * df * g * g - 0.5 * Math.PI * 2.7e7 * Math.Pow(Lambda, 3) * Math.Pow(g, 4) + Math.Asin(0.07);

    /// <summary>Known per-pixel ring SNR: 0.8 at 0.1 1/Å falling to 0.24 at 0.16 1/Å.</summary>
    private static double TrueSnr(double g) => 0.8 * Math.Exp(-(g - 0.1) / 0.05);

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

    private static PowerSpectrum Spectrum(double defocus, int seed, bool rings = true) =>
        Generate(seed, (dx, dy, g, rng) =>
        {
            double background = 50 + 100 * Math.Exp(-g / 0.1);
            double signal = 0;
            if (rings && g > 0)
            {
                double s = Math.Sin(Chi(g, defocus));
                signal = Math.Sqrt(8 * TrueSnr(g)) * Sigma * Attenuation(dx, dy, defocus) * s * s;
            }
            return background + signal + Sigma * NormalDeviate(rng);
        });

    /// <summary>A spectrum P = amplitude² with the amplitude of every pixel from (dx, dy px from the centre, g 1/Å, rng).</summary>
    private static PowerSpectrum Generate(int seed, Func<double, double, double, Random, double> amplitude)
    {
        var rng = new Random(seed);
        var pixels = new float[Size * Size];
        double step = 1.0 / (Size * Pixel);
        int c = Size / 2;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                double dx = x - c, dy = y - c, a = amplitude(dx, dy, Math.Sqrt(dx * dx + dy * dy) * step, rng);
                pixels[y * Size + x] = (float)(a * a);
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
    private static double BandMeanSnr(double low, double high)
    {
        double sum = 0, weight = 0;
        for (int i = 0; i <= 2000; i++)
        {
            double g = low + (high - low) * i / 2000;
            sum += g * TrueSnr(g);
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
        double expected = BandMeanSnr(bandFirst * step, bandLast * step);
        var model = new PhaseModel(300, 2.7, 0.07);
        foreach (var (defocus, seed) in new[] { (5000.0, 1), (25000.0, 2) })
        {
            var spectrum = Spectrum(defocus, seed);
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

    /// <summary>
    /// A Welch spectrum's noise is multiplicative (P = μ·χ²_ν/ν). Amplitude m(g)·(1 + ε·N(0, 1)), ε = 1/6 (about a
    /// 9-tile Welch average), m = b(g) + A·a(g)·sin²χ with b falling from 44 to 24 across 0.07-0.16 1/Å
    /// (<paramref name="steep"/>) or flat. The known per-pixel ring SNR is the oscillation's variance over the noise
    /// variance averaged over a period, q = (a²/8)/(ε²⟨m²⟩), ⟨m²⟩ = b² + ab + 3a²/8; a(g) is solved from q(g).
    /// </summary>
    private static PowerSpectrum MultiplicativeSpectrum(double defocus, int seed, bool steep) =>
        Generate(seed, (dx, dy, g, rng) =>
        {
            const double epsilon = 1.0 / 6;
            double b = steep ? 20 + 100 * Math.Exp(-g / 0.05) : 40, q = TrueSnr(g), e2 = epsilon * epsilon;
            // a²(1 − 3qε²)/8 − qε²b·a − qε²b² = 0, the positive root.
            double qa = (1 - 3 * q * e2) / 8, qb = -q * e2 * b, qc = -q * e2 * b * b;
            double a = (-qb + Math.Sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
            double attenuation = g > 0 ? Attenuation(dx, dy, defocus) : 1;
            double s = Math.Sin(Chi(g, defocus));
            return (b + attenuation * a * s * s) * (1 + epsilon * NormalDeviate(rng));
        });

    [Fact]
    public void MultiplicativeNoiseAndASteepBackgroundDoNotBiasWideRings()
    {
        // Band 0.0996-0.13 1/Å: inside the first ring of 0.5 µm, whose two-period window (0.071-0.159 1/Å) spans a
        // background that halves; the 2.5 µm rings there are 8-10 px wide. Fitting sqrt(P) with a quadratic background
        // read 0.738 at 0.5 µm and 0.634 at 2.5 µm here (known 0.597): the misfit of the steep background went into the
        // ring amplitude. In log amplitude the background is nearly linear and the noise uniform.
        double step = 1.0 / (Size * Pixel);
        int bandFirst = (int)Math.Ceiling(0.0996 / step), bandLast = (int)Math.Floor(0.13 / step);
        double expected = BandMeanSnr(bandFirst * step, bandLast * step);
        var model = new PhaseModel(300, 2.7, 0.07);
        foreach (bool steep in new[] { true, false })
        {
            var pooled = new[] { (5000.0, 11), (25000.0, 12) }.Select(d =>
                RingSnr.PooledSnr(RingSnr.Measure(MultiplicativeSpectrum(d.Item1, d.Item2, steep), Stigmatic(d.Item1), model, 40, 250, bandFirst, bandLast))).ToArray();
            Assert.True(pooled.All(q => Math.Abs(q / expected - 1) < 0.05), $"steep {steep}: pooled q {pooled[0]:F3} (0.5 µm), {pooled[1]:F3} (2.5 µm), known {expected:F3}");
        }
    }

    [Fact]
    public void PureNoiseScoresNearZeroAndAFivePercentWrongModelScoresLower()
    {
        double step = 1.0 / (Size * Pixel);
        int bandFirst = (int)Math.Ceiling(0.0996 / step), bandLast = (int)Math.Floor(0.17 / step);
        var model = new PhaseModel(300, 2.7, 0.07);
        var noise = Spectrum(12000, 3, rings: false);
        foreach (double defocus in new[] { 5000.0, 12000, 25000 })
            Assert.InRange(RingSnr.BandScore(noise, Stigmatic(defocus), model, 40, 250, bandFirst, bandLast), -0.05, 0.05);

        var spectrum = Spectrum(12000, 4);
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
