using TemKit.Neural.Convolution;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

public class ConvolutionTests
{
    [Theory]
    [InlineData(1, 1, 3, 1, false, 5, 7)]
    [InlineData(3, 5, 5, 2, false, 17, 9)]
    [InlineData(2, 6, 3, 1, true, 3, 129)]
    [InlineData(2, 1, 9, 10, true, 13, 11)]
    [InlineData(4, 4, 5, 1, true, 20, 70)]
    [InlineData(1, 3, 1, 1, false, 6, 33)]
    [InlineData(16, 16, 5, 1, false, 13, 17)]
    [InlineData(16, 24, 5, 1, false, 9, 70)]
    public void ForwardMatchesNaiveReference(int cin, int cout, int k, int d, bool reflect, int h, int w)
    {
        var rng = new Random(11);
        var conv = new Conv2d("c", cin, cout, k, d, reflect ? PaddingMode.Reflect : PaddingMode.Zero, bias: true, rng);
        for (int i = 0; i < cout; i++) conv.Bias!.Value[i] = (float)rng.NextDouble();
        using var x = Reference.Random(rng, 2, cin, h, w);
        using var y = conv.Forward(x, training: false);
        var expected = Reference.Conv(x, conv.Weight.Value, conv.Bias!.Value, cout, k, d, reflect);
        var got = y.Span;
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - got[i]) < 1e-4 * (1 + Math.Abs(expected[i])), $"element {i}: {got[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData(2, 3, 3, 1, false, 7, 9)]
    [InlineData(1, 2, 3, 10, true, 7, 9)]
    [InlineData(3, 5, 9, 10, true, 13, 11)]
    [InlineData(5, 4, 5, 2, true, 9, 37)]
    [InlineData(2, 2, 1, 1, false, 3, 17)]
    [InlineData(16, 16, 5, 1, false, 13, 17)]
    public void BackwardMatchesFiniteDifferences(int cin, int cout, int k, int d, bool reflect, int h, int w)
        => CheckBackward(cin, cout, k, d, reflect, h, w, 1e-2f);

    [Fact]
    public void WinogradLayerBackwardMatchesFiniteDifferences()
    {
        // Winograd's fp32 outputs carry ~1e-5 relative rounding, which a 1e-2 central difference amplifies 50x; the loss
        // is linear in x and w, so a larger step is exact up to rounding.
        CheckBackward(24, 16, 5, 1, false, 9, 70, 5e-2f);
    }

    private static void CheckBackward(int cin, int cout, int k, int d, bool reflect, int h, int w, float eps)
    {
        var rng = new Random(5);
        var conv = new Conv2d("c", cin, cout, k, d, reflect ? PaddingMode.Reflect : PaddingMode.Zero, bias: true, rng);
        using var x = Reference.Random(rng, 2, cin, h, w);
        using var r = Reference.Random(rng, 2, cout, h, w);
        double Loss()
        {
            using var y = conv.Forward(x, training: false);
            return Reference.Project(y, r);
        }
        using (var y = conv.Forward(x, training: true)) { }
        using var gx = conv.Backward(r);
        var xs = x.Buffer;
        for (int i = 0; i < x.Length; i += 1 + x.Length / 40)
            Reference.AssertClose(Reference.Central(xs, i, eps, Loss), gx.Span[i], 1e-3, 1e-3, $"dx[{i}]");
        for (int i = 0; i < conv.Weight.Value.Length; i += 1 + conv.Weight.Value.Length / 40)
            Reference.AssertClose(Reference.Central(conv.Weight.Value, i, eps, Loss), conv.Weight.Grad[i], 1e-3, 1e-3, $"dw[{i}]");
        for (int i = 0; i < cout; i++)
            Reference.AssertClose(Reference.Central(conv.Bias!.Value, i, eps, Loss), conv.Bias.Grad[i], 1e-3, 1e-3, $"db[{i}]");
    }

    [Theory]
    [InlineData(16, 16, 5, 1, "Zero", 4)]
    [InlineData(32, 64, 5, 1, "Zero", 4)]
    [InlineData(32, 64, 3, 1, "Zero", 0)]
    [InlineData(1, 32, 5, 1, "Zero", 0)]
    [InlineData(32, 1, 5, 1, "Zero", 0)]
    [InlineData(32, 32, 5, 1, "Reflect", 0)]
    [InlineData(32, 32, 5, 2, "Zero", 0)]
    [InlineData(32, 32, 7, 1, "Zero", 0)]
    [InlineData(1, 1, 9, 10, "Reflect", 0)]
    public void WinogradServesWide5x5ZeroPaddedUndilatedLayersOnly(int cin, int cout, int k, int d, string padding, int tile)
    {
        if (!TemKit.Neural.Convolution.Winograd.Winograd45.IsSupported) tile = 0;
        Assert.Equal(tile, TemKit.Neural.Convolution.Winograd.WinogradConvolution.ChooseTile(cin, cout, k, d, Enum.Parse<PaddingMode>(padding)));
        Assert.Equal(tile > 0 ? "winograd" : "direct", new Conv2d("c", cin, cout, k, d, Enum.Parse<PaddingMode>(padding), bias: false, new Random(1)).ForwardPath);
    }

    [Fact]
    public void ReflectIndexMatchesRepeatedMirroring()
    {
        foreach (int n in new[] { 1, 2, 3, 7, 11 })
            for (int i = -45; i < 60; i++) Assert.Equal(Reference.ReflectIndex(i, n), Padding.Reflect(i, n));
    }

    [Fact]
    public void FoldIsTheAdjointOfFill()
    {
        // <Fill(a), b> over the padded plane equals <a, Fold(b)> over the interior, for any a and b.
        var rng = new Random(3);
        int h = 5, w = 7, m = 12, pw = w + 2 * m, plane = (h + 2 * m) * pw;
        var a = new float[plane];
        var b = new float[plane];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) a[(y + m) * pw + x + m] = (float)rng.NextDouble();
        for (int i = 0; i < plane; i++) b[i] = (float)rng.NextDouble();
        Padding.Fill(a, pw, h, w, m, PaddingMode.Reflect);
        double lhs = 0;
        for (int i = 0; i < plane; i++) lhs += (double)a[i] * b[i];
        Padding.Fold(b, pw, h, w, m, PaddingMode.Reflect);
        double rhs = 0;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) rhs += (double)a[(y + m) * pw + x + m] * b[(y + m) * pw + x + m];
        Assert.Equal(lhs, rhs, 1e-3);
    }
}
