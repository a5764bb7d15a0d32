using TemKit.CtfEstimation.Profile;

namespace TemKit.Tests.CtfEstimation;

public class ThonRingTests
{
    private static SmoothedProfile Raw(double[] signal, double pixel = 1.0, int size = 64) =>
        new(Enumerable.Range(0, signal.Length).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, signal.Length).Select(i => i / (size * pixel)).ToArray(),
            signal, signal, new double[signal.Length], signal, 0, 0, pixel, size);

    [Fact]
    public void ProminenceFollowsScipyDefinition()
    {
        // Hand-computed as scipy.signal.peak_prominences: peak 2 (height 5) sees a higher peak at 6, so its base is
        // max(min left = 0, min right before 7 = 1) = 1 → prominence 4; peak 6 (height 7) → 7 − max(0, 0) = 7.
        double[] s = [0, 2, 5, 3, 1, 4, 7, 2, 0];
        Assert.Equal(4, ThonRingPeaks.Prominence(s, 2, 1, 0), 12);
        Assert.Equal(7, ThonRingPeaks.Prominence(s, 6, 1, 0), 12);
        // The dip at 4 (value 1) is bounded by the lower of its shoulders, 5 on the left: 5 − 1 = 4.
        Assert.Equal(4, ThonRingPeaks.Prominence(s, 4, -1, 0), 12);
        var rings = ThonRingPeaks.Find(Raw(s), 0);
        Assert.Equal([2.0, 6.0], rings.Peaks.Select(p => Math.Round(p.RadiusPx)).ToArray());
        Assert.Equal(6.0, rings.SecondPeakRadiusPx, 0.5);
        Assert.Equal(rings.SecondPeakRadiusPx / 64, rings.SecondPeakFrequencyInverseAngstrom, 12);
        Assert.Equal(1.0, rings.Zeros.Single().Order);
    }

    [Fact]
    public void RelativeProminenceDropsSmallBumps()
    {
        double[] s = [0, 10, 0, 0.2, 0, 8, 0, 0];
        var all = ThonRingPeaks.Find(Raw(s), 0);
        var strong = ThonRingPeaks.Find(Raw(s), 0.1);
        Assert.Equal(3, all.Peaks.Count);
        Assert.Equal(2, strong.Peaks.Count);
        Assert.Equal(5.0, strong.SecondPeakRadiusPx, 0.5);
        Assert.Null(ThonRingPeaks.Find(Raw([0, 1, 0, 0]), 0).SecondPeak);
    }

    [Fact]
    public void ParabolaVertexIsExactForAQuadratic()
    {
        // f(x) = −(x − 0.3)² sampled at −1, 0, 1.
        Assert.Equal(0.3, ThonRingPeaks.ParabolaOffset(-1.69, -0.09, -0.49), 12);
    }

    [Fact]
    public void GaussianSmoothingPreservesConstantsAndArea()
    {
        var constant = Enumerable.Repeat(3.0, 50).ToArray();
        Assert.All(ProfileSmoothing.Gaussian(constant, 2.5, 0), v => Assert.Equal(3.0, v, 12));
        var delta = new double[61];
        delta[30] = 1;
        var g = ProfileSmoothing.Gaussian(delta, 2.0, 0);
        Assert.Equal(1.0, g.Sum(), 6);
        Assert.Equal(1 / Math.Sqrt(2 * Math.PI * 4), g[30], 3);
    }

    [Fact]
    public void BackgroundPassesThroughTheMinimaAndRingsRemainAsPositiveBumps()
    {
        // Exponentially falling background times (1 + sin²): minima of the product lie on the background.
        int n = 200;
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = 100 * Math.Exp(-i / 60.0) * (1 + Math.Pow(Math.Sin(Math.PI * i / 20.0), 2));
        var profile = new RadialProfile(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), new double[n], values, new double[n], 1.0, 400);
        var sm = ProfileSmoothing.Smooth(profile, 0, minRadiusPx: 3);
        for (int i = 20; i < 180; i += 20) Assert.Equal(100 * Math.Exp(-i / 60.0), sm.Background[i], 100 * Math.Exp(-i / 60.0) * 1e-6);
        for (int i = 30; i < 170; i += 20) Assert.True(sm.Signal[i] > 0.5 * 100 * Math.Exp(-i / 60.0));
        Assert.All(sm.Signal, v => Assert.True(v >= 0));
        var rings = ThonRingPeaks.Find(sm);
        Assert.Equal(30.0, rings.SecondPeakRadiusPx, 1.0);
    }
}
