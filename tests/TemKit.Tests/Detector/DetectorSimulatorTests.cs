using TemKit.Detector;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.Tests.Detector;

public class DetectorSimulatorTests
{
    private static (double Mean, double Variance) Moments(ReadOnlySpan<float> v)
    {
        double s = 0, s2 = 0;
        foreach (float x in v) s += x;
        double mean = s / v.Length;
        foreach (float x in v) s2 += (x - mean) * (x - mean);
        return (mean, s2 / (v.Length - 1));
    }

    [Theory]
    [InlineData(0.03)]
    [InlineData(3.0)]
    [InlineData(9.9)]
    [InlineData(40.0)]
    [InlineData(5000.0)]
    public void IdealDetectorGivesPoissonCounts(double dose)
    {
        var img = DetectorSimulator.Vacuum(256, 256, dose, DetectorModel.Ideal, new Random(11));
        var (mean, variance) = Moments(img.Pixels);
        int n = img.Pixels.Length;
        Assert.InRange(mean, dose - 5 * Math.Sqrt(dose / n), dose + 5 * Math.Sqrt(dose / n));
        // Variance of the sample variance of a Poisson variable ≈ (λ + 2λ²)/n.
        double sd = Math.Sqrt((dose + 2 * dose * dose) / n);
        Assert.InRange(variance, dose - 5 * sd, dose + 5 * sd);
        foreach (float x in img.Pixels) Assert.Equal(Math.Round(x), x);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(30.0)]
    public void PoissonHistogramMatchesPmf(double lambda)
    {
        var img = DetectorSimulator.Vacuum(256, 256, lambda, DetectorModel.Ideal, new Random(5));
        var counts = new int[400];
        foreach (float x in img.Pixels) counts[(int)x]++;
        int n = img.Pixels.Length;
        double chi2 = 0;
        int bins = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            // Naive pmf: exp(-λ) λ^k / k!
            double logP = -lambda + k * Math.Log(lambda);
            for (int i = 2; i <= k; i++) logP -= Math.Log(i);
            double expected = n * Math.Exp(logP);
            if (expected < 20) continue;
            chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
            bins++;
        }
        // χ² with ~bins degrees of freedom: mean bins, sd sqrt(2 bins).
        Assert.True(chi2 < bins + 5 * Math.Sqrt(2 * bins), $"chi2 {chi2:F1} over {bins} bins");
    }

    [Fact]
    public void VacuumNoisePowerFollowsMtfSquaredPlusReadout()
    {
        const int n = 128, frames = 6;
        const double dose = 4.0;
        var model = new DetectorModel(C0: 0.3, C3: 2.5, C: 0, ReadoutNoiseElectronsPerPixel: 0.5);
        var rng = new Random(21);
        int half = n / 2 + 1;
        var spec = new ComplexF[n * half];
        var shells = new double[4];
        var counts = new int[4];
        double[] edges = [0.1, 0.2, 0.3, 0.5, 0.9];
        var expected = new double[4];
        var expectedCount = new int[4];
        for (int f = 0; f < frames; f++)
        {
            var img = DetectorSimulator.Vacuum(n, n, dose, model, rng);
            Fft.Managed.ForwardReal(img.Pixels, spec, n, n);
            for (int ky = 0; ky < n; ky++)
                for (int kx = 1; kx < half - 1; kx++)
                {
                    double q = 2 * Math.Sqrt(Math.Pow((double)kx / n, 2) + Math.Pow((double)FftShift.SignedIndex(ky, n) / n, 2));
                    for (int b = 0; b < 4; b++)
                        if (q >= edges[b] && q < edges[b + 1])
                        {
                            shells[b] += spec[ky * half + kx].MagnitudeSquared / (n * n);
                            counts[b]++;
                            double m = model.Mtf(q);
                            // Eq. 3 noise power per pixel: N_D MTF² + N0
                            expected[b] += dose * m * m + model.ReadoutNoiseElectronsPerPixel;
                            expectedCount[b]++;
                        }
                }
        }
        for (int b = 0; b < 4; b++)
        {
            double measured = shells[b] / counts[b], want = expected[b] / expectedCount[b];
            Assert.InRange(measured / want, 1 - 5 / Math.Sqrt(counts[b]), 1 + 5 / Math.Sqrt(counts[b]));
        }
    }

    [Theory]
    [InlineData(ReadoutNoiseKind.Poisson)]
    [InlineData(ReadoutNoiseKind.Gaussian)]
    public void ReadoutNoiseAloneHasVarianceN0AndZeroMean(ReadoutNoiseKind kind)
    {
        var model = new DetectorModel(ReadoutNoiseElectronsPerPixel: 0.4, Readout: kind);
        var img = DetectorSimulator.Vacuum(256, 256, 0, model, new Random(8));
        var (mean, variance) = Moments(img.Pixels);
        int n = img.Pixels.Length;
        Assert.InRange(mean, -5 * Math.Sqrt(0.4 / n), 5 * Math.Sqrt(0.4 / n));
        Assert.InRange(variance, 0.4 * (1 - 5 * Math.Sqrt(3.0 / n)), 0.4 * (1 + 5 * Math.Sqrt(3.0 / n)));
    }

    [Fact]
    public void CleanImageIsScaledToDoseAndFilteredByMtf()
    {
        // A cosine fringe at q~ = 0.5 through a detector with c0 = 0.5, C = 0: its contrast must halve (Eq. 1).
        const int n = 128;
        const double dose = 2000, contrast = 0.4;
        var clean = new Image2D(n, n, VoxelSize.Isotropic(0.5));
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                clean[x, y] = (float)(3.0 * (1 + contrast * Math.Cos(2 * Math.PI * 32 * x / n)));
        var model = new DetectorModel(C0: 0.5, C3: 3, C: 0, ReadoutNoiseElectronsPerPixel: 0.01);
        var rng = new Random(2);
        double sumMean = 0, sumAmp = 0;
        const int frames = 4;
        for (int f = 0; f < frames; f++)
        {
            var img = DetectorSimulator.Apply(clean, dose, model, rng);
            Assert.Equal(dose / 0.25, img.Metadata.DoseElectronsPerAngstrom2!.Value, 9);
            double mean = 0, amp = 0;
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    mean += img[x, y];
                    amp += img[x, y] * Math.Cos(2 * Math.PI * 32 * x / n);
                }
            sumMean += mean / (n * n);
            sumAmp += 2 * amp / (n * n);
        }
        double measuredMean = sumMean / frames, measuredAmp = sumAmp / frames;
        Assert.InRange(measuredMean, dose * 0.998, dose * 1.002);
        double noise = Math.Sqrt(2 * dose / (n * n * frames));
        Assert.InRange(measuredAmp, dose * contrast * 0.5 - 5 * noise, dose * contrast * 0.5 + 5 * noise);
    }

    [Fact]
    public void SameSeedSameFrame()
    {
        var model = DetectorModel.Preset(4);
        var a = DetectorSimulator.Vacuum(96, 80, 1.5, model, new Random(42));
        var b = DetectorSimulator.Vacuum(96, 80, 1.5, model, new Random(42));
        Assert.True(a.Pixels.SequenceEqual(b.Pixels));
        var c = DetectorSimulator.Vacuum(96, 80, 1.5, model, new Random(43));
        Assert.False(a.Pixels.SequenceEqual(c.Pixels));
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var model = DetectorModel.Preset(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectorSimulator.Vacuum(8, 8, -1, model, new Random(1)));
        var dark = new Image2D(8, 8);
        Assert.Contains("positive mean", Assert.Throws<ArgumentException>(() => DetectorSimulator.Apply(dark, 1, model, new Random(1))).Message);
    }
}
