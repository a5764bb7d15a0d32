using TemKit.Numerics;

namespace TemKit.Tests.Numerics;

public class NoiseRandomTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(40.0)]
    public void FillPoissonDrawsTheSameSequenceAsSingleDrawsAndHasTheMean(double lambda)
    {
        var filled = new float[20000];
        new NoiseRandom(7, 3).FillPoisson(filled, lambda);
        var single = new NoiseRandom(7, 3);
        for (int i = 0; i < filled.Length; i++) Assert.Equal((float)single.NextPoisson(lambda), filled[i]);
        // Mean and variance both λ (Poisson); 20 000 draws: standard error of the mean √(λ/20000).
        double mean = filled.Average(v => (double)v), variance = filled.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, lambda - 5 * Math.Sqrt(lambda / 2e4) - 1e-12, lambda + 5 * Math.Sqrt(lambda / 2e4) + 1e-12);
        Assert.InRange(variance, 0.9 * lambda - 1e-12, 1.1 * lambda + 1e-12);
    }
}
