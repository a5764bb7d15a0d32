using TemKit.Neural.Layers;

namespace TemKit.Tests.Neural;

/// <summary>The vectorised rows of max pooling and bilinear up-sampling against plain per-pixel references, at widths that use both the vector blocks and the scalar tails.</summary>
public class PoolingAndUpsamplingTests
{
    [Theory]
    [InlineData(4, 32)]
    [InlineData(6, 70)]
    [InlineData(5, 97)]
    public void MaxPoolMatchesTheWindowMaximumAndRoutesTheGradientToIt(int h, int w)
    {
        var rng = new Random(h * 100 + w);
        using var x = Reference.Random(rng, 2, 3, h, w);
        using var g = Reference.Random(rng, 2, 3, h / 2, w / 2);
        var pool = new MaxPool2d();
        using var y = pool.Forward(x, training: true);
        using var gx = pool.Backward(g);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int oy = 0; oy < h / 2; oy++)
                    for (int ox = 0; ox < w / 2; ox++)
                    {
                        int by = 2 * oy, bx = 2 * ox;
                        float best = x[n, c, by, bx];
                        (int, int) at = (by, bx);
                        foreach (var (yy, xx) in new[] { (by, bx + 1), (by + 1, bx), (by + 1, bx + 1) })
                            if (x[n, c, yy, xx] > best) (best, at) = (x[n, c, yy, xx], (yy, xx));
                        Assert.Equal(best, y[n, c, oy, ox]);
                        Assert.Equal(g[n, c, oy, ox], gx[n, c, at.Item1, at.Item2]);
                    }
    }

    [Theory]
    [InlineData(3, 18)]
    [InlineData(4, 37)]
    [InlineData(2, 64)]
    public void UpsampleMatchesHalfPixelBilinearInterpolation(int h, int w)
    {
        var rng = new Random(h * 10 + w);
        using var x = Reference.Random(rng, 1, 2, h, w);
        using var y = new BilinearUpsample2x().Forward(x, training: false);
        for (int c = 0; c < 2; c++)
            for (int oy = 0; oy < 2 * h; oy++)
                for (int ox = 0; ox < 2 * w; ox++)
                {
                    double sy = Math.Max(0, (oy + 0.5) / 2 - 0.5), sx = Math.Max(0, (ox + 0.5) / 2 - 0.5);
                    int y0 = Math.Min((int)sy, h - 1), x0 = Math.Min((int)sx, w - 1);
                    int y1 = Math.Min(y0 + 1, h - 1), x1 = Math.Min(x0 + 1, w - 1);
                    double fy = sy - y0, fx = sx - x0;
                    double top = x[0, c, y0, x0] * (1 - fx) + x[0, c, y0, x1] * fx;
                    double bottom = x[0, c, y1, x0] * (1 - fx) + x[0, c, y1, x1] * fx;
                    double expected = top * (1 - fy) + bottom * fy;
                    Assert.True(Math.Abs(expected - y[0, c, oy, ox]) < 1e-5, $"({c}, {oy}, {ox}): {y[0, c, oy, ox]} vs {expected}");
                }
    }

    [Theory]
    [InlineData(3, 18)]
    [InlineData(4, 37)]
    [InlineData(2, 64)]
    [InlineData(5, 7)]
    public void UpsampleBackwardIsTheAdjointOfForward(int h, int w)
    {
        // ⟨Up x, g⟩ = ⟨x, Upᵀ g⟩ for random x and g.
        var rng = new Random(h * 7 + w);
        using var x = Reference.Random(rng, 1, 3, h, w);
        using var g = Reference.Random(rng, 1, 3, 2 * h, 2 * w);
        var up = new BilinearUpsample2x();
        using var y = up.Forward(x, training: true);
        using var gx = up.Backward(g);
        double left = 0, right = 0;
        for (int i = 0; i < y.Length; i++) left += (double)y.Span[i] * g.Span[i];
        for (int i = 0; i < x.Length; i++) right += (double)x.Span[i] * gx.Span[i];
        Assert.True(Math.Abs(left - right) < 1e-4 * (1 + Math.Abs(left)), $"⟨Up x, g⟩ = {left}, ⟨x, Upᵀ g⟩ = {right}");
    }
}
