using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

/// <summary>The fully connected layer against a naive matrix product and central differences.</summary>
public class DenseLayerTests
{
    [Fact]
    public void ForwardIsTheMatrixProductOfTheFlattenedInputAndReshapes()
    {
        var rng = new Random(11);
        var layer = new Dense("d", 2 * 3 * 5, 2, 3, 4, rng);
        for (int i = 0; i < layer.Bias.Value.Length; i++) layer.Bias.Value[i] = (float)(rng.NextDouble() - 0.5);
        using var x = Reference.Random(rng, 3, 2, 3, 5);
        using var y = layer.Forward(x, training: false);
        Assert.Equal((3, 2, 3, 4), (y.N, y.C, y.H, y.W));
        for (int s = 0; s < 3; s++)
            for (int o = 0; o < 24; o++)
            {
                double expected = layer.Bias.Value[o];
                for (int i = 0; i < 30; i++) expected += (double)layer.Weight.Value[o * 30 + i] * x.Buffer[s * 30 + i];
                Assert.Equal(expected, y[s, o / 12, o % 12 / 4, o % 4], 4);
            }
        using var wrong = Tensor.Zeros(1, 1, 5, 5);
        Assert.Throws<ArgumentException>(() => layer.Forward(wrong, false));
    }

    [Theory]
    [InlineData(1, 7, 5)]
    [InlineData(3, 300, 9)]
    public void GradientsMatchCentralDifferences(int batch, int inFeatures, int outFeatures)
    {
        var rng = new Random(inFeatures);
        var layer = new Dense("d", inFeatures, outFeatures, rng);
        for (int i = 0; i < layer.Bias.Value.Length; i++) layer.Bias.Value[i] = (float)(rng.NextDouble() - 0.5);
        using var x = Reference.Random(rng, batch, inFeatures, 1, 1);
        using var r = Reference.Random(rng, batch, outFeatures, 1, 1);
        double Loss()
        {
            using var y = layer.Forward(x, training: false);
            return Reference.Project(y, r);
        }
        layer.Weight.ZeroGrad();
        layer.Bias.ZeroGrad();
        using (layer.Forward(x, training: true)) { }
        using var gx = layer.Backward(r);
        for (int i = 0; i < x.Length; i += Math.Max(1, x.Length / 40))
            Reference.AssertClose(Reference.Central(x.Buffer, i, 1e-2f, Loss), gx.Span[i], 2e-3, 1e-3, $"dx[{i}]");
        for (int i = 0; i < layer.Weight.Value.Length; i += Math.Max(1, layer.Weight.Value.Length / 40))
            Reference.AssertClose(Reference.Central(layer.Weight.Value, i, 1e-2f, Loss), layer.Weight.Grad[i], 2e-3, 1e-3, $"dW[{i}]");
        for (int o = 0; o < outFeatures; o++)
            Reference.AssertClose(Reference.Central(layer.Bias.Value, o, 1e-2f, Loss), layer.Bias.Grad[o], 2e-3, 1e-3, $"db[{o}]");
    }
}
