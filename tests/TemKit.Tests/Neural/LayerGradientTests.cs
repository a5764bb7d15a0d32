using TemKit.Neural.Layers;
using TemKit.Neural.Losses;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

public class LayerGradientTests
{
    private static void CheckInputGradient(Layer layer, Tensor x, Tensor r, float eps = 1e-3f, double rel = 2e-3)
    {
        double Loss()
        {
            using var y = layer.Forward(x, training: false);
            return Reference.Project(y, r);
        }
        using (layer.Forward(x, training: true)) { }
        using var gx = layer.Backward(r);
        for (int i = 0; i < x.Length; i++)
            Reference.AssertClose(Reference.Central(x.Buffer, i, eps, Loss), gx.Span[i], rel, 1e-3, $"dx[{i}]");
    }

    [Fact]
    public void PReluInputAndSlopeGradients()
    {
        var rng = new Random(1);
        var layer = new PRelu("p", 3);
        layer.Slope.Value[1] = -0.3f;
        using var x = Reference.Random(rng, 2, 3, 5, 7);
        using var r = Reference.Random(rng, 2, 3, 5, 7);
        CheckInputGradient(layer, x, r);
        Array.Clear(layer.Slope.Grad);
        using (layer.Forward(x, training: true)) { }
        using (layer.Backward(r)) { }
        for (int c = 0; c < 3; c++)
        {
            double num = Reference.Central(layer.Slope.Value, c, 1e-3f, () => { using var y = layer.Forward(x, false); return Reference.Project(y, r); });
            Reference.AssertClose(num, layer.Slope.Grad[c], 1e-3, 1e-3, $"slope {c}");
        }
    }

    [Fact]
    public void ReluGradient()
    {
        var rng = new Random(2);
        using var x = Reference.Random(rng, 1, 2, 4, 9);
        using var r = Reference.Random(rng, 1, 2, 4, 9);
        var xs = x.Span;
        for (int i = 0; i < xs.Length; i++) if (Math.Abs(xs[i]) < 0.05f) xs[i] = 0.5f; // keep finite differences off the kink
        CheckInputGradient(new Relu(), x, r);
    }

    [Theory]
    [InlineData(6, 8)]
    [InlineData(7, 9)]
    public void MaxPoolGradientAndValues(int h, int w)
    {
        var rng = new Random(3);
        using var x = Reference.Random(rng, 2, 2, h, w);
        using var r = Reference.Random(rng, 2, 2, h / 2, w / 2);
        var pool = new MaxPool2d();
        using (var y = pool.Forward(x, false))
        {
            Assert.Equal(h / 2, y.H);
            float expected = Math.Max(Math.Max(x[1, 1, 2, 4], x[1, 1, 2, 5]), Math.Max(x[1, 1, 3, 4], x[1, 1, 3, 5]));
            Assert.Equal(expected, y[1, 1, 1, 2]);
        }
        CheckInputGradient(pool, x, r);
    }

    [Fact]
    public void BilinearUpsampleMatchesHalfPixelInterpolationAndGradient()
    {
        var rng = new Random(4);
        using var x = Reference.Random(rng, 1, 2, 3, 5);
        using var r = Reference.Random(rng, 1, 2, 6, 10);
        var up = new BilinearUpsample2x();
        using (var y = up.Forward(x, false))
        {
            // Output (3, 4) samples input (1.25, 1.75): bilinear between rows 1,2 and columns 1,2.
            double top = x[0, 1, 1, 1] * 0.25 + x[0, 1, 1, 2] * 0.75, bottom = x[0, 1, 2, 1] * 0.25 + x[0, 1, 2, 2] * 0.75;
            Assert.Equal(top * 0.75 + bottom * 0.25, y[0, 1, 3, 4], 5);
            Assert.Equal(x[0, 0, 0, 0], y[0, 0, 0, 0], 6);
        }
        CheckInputGradient(up, x, r);
    }

    [Fact]
    public void ConcatSplitsGradients()
    {
        var rng = new Random(5);
        using var a = Reference.Random(rng, 2, 2, 3, 3);
        using var b = Reference.Random(rng, 2, 3, 3, 3);
        using var y = Concat.Forward(a, b);
        Assert.Equal(a[1, 1, 2, 0], y[1, 1, 2, 0]);
        Assert.Equal(b[1, 2, 0, 1], y[1, 4, 0, 1]);
        var (ga, gb) = Concat.Backward(y, 2);
        Assert.Equal(a.Span.ToArray(), ga.Span.ToArray());
        Assert.Equal(b.Span.ToArray(), gb.Span.ToArray());
        ga.Dispose();
        gb.Dispose();
    }

    [Fact]
    public void BinaryCrossEntropyValueAndGradient()
    {
        float[] z = [-3f, -0.5f, 0f, 0.7f, 4f];
        float[] t = [0f, 1f, 1f, 0f, 1f];
        var g = new float[5];
        double loss = BinaryCrossEntropy.FromLogits(z, t, g, 1f);
        double expected = 0;
        for (int i = 0; i < 5; i++)
        {
            double p = 1 / (1 + Math.Exp(-z[i]));
            expected -= t[i] * Math.Log(p) + (1 - t[i]) * Math.Log(1 - p);
        }
        Assert.Equal(expected, loss, 6);
        for (int i = 0; i < 5; i++)
            Reference.AssertClose(Reference.Central(z, i, 1e-3f, () => BinaryCrossEntropy.FromLogits(z, t, default, 1f)), g[i], 1e-3, 1e-4, $"bce {i}");
    }

    [Fact]
    public void CategoricalCrossEntropyValueGradientAndSoftmax()
    {
        var rng = new Random(6);
        int c = 3, n = 4;
        var z = new float[c * n];
        for (int i = 0; i < z.Length; i++) z[i] = (float)(4 * rng.NextDouble() - 2);
        float[] t = [0f, 2f, 1f, 2f];
        var g = new float[c * n];
        double loss = CategoricalCrossEntropy.FromLogits(z, t, c, g, 1f);
        var p = new float[c * n];
        Activations.Softmax(z, p, c, n);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < c; k++) sum += Math.Exp(z[k * n + i]);
            expected -= Math.Log(Math.Exp(z[(int)t[i] * n + i]) / sum);
            Assert.Equal(Math.Exp(z[n + i]) / sum, p[n + i], 5);
        }
        Assert.Equal(expected, loss, 5);
        for (int i = 0; i < z.Length; i++)
            Reference.AssertClose(Reference.Central(z, i, 1e-3f, () => CategoricalCrossEntropy.FromLogits(z, t, c, default, 1f)), g[i], 1e-3, 1e-4, $"ce {i}");
    }
}
