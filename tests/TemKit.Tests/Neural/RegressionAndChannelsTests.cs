using TemKit.Neural.Inference;
using TemKit.Neural.Losses;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;
using TemKit.Neural.Training;

namespace TemKit.Tests.Neural;

/// <summary>Mean-squared-error networks and multi-channel inputs (the engine work shared by columns, species, interpolation and defocus-aware segmentation).</summary>
public class RegressionAndChannelsTests
{
    [Fact]
    public void SquaredErrorAndItsGradientMatchTheDefinition()
    {
        float[] z = [0.5f, -1f, 2f], t = [0f, 1f, 2f], g = new float[3];
        double loss = MeanSquaredError.FromOutputs(z, t, g, 0.5f);
        Assert.Equal(0.25 + 4 + 0, loss, 12);
        Assert.Equal([0.5f, -2f, 0f], g);
    }

    [Theory]
    [InlineData("msd", 2, 3)]
    [InlineData("unet", 3, 2)]
    // Multi-channel inputs and regressed outputs: the analytic gradient of Σ(z − t)²/(N·H·W) against central differences
    // (a one-level U-Net: max-pool switches make central differences meaningless; the layers are checked one by one elsewhere).
    public void RegressionGradientsMatchFiniteDifferences(string kind, int inputs, int outputs)
    {
        ISegmentationNetwork net = kind == "msd"
            ? new MsdNet(new MsdNetParameters(Depth: 4, KernelSize: 3, InputChannels: inputs, Classes: outputs, Seed: 5, Loss: LossKind.MeanSquaredError))
            : new UNet(new UNetParameters(BaseWidth: 2, Levels: 1, KernelSize: 3, InputChannels: inputs, Classes: outputs, Seed: 5, Loss: LossKind.MeanSquaredError));
        var rng = new Random(3);
        using var x = Reference.Random(rng, 2, inputs, 8, 8);
        using var t = Reference.Random(rng, 2, net.TargetPlanes(), 8, 8);
        Assert.Equal(outputs, net.TargetPlanes());
        Reference.AssertGradientsMatchFiniteDifferences(net, x, t, 1e-3f, 5e-2, 1e-4, 4, kind);
    }

    [Fact]
    public void RegressionLossIsTheMeanSquaredErrorOfThePrediction()
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 3, KernelSize: 3, InputChannels: 2, Classes: 2, Seed: 2, Loss: LossKind.MeanSquaredError));
        var rng = new Random(4);
        using var x = Reference.Random(rng, 1, 2, 9, 7);
        using var t = Reference.Random(rng, 1, 2, 9, 7);
        using var y = net.Predict(x);
        double expected = 0;
        for (int i = 0; i < y.Length; i++) expected += Math.Pow(y.Span[i] - t.Span[i], 2);
        expected /= 9 * 7;
        Assert.Equal(expected, net.AccumulateGradients(x, t), 4);
        using var wrong = Tensor.Uninitialised(1, 1, 9, 7);
        Assert.Throws<ArgumentException>(() => net.AccumulateGradients(x, wrong));
    }

    [Fact]
    public void TiledRegressionOutputIsTheNetworksValueAndChannelsStaySeparate()
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, InputChannels: 2, Classes: 1, Seed: 8, Loss: LossKind.MeanSquaredError));
        var rng = new Random(6);
        using var x = Reference.Random(rng, 1, 2, 16, 16);
        using var direct = net.Predict(x);
        var tiled = new float[16 * 16];
        new TiledSegmenter(net, new TilingParameters(16, 4)).Predict(x.Span, 16, 16, tiled);
        for (int i = 0; i < tiled.Length; i++) Assert.Equal(direct.Span[i], tiled[i], 4);
        // One plane given to a two-channel network goes to both channels.
        var single = x.Plane(0, 0).ToArray();
        using var both = Tensor.Uninitialised(1, 2, 16, 16);
        single.CopyTo(both.Plane(0, 0));
        single.CopyTo(both.Plane(0, 1));
        using var replicated = net.Predict(both);
        new TiledSegmenter(net, new TilingParameters(16, 4)).Predict(single, 16, 16, tiled);
        for (int i = 0; i < tiled.Length; i++) Assert.Equal(replicated.Span[i], tiled[i], 4);
    }

    [Fact]
    public void AugmentedCropsMoveEveryChannelAndLabelPlaneAlike()
    {
        const int n = 12;
        // Channel c and label plane c hold the same ramp plus c·1000, so after any crop and symmetry they still differ by c·1000.
        var image = new float[3 * n * n];
        var labels = new float[2 * n * n];
        for (int c = 0; c < 3; c++) for (int i = 0; i < n * n; i++) image[c * n * n + i] = i + 1000 * c;
        for (int c = 0; c < 2; c++) for (int i = 0; i < n * n; i++) labels[c * n * n + i] = i + 1000 * c;
        var sample = new SegmentationSample("ramp", n, n, image, labels);
        Assert.Equal((3, 2), (sample.Channels, sample.LabelPlanes));
        var rng = new Random(1);
        for (int trial = 0; trial < 8; trial++)
        {
            var ci = new float[3 * 25];
            var cl = new float[2 * 25];
            Augmentation.RandomCrop(sample, 5, rng, ci, cl);
            for (int i = 0; i < 25; i++)
            {
                Assert.Equal(ci[i] + 1000, ci[25 + i]);
                Assert.Equal(ci[i] + 2000, ci[50 + i]);
                Assert.Equal(ci[i], cl[i]);
                Assert.Equal(ci[i] + 1000, cl[25 + i]);
            }
        }
    }
}
