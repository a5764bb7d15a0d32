using TemKit.Numerics;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Tests.CtfEstimation;

public class SyntheticMicrographTests
{
    private static readonly CtfParameters Ctf = new(300, 2.7, 0.07, 10000, 9000, 30);

    [Fact]
    public void MeanCountEqualsDoseTimesPixelAreaAndShotNoiseIsPoisson()
    {
        // Without a film the image is pure shot noise: mean = variance = dose · p² (Poisson).
        var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(Ctf) { WidthPx = 256, HeightPx = 256, PixelSizeAngstrom = 1.5, DoseElectronsPerAngstrom2 = 4, PhaseRmsRadians = 0, Seed = 9 });
        var px = image.Pixels.ToArray();
        double mean = px.Average(), variance = px.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Equal(9.0, mean, 0.1);
        Assert.Equal(9.0, variance, 0.3);
        Assert.All(px, v => Assert.Equal(Math.Round(v), v));
        Assert.Equal(1.5, image.PixelSizeAngstrom);
        Assert.Equal(4, image.Metadata.DoseElectronsPerAngstrom2);
    }

    [Fact]
    public void ThePoissonSamplerMatchesMeanVarianceAndZeroProbabilityOnBothBranches()
    {
        // Inversion below λ = 10, transformed rejection above: mean = variance = λ, P(0) = e^-λ.
        var rng = new NoiseRandom(4, 0);
        foreach (double mu in new[] { 0.5, 7.0, 12.0, 120.0 })
        {
            var s = new double[40000];
            for (int i = 0; i < s.Length; i++) s[i] = rng.NextPoisson(mu);
            double m = s.Average(), v = s.Select(x => (x - m) * (x - m)).Average();
            Assert.Equal(mu, m, mu * 0.02 + 0.01);
            Assert.Equal(mu, v, mu * 0.05 + 0.02);
            Assert.All(s, x => Assert.Equal(Math.Round(x), x));
            Assert.Equal(Math.Exp(-mu), s.Count(x => x == 0) / (double)s.Length, 0.01);
        }
    }

    [Fact]
    public void NoiseFreeContrastVarianceMatchesTheWeakPhaseSum()
    {
        var o = new SyntheticMicrographOptions(Ctf) { WidthPx = 128, HeightPx = 128, DoseElectronsPerAngstrom2 = 0, BFactorAngstrom2 = 0, FocalSpreadAngstrom = 0, Seed = 1 };
        var a = SyntheticMicrograph.Generate(o).Pixels.ToArray();
        // Same seed, same image (to float rounding: an FFT backend may pick different SIMD kernels per buffer alignment).
        var again = SyntheticMicrograph.Generate(o).Pixels.ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], again[i], 1e-5);
        Assert.Equal(1.0, a.Average(), 1e-3);
        // Weak phase: I − 1 = 2·CTF⊗φ, so E[var] = 4 φ_rms² Σ f² CTF² / Σ f² over the frequency grid (naive sum here).
        var ctf = new TemKit.Optics.Ctf(Ctf);
        double num = 0, den = 0;
        for (int y = 0; y < 128; y++)
            for (int x = 0; x < 128; x++)
            {
                double kx = (x < 64 ? x : x - 128) / 128.0, ky = (y < 64 ? y : y - 128) / 128.0;
                double g = Math.Sqrt(kx * kx + ky * ky);
                if (g == 0) continue;
                double f = 1 / (1 + g / o.FilmCornerFrequencyInverseAngstrom);
                double c = ctf.Value(g, Math.Atan2(ky, kx));
                num += f * f * c * c;
                den += f * f;
            }
        double expected = 4 * 0.15 * 0.15 * num / den;
        double variance = a.Select(v => (v - 1) * (v - 1)).Average();
        Assert.Equal(expected, variance, expected * 0.2);
    }
}
