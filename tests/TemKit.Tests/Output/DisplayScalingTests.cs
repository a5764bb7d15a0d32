using TemKit.Imaging.Display;

namespace TemKit.Tests.Output;

public class DisplayScalingTests
{
    /// <summary>The textbook percentile: sort the finite values, interpolate linearly at rank p/100·(n−1).</summary>
    private static double NaivePercentile(float[] values, double p)
    {
        double[] s = values.Where(float.IsFinite).Select(v => (double)v).Order().ToArray();
        if (s.Length == 0) return double.NaN;
        double r = p / 100 * (s.Length - 1);
        int k = (int)Math.Floor(r);
        double frac = r - k;
        return k + 1 < s.Length ? s[k] + frac * (s[k + 1] - s[k]) : s[k];
    }

    private static float[] Data(int n, int seed, bool spiky)
    {
        var rng = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            v[i] = (float)(100 + 15 * g);
            if (spiky && i % 97 == 3) v[i] = float.NaN;
            if (spiky && i % 211 == 5) v[i] = float.PositiveInfinity;
            if (spiky && i % 1009 == 7) v[i] = 3e7f; // hot pixels squeeze the bulk into one histogram bin
            if (spiky && i % 13 == 0) v[i] = MathF.Round(v[i]); // ties
        }
        return v;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(17, true)]
    [InlineData(129, true)]
    [InlineData(5000, false)]
    [InlineData(200_000, true)]
    public void PercentilesMatchTheSortedReference(int n, bool spiky)
    {
        float[] v = Data(n, n, spiky);
        foreach (double p in new[] { 0.0, 0.5, 1, 25, 50, 73.3, 99.5, 100 })
        {
            double expected = NaivePercentile(v, p);
            double actual = Percentiles.Of(v, p);
            Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"n={n} p={p}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void PercentilesOfNothingFiniteAreNaN()
    {
        Assert.True(double.IsNaN(Percentiles.Of([float.NaN, float.PositiveInfinity], 50)));
        Assert.True(double.IsNaN(Percentiles.Of([], 50)));
        Assert.Equal(4, Percentiles.Of([4, 4, 4, float.NaN], 99));
    }

    [Fact]
    public void Gray8FollowsTheLinearMapBetweenPercentiles()
    {
        float[] v = Data(10_000, 5, spiky: true);
        var scale = new DisplayScale(2, 98);
        double lo = NaivePercentile(v, 2), hi = NaivePercentile(v, 98);
        byte[] g = DisplayScaling.ToGray8(v, scale);
        for (int i = 0; i < v.Length; i++)
        {
            int expected = float.IsNaN(v[i]) ? 0 : float.IsPositiveInfinity(v[i]) ? 255
                : (int)Math.Clamp(Math.Floor((v[i] - lo) / (hi - lo) * 255 + 0.5), 0, 255);
            Assert.True(Math.Abs(expected - g[i]) <= (expected is 0 or 255 ? 0 : 1), $"pixel {i}: {v[i]} -> {g[i]}, expected {expected}");
        }
    }

    [Fact]
    public void LargeImagesUseTheParallelPathWithTheSameResult()
    {
        float[] v = Data(600_000, 9, spiky: true);
        byte[] whole = DisplayScaling.ToGray8(v, new DisplayScale());
        var window = DisplayScaling.WindowFor(v, new DisplayScale());
        // Re-map a slice in the small (serial) path with the same window.
        byte[] part = DisplayScaling.ToGray8(v.AsSpan(1000, 5000), DisplayScale.Fixed(window.Low, window.High));
        Assert.Equal(whole.AsSpan(1000, 5000).ToArray(), part);
    }

    [Fact]
    public void LogScaleMapsThroughLogOnePlusXMinusMin()
    {
        float[] v = [10, 11, 20, 110, 1010];
        byte[] g = DisplayScaling.ToGray8(v, new DisplayScale(0, 100, Log: true));
        double top = Math.Log(1 + 1000);
        for (int i = 0; i < v.Length; i++)
            Assert.Equal((int)Math.Floor(Math.Log(1 + v[i] - 10) / top * 255 + 0.5), g[i]);
    }

    [Fact]
    public void Gray16SpansTheFullRange()
    {
        float[] v = [-1, 0, 1];
        ushort[] g = DisplayScaling.ToGray16(v, DisplayScale.MinMax);
        Assert.Equal(new ushort[] { 0, 32768, 65535 }, g);
    }

    [Fact]
    public void ConstantAndEmptyImagesDoNotDivideByZero()
    {
        Assert.Equal(new byte[] { 0, 0, 0 }, DisplayScaling.ToGray8([5, 5, 5], new DisplayScale()));
        Assert.Equal(new byte[] { 0, 0 }, DisplayScaling.ToGray8([float.NaN, float.NaN], new DisplayScale()));
        Assert.Empty(DisplayScaling.ToGray8([], new DisplayScale()));
    }

    [Fact]
    public void FixedWindowOverridesPercentiles()
    {
        byte[] g = DisplayScaling.ToGray8([0, 50, 100, 200], DisplayScale.Fixed(0, 200));
        Assert.Equal(new byte[] { 0, 64, 128, 255 }, g);
    }
}
