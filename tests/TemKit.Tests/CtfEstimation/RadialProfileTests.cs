using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.Optics;

namespace TemKit.Tests.CtfEstimation;

public class RadialProfileTests
{
    private static PowerSpectrum Spectrum(int n, double pixel, Func<double, double, double> f)
    {
        var img = new Image2D(n, n, VoxelSize.Isotropic(pixel));
        int c = n / 2;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) img[x, y] = (float)f(x - c, y - c);
        return new PowerSpectrum(img, pixel);
    }

    [Fact]
    public void ProfileOfTheRadiusIsTheRadiusWithFrequencies()
    {
        var ps = Spectrum(128, 2.0, (x, y) => Math.Sqrt(x * x + y * y));
        var p = RadialProfile.Compute(ps);
        Assert.Equal(65, p.Length);
        // Linear weights: a bin's mean radius exceeds its centre by ≈ 1/(6 r) because the area grows with r.
        for (int r = 5; r < 64; r++) Assert.Equal(r, p.Value[r], 0.05);
        Assert.Equal(10 / (128 * 2.0), p.FrequencyInverseAngstrom[10], 12);
        // Count ≈ ring circumference 2πr.
        Assert.Equal(2 * Math.PI * 40, p.Count[40], 2.0);
    }

    [Theory]
    [InlineData(64, false, 0)]
    [InlineData(64, true, 0)]
    [InlineData(50, true, 17)]
    [InlineData(2, false, 0)]
    public void FoldedProfileEqualsANaivePerPixelAverageOnAnAsymmetricSpectrum(int n, bool amplitude, int maxRadius)
    {
        var rng = new Random(7);
        var ps = Spectrum(n, 1.5, (_, _) => rng.NextDouble() * 10);
        var options = new RadialProfileOptions { Amplitude = amplitude, MaxRadiusPx = maxRadius };
        var p = RadialProfile.Compute(ps, options);

        // Reference: every pixel split between floor(r) and floor(r)+1 with linear weights, one at a time.
        int c = n / 2, bins = (maxRadius > 0 ? Math.Min(maxRadius, c) : c) + 1;
        var sum = new double[bins];
        var weight = new double[bins];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double r = Math.Sqrt((x - c) * (x - c) + (y - c) * (y - c));
                int i = (int)r;
                if (i >= bins) continue;
                double f = r - i, v = ps.Image[x, y];
                if (amplitude) v = Math.Sqrt(v);
                sum[i] += (1 - f) * v;
                weight[i] += 1 - f;
                if (i + 1 < bins) { sum[i + 1] += f * v; weight[i + 1] += f; }
            }
        Assert.Equal(bins, p.Length);
        for (int i = 0; i < bins; i++)
        {
            Assert.Equal(weight[i], p.Count[i], 9);
            if (weight[i] > 0) Assert.Equal(sum[i] / weight[i], p.Value[i], 5);
        }
    }

    [Fact]
    public void SubPixelRingKeepsItsFractionalRadius()
    {
        var ps = Spectrum(256, 1.0, (x, y) => Math.Exp(-Math.Pow(Math.Sqrt(x * x + y * y) - 40.3, 2) / 2));
        var sm = ProfileSmoothing.Smooth(RadialProfile.Compute(ps), 0);
        var rings = ThonRingPeaks.Find(sm, 0.1);
        var peak = Assert.Single(rings.Peaks);
        Assert.Equal(40.3, peak.RadiusPx, 0.1);
    }

    [Fact]
    public void AmplitudeOptionAveragesSquareRoots()
    {
        var ps = Spectrum(64, 1.0, (_, _) => 16);
        Assert.Equal(4.0, RadialProfile.Compute(ps, new RadialProfileOptions { Amplitude = true }).Value[10], 6);
        Assert.Equal(16.0, RadialProfile.Compute(ps).Value[10], 6);
    }

    [Fact]
    public void EllipticalAverageRestoresSharpZerosThatTheRotationalAverageWashesOut()
    {
        // Noise-free CTF² of an astigmatic CTF (8 % astigmatism): along the fitted rings the zeros stay ≈ 0.
        var p = new CtfParameters(300, 2.7, 0.07, 20800, 19200, 30);
        var ctf = new TemKit.Optics.Ctf(p);
        double pixel = 1.0;
        int n = 512;
        double step = 1.0 / (n * pixel);
        var ps = Spectrum(n, pixel, (x, y) =>
        {
            double g = Math.Sqrt(x * x + y * y) * step;
            double v = ctf.Value(g, Math.Atan2(y, x));
            return v * v;
        });
        var elliptical = RadialProfile.ComputeElliptical(ps, p);
        var rotational = RadialProfile.Compute(ps);
        var iso = new TemKit.Optics.Ctf(p with { Defocus1Angstrom = p.MeanDefocusAngstrom, Defocus2Angstrom = p.MeanDefocusAngstrom });
        for (int k = 6; k <= 12; k += 3)
        {
            double r = iso.ZeroFrequency(k, 0) / step;
            int i = (int)Math.Round(r);
            double expected = Math.Pow(iso.Value(i * step, 0), 2);
            Assert.True(Math.Abs(elliptical.Value[i] - expected) < 0.1, $"zero {k} at r={r:F1}: elliptical {elliptical.Value[i]:F3}, isotropic CTF² {expected:F3}");
            Assert.True(rotational.Value[i] > 0.25, $"zero {k} at r={r:F1}: rotational {rotational.Value[i]:F3}");
        }
    }

    [Fact]
    public void EquivalentRadiusSolvesTheQuadraticInGSquared()
    {
        // b·u − a·u² = phase at the returned u, and the smaller root is chosen.
        double a = 3.0, b = 10.0, phase = 4.0;
        double u = RadialProfile.EquivalentG2(phase, b, a);
        Assert.Equal(phase, b * u - a * u * u, 10);
        Assert.True(u < b / (2 * a));
        Assert.True(double.IsNaN(RadialProfile.EquivalentG2(100, b, a)));
        Assert.Equal(0.4, RadialProfile.EquivalentG2(4, 10, 0), 12);
    }

    [Fact]
    public void EllipticalAverageNeedsACalibratedSpectrum()
    {
        var ps = new PowerSpectrum(new Image2D(32, 32), 0);
        var ex = Assert.Throws<ArgumentException>(() => RadialProfile.ComputeElliptical(ps, new CtfParameters(300, 2.7, 0.07, 10000)));
        Assert.Contains("pixel size", ex.Message);
    }
}
