using TemKit.Imaging;

namespace TemKit.Tests.Imaging;

public class ImageStatisticsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(4096 * 3 + 5)]
    public void MatchesNaiveDoubleReference(int n)
    {
        var rng = new Random(n + 1);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)(rng.NextDouble() * 200 - 50);
        var s = ImageStatistics.Of(values);
        Assert.Equal(n, s.Count);
        if (n == 0) { Assert.True(double.IsNaN(s.Mean)); return; }
        double sum = values.Sum(v => (double)v), mean = sum / n;
        double std = Math.Sqrt(values.Sum(v => ((double)v - mean) * ((double)v - mean)) / n);
        Assert.Equal(values.Min(), s.Min);
        Assert.Equal(values.Max(), s.Max);
        Assert.Equal(sum, s.Sum, 6);
        Assert.Equal(mean, s.Mean, 9);
        Assert.Equal(std, s.StandardDeviation, 6);
        Assert.Equal(values[0], s.First);
        Assert.Equal(values[^1], s.Last);
    }

    [Fact]
    public void NonFiniteValuesAreCountedAndExcludedFromMinMax()
    {
        var values = new float[40];
        for (int i = 0; i < values.Length; i++) values[i] = i;
        values[13] = float.NaN;
        values[30] = float.PositiveInfinity;
        var s = ImageStatistics.Of(values);
        Assert.Equal(2, s.NonFiniteCount);
        Assert.Equal(0, s.Min);
        Assert.Equal(39, s.Max);
    }
}
