using TemKit.Imaging;
using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Tests.Pipelines.Segmentation;

public class SegmenterTests
{
    private static ModelCheckpoint Untrained(ModelInput input) =>
        new(new MsdNet(new MsdNetParameters(Depth: 3, KernelSize: 3, Seed: 7)), null, null) { Input = input };

    private static Image2D Noise(int w, int h, double pixelSizeAngstrom, int seed)
    {
        var rng = new Random(seed);
        var image = new Image2D(w, h, VoxelSize.Isotropic(pixelSizeAngstrom));
        for (int i = 0; i < w * h; i++) image.Pixels[i] = 100 + 20 * (float)rng.NextDouble();
        return image;
    }

    [Fact]
    public void NormalisesItselfAndLeavesTheInputAlone()
    {
        var model = Untrained(ModelInput.FromPixelSizes([1.0]));
        var image = Noise(40, 36, 1, seed: 1);
        var before = image.Pixels.ToArray();
        var result = Segmenter.Segment(image, model, new SegmentationOptions { TileSizePx = 32, TileOverlapPx = 8, Threshold = 0.5, MinParticleDiameterNm = 0 });
        Assert.Equal(before, image.Pixels.ToArray());
        // The hand-made way callers used to need: normalise a copy, predict, threshold.
        var copy = image.Pixels.ToArray();
        SegmentationSample.Normalise(copy);
        var prob = new float[copy.Length];
        new TiledSegmenter(model.Network, new TilingParameters(32, 8)).Predict(copy, 40, 36, prob);
        Assert.Equal(prob, result.Probability);
        Assert.Equal(prob.Count(p => p >= 0.5f), result.AreaPx);
        Assert.Equal(result.AreaPx, result.Mask.Sum(m => (long)m));
        Assert.Equal(result.AreaPx * 0.01, result.AreaNm2, 9);
        Assert.Equal(result.AreaPx, result.Particles.Sum(p => p.AreaPx));
        Assert.Empty(result.Warnings);
        Assert.False(result.Rescaled);
    }

    [Fact]
    public void PixelSizeInsideTheTrainingRangeIsUsedAsItIs()
    {
        var input = ModelInput.FromPixelSizes([0.14, 0.15, 0.16]);
        var options = new SegmentationOptions();
        Assert.Null(Segmenter.PlanScale(VoxelSize.Isotropic(0.15), input, options).TargetPixelSizeAngstrom);
        Assert.Null(Segmenter.PlanScale(VoxelSize.Isotropic(0.165), input, options).TargetPixelSizeAngstrom);
        Assert.Equal(0.15, Segmenter.PlanScale(VoxelSize.Isotropic(0.05), input, options).TargetPixelSizeAngstrom!.Value, 12);
        Assert.Equal(0.15, Segmenter.PlanScale(VoxelSize.Isotropic(0.3), input, options).TargetPixelSizeAngstrom!.Value, 12);
        var refuse = options with { PixelSizeMismatch = PixelSizeMismatchPolicy.Refuse };
        var e = Assert.Throws<PixelSizeMismatchException>(() => Segmenter.PlanScale(VoxelSize.Isotropic(0.05), input, refuse));
        Assert.Equal("pixel size 0.05 Å/px is outside the model's training range 0.15 Å/px (trained on 0.14-0.16) (± 5 %), a factor 0.333; refused (pixel-size mismatch policy: refuse)", e.Message);
        Assert.Contains("does not record its training pixel size", Assert.Single(Segmenter.PlanScale(VoxelSize.Isotropic(0.05), ModelInput.Unknown, options).Warnings));
        Assert.Contains("has no pixel size", Assert.Single(Segmenter.PlanScale(VoxelSize.Unknown, input, options).Warnings));
    }

    [Fact]
    public void RescaledResultsComeBackOnTheInputGrid()
    {
        var model = Untrained(ModelInput.FromPixelSizes([0.3]));
        var image = Noise(96, 64, 0.1, seed: 2);
        var result = Segmenter.Segment(image, model, new SegmentationOptions { TileSizePx = 32, TileOverlapPx = 8 });
        Assert.True(result.Rescaled);
        Assert.Equal((32, 21), (result.NetworkWidth, result.NetworkHeight));
        Assert.Equal(96 * 64, result.Probability.Length);
        Assert.Equal(1 / 3.0, result.ScaleFactor, 12);
        Assert.Contains("resampled to 0.3 Å/px", Assert.Single(result.Warnings));
        // The override wins over the header: at 0.3 Å/px the image is used as it is.
        var asIs = Segmenter.Segment(image, model, new SegmentationOptions { TileSizePx = 32, TileOverlapPx = 8, PixelSizeAngstrom = 0.3 });
        Assert.False(asIs.Rescaled);
        Assert.Equal(0.3, asIs.PixelSize.XAngstrom);
    }
}
