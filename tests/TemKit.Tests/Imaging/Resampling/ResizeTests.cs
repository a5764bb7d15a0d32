using TemKit.Imaging.Resampling;

namespace TemKit.Tests.Imaging.Resampling;

public class ResizeTests
{
    /// <summary>
    /// Naive reference straight from the definition, evaluated in 2D: along a shrinking axis output pixel i is the
    /// integral of the piecewise-constant input over [i·s, (i+1)·s) divided by s; along a growing axis, linear
    /// interpolation of pixel-centre samples at u = (i + 0.5)·s − 0.5, clamped to the edge samples.
    /// </summary>
    private static double Weight(int n, int m, int i, int j)
    {
        double s = (double)n / m;
        if (s > 1) return Math.Max(0, Math.Min((i + 1) * s, j + 1) - Math.Max(i * s, j)) / s;
        double u = Math.Clamp((i + 0.5) * s - 0.5, 0, n - 1);
        return Math.Max(0, 1 - Math.Abs(u - j));
    }

    private static float[] Naive(float[] src, int w, int h, int nw, int nh)
    {
        var dst = new float[nw * nh];
        for (int y = 0; y < nh; y++)
            for (int x = 0; x < nw; x++)
            {
                double sum = 0;
                for (int j = 0; j < h; j++)
                    for (int k = 0; k < w; k++) sum += Weight(h, nh, y, j) * Weight(w, nw, x, k) * src[j * w + k];
                dst[y * nw + x] = (float)sum;
            }
        return dst;
    }

    [Theory]
    [InlineData(12, 9, 4, 3), InlineData(9, 12, 27, 36), InlineData(17, 13, 6, 29), InlineData(1, 5, 3, 2), InlineData(20, 20, 20, 20), InlineData(30, 7, 11, 7)]
    public void MatchesTheDefinition(int w, int h, int nw, int nh)
    {
        var rng = new Random(w * 31 + h);
        var src = Enumerable.Range(0, w * h).Select(_ => (float)rng.NextDouble()).ToArray();
        var dst = new float[nw * nh];
        Resize.Image(src, w, h, dst, nw, nh);
        var expected = Naive(src, w, h, nw, nh);
        for (int i = 0; i < dst.Length; i++) Assert.InRange(Math.Abs(expected[i] - dst[i]), 0, 1e-5);
    }

    [Fact]
    public void ShrinkingByAnIntegerFactorIsBlockAveragingAndKeepsTheMean()
    {
        var rng = new Random(4);
        var src = Enumerable.Range(0, 12 * 9).Select(_ => (float)rng.NextDouble()).ToArray();
        var dst = new float[4 * 3];
        Resize.Image(src, 12, 9, dst, 4, 3);
        double block = 0;
        for (int y = 0; y < 3; y++)
            for (int x = 0; x < 3; x++) block += src[y * 12 + x];
        Assert.Equal(block / 9, dst[0], 5);
        Assert.Equal(src.Average(), dst.Average(), 5);
    }

    [Fact]
    public void EnlargingAConstantOrARampIsExact()
    {
        var flat = Enumerable.Repeat(3.5f, 5 * 4).ToArray();
        var big = new float[15 * 12];
        Resize.Image(flat, 5, 4, big, 15, 12);
        Assert.All(big, v => Assert.Equal(3.5f, v, 6));
        // A ramp along x sampled at pixel centres is reproduced between the outermost centres.
        var ramp = Enumerable.Range(0, 8).Select(i => (float)i).ToArray();
        var up = new float[32];
        Resize.Image(ramp, 8, 1, up, 32, 1);
        for (int i = 2; i < 30; i++) Assert.Equal((i + 0.5) * 0.25 - 0.5, up[i], 5);
    }

    [Theory]
    [InlineData(12, 9, 48, 36, 5, 7, 20, 11)]
    [InlineData(17, 13, 40, 29, 0, 0, 40, 29)]
    [InlineData(64, 48, 8, 6, 2, 1, 5, 4)]
    [InlineData(9, 12, 27, 36, 26, 35, 1, 1)]
    public void ARegionIsBitForBitTheCropOfTheWholeResize(int w, int h, int nw, int nh, int x0, int y0, int rw, int rh)
    {
        var rng = new Random(w + 7 * h);
        var src = Enumerable.Range(0, w * h).Select(_ => (float)rng.NextDouble()).ToArray();
        var whole = new float[nw * nh];
        Resize.Image(src, w, h, whole, nw, nh);
        var region = new float[rw * rh];
        Resize.ImageRegion(src, w, h, nw, nh, x0, y0, rw, rh, region);
        for (int y = 0; y < rh; y++)
            for (int x = 0; x < rw; x++) Assert.Equal(whole[(y0 + y) * nw + x0 + x], region[y * rw + x]);
        // The region also agrees with the definition.
        var expected = Naive(src, w, h, nw, nh);
        Assert.InRange(Math.Abs(expected[y0 * nw + x0] - region[0]), 0, 1e-5);
    }
}
