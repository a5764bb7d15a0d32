using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

public class TiledSegmenterTests
{
    [Theory]
    [InlineData(700, 530, 128, 32)]
    [InlineData(100, 90, 128, 32)]
    [InlineData(129, 257, 64, 16)]
    public void PointwiseNetworkGivesTheSameMapTiledOrWhole(int w, int h, int tile, int overlap)
    {
        // With 1x1 kernels every output pixel depends only on its own input pixel, so Hamming-weighted blending of
        // overlapping tiles must reproduce the whole-image result exactly (up to rounding) if the weights are normalised.
        var net = new MsdNet(new MsdNetParameters(Depth: 3, KernelSize: 1, Seed: 3));
        foreach (var p in net.Parameters) if (p.Name.EndsWith(".bias")) p.Value[0] = 0.1f;
        var rng = new Random(1);
        var image = new float[w * h];
        for (int i = 0; i < image.Length; i++) image[i] = (float)(2 * rng.NextDouble() - 1);
        var tiled = new float[w * h];
        int tiles = 0;
        var seg = new TiledSegmenter(net, new TilingParameters(tile, overlap));
        seg.Predict(image, w, h, tiled, () => tiles++);
        Assert.Equal(seg.TileCount(w, h), tiles);
        using var x = Tensor.FromSpan(image, 1, 1, h, w);
        using var logits = net.Predict(x);
        for (int i = 0; i < image.Length; i++)
        {
            double expected = 1 / (1 + Math.Exp(-logits.Span[i]));
            Assert.True(Math.Abs(expected - tiled[i]) < 1e-5, $"pixel {i}: {tiled[i]} vs {expected}");
        }
    }

    [Fact]
    public void TilesCoverLargeImagesWithTheRequestedOverlap()
    {
        var net = new UNet(new UNetParameters(BaseWidth: 2, Levels: 3, KernelSize: 3));
        var seg = new TiledSegmenter(net, new TilingParameters(256, 64));
        // 4096 px: (4096 − 256)/(256 − 64) = 20 steps → 21 tiles per axis.
        Assert.Equal(21 * 21, seg.TileCount(4096, 4096));
        Assert.Throws<ArgumentException>(() => new TiledSegmenter(net, new TilingParameters(250, 10)));
    }
}
