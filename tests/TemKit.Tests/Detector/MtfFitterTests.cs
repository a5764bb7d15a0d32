using TemKit.Detector;

namespace TemKit.Tests.Detector;

public class MtfFitterTests
{
    private static RadialSpectrum Synthetic(double c0, double c1, double c2, double c3, Random? noise = null, double relativeNoise = 0)
    {
        const int bins = 200;
        double bw = 1.0 / 150;
        var q = new double[bins];
        var v = new double[bins];
        var n = new long[bins];
        for (int b = 0; b < bins; b++)
        {
            q[b] = b * bw;
            // Eq. 4 written out independently of the library
            v[b] = (c1 - c2) / (1 + Math.Pow(q[b] / c0, c3)) + c2;
            if (noise is not null) v[b] *= 1 + relativeNoise * (2 * noise.NextDouble() - 1);
            n[b] = Math.Max(1, (long)(Math.PI * b));
        }
        v[0] = 1e9; // a huge DC bin must not matter
        return new RadialSpectrum(q, v, n, bw, SpectrumKind.Amplitude, 1);
    }

    [Theory]
    [InlineData(0.25, 100.0, 5.0, 2.5)]
    [InlineData(0.45, 3.0, 0.9, 3.5)]
    [InlineData(0.6, 1.0, 0.02, 1.5)]
    [InlineData(0.2, 50.0, 25.0, 5.0)]
    public void RecoversExactEq4(double c0, double c1, double c2, double c3)
    {
        var fit = MtfFitter.Fit(Synthetic(c0, c1, c2, c3));
        Assert.Equal(c0, fit.C0, 1e-5 * c0);
        Assert.Equal(c1, fit.C1, 1e-5 * c1);
        Assert.Equal(c2, fit.C2, 1e-4 * c1);
        Assert.Equal(c3, fit.C3, 1e-4 * c3);
        Assert.Equal(c2 / c1, fit.C, 1e-4);
        Assert.True(fit.RSquared > 0.999999);
        Assert.Equal(0.5 * (1 + c2 / c1), fit.Mtf(c0), 1e-4);
    }

    [Fact]
    public void NoisySpectrumStaysClose()
    {
        var fit = MtfFitter.Fit(Synthetic(0.3, 10, 1, 2.5, new Random(3), 0.05));
        Assert.InRange(fit.C0, 0.28, 0.32);
        Assert.InRange(fit.C, 0.08, 0.12);
        Assert.InRange(fit.RSquared, 0.95, 1.0);
    }

    [Fact]
    public void IgnoresCornerBeyondNyquist()
    {
        var s = Synthetic(0.3, 10, 1, 2.5);
        for (int b = 0; b < s.Length; b++) if (s.QNormalised[b] > 1) s.Values[b] = 1000;
        var fit = MtfFitter.Fit(s, new MtfFitOptions(MaxQNormalised: 1.0));
        Assert.Equal(0.3, fit.C0, 1e-5);
        Assert.True(fit.Bins < MtfFitter.Fit(Synthetic(0.3, 10, 1, 2.5)).Bins);
    }

    [Fact]
    public void TooFewBinsIsAnError()
    {
        var s = Synthetic(0.3, 10, 1, 2.5);
        var e = Assert.Throws<ArgumentException>(() => MtfFitter.Fit(s, new MtfFitOptions(MaxQNormalised: 0.03)));
        Assert.Contains("need ≥ 8", e.Message);
    }

    [Fact]
    public void ReadoutFitRecoversExactEq2()
    {
        double[] nd = [0.02, 0.05, 0.1, 0.3, 1, 3];
        var c = nd.Select(d => Math.Sqrt(0.012 / (0.012 + d))).ToArray();
        var fit = ReadoutNoiseFit.Fit(nd, c, SpectrumKind.Amplitude);
        Assert.Equal(0.012, fit.ReadoutNoiseElectronsPerPixel, 1e-7);
        Assert.Equal(1.0, fit.RSquared, 1e-9);
        Assert.Equal(6, fit.Frames);
        Assert.Throws<ArgumentException>(() => ReadoutNoiseFit.Fit([0.1], [0.3], SpectrumKind.Amplitude));
    }

    [Fact]
    public void ReadoutFitTakesPowerFloorsAsTheSquareOfEq2()
    {
        // A power-spectrum floor is C_power = N0/(N0 + N_D), the square of Eq. 2's amplitude floor.
        double[] nd = [0.02, 0.05, 0.1, 0.3, 1, 3];
        var c = nd.Select(d => 0.012 / (0.012 + d)).ToArray();
        var fit = ReadoutNoiseFit.Fit(nd, c, SpectrumKind.Power);
        Assert.Equal(0.012, fit.ReadoutNoiseElectronsPerPixel, 1e-7);
        Assert.Equal(1.0, fit.RSquared, 1e-9);
    }
}
