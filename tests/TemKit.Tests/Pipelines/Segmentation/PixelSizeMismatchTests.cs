using TemKit.Imaging;
using TemKit.Imaging.Resampling;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;
using TemKit.Pipelines.Segmentation;
using TemKit.Tests.Neural;
using Xunit.Abstractions;

namespace TemKit.Tests.Pipelines.Segmentation;

/// <summary>
/// Issue 12, finding 4: a model trained at one pixel size applied to an image with 3x finer pixels failed silently.
/// A small MSD-net learns particles at "0.15 Å/px"; the same kind of scene sampled at 0.05 Å/px (particles and noise
/// grains three times larger in pixels) is segmented as it is (what TemKit did before: the model file had no pixel
/// size) and with the model's recorded pixel size (resampled, then mapped back).
/// </summary>
public class PixelSizeMismatchTests(ITestOutputHelper output)
{
    [Fact]
    public void FinerImageFailsAsItIsAndWorksWhenRescaled()
    {
        var train = SyntheticParticles.Make(24, 64, seed: 1);
        var network = new MsdNet(new MsdNetParameters(Depth: 16, KernelSize: 3, MaxDilation: 8, Seed: 5));
        var adam = new Adam(network.Parameters, new AdamParameters(LearningRate: 3e-3));
        var trainer = new Trainer(network, adam, new TrainerParameters(Epochs: 30, BatchSize: 4, CropSize: 48, Seed: 3));
        for (int e = 1; e <= 30; e++) trainer.RunEpoch(e, train, []);
        var model = new ModelCheckpoint(network, null, null) { Input = ModelInput.FromPixelSizes([0.15]) };

        // Held-out scenes at 0.15 Å/px, then the same scenes at 0.05 Å/px (3x more pixels along each axis).
        var scenes = SyntheticParticles.Make(4, 64, seed: 2);
        var native = new SegmentationScores();
        var asIs = new SegmentationScores();
        var rescaled = new SegmentationScores();
        foreach (var scene in scenes)
        {
            var coarse = new Image2D(64, 64, scene.Image.ToArray(), VoxelSize.Isotropic(0.15));
            native.AddMask(Segmenter.Segment(coarse, model).Mask, scene.Labels);
            var fine = Resize.Image(coarse, 192, 192);
            Assert.Equal(0.05, fine.PixelSizeAngstrom, 12);
            var truth = new float[192 * 192];
            Resize.Image(scene.Labels, 64, 64, truth, 192, 192);
            // Before: nothing recorded, nothing checked; the network sees 0.05 Å/px pixels as if they were 0.15 Å/px.
            var before = Segmenter.Segment(fine, model, new SegmentationOptions { PixelSizeAngstrom = 0.15 });
            Assert.Empty(before.Warnings);
            asIs.AddMask(before.Mask, truth);
            var after = Segmenter.Segment(fine, model);
            Assert.True(after.Rescaled);
            Assert.Contains("resampled to 0.15 Å/px", Assert.Single(after.Warnings));
            rescaled.AddMask(after.Mask, truth);
            Assert.Throws<PixelSizeMismatchException>(() => Segmenter.Segment(fine, model, new SegmentationOptions { PixelSizeMismatch = PixelSizeMismatchPolicy.Refuse }));
        }
        output.WriteLine($"F1 at the training pixel size {native.F1:F3}; 3x finer as it is {asIs.F1:F3}; rescaled {rescaled.F1:F3}");
        Assert.True(native.F1 > 0.85, $"native F1 {native.F1:F3}");
        Assert.True(asIs.F1 < native.F1 - 0.15, $"as-is F1 {asIs.F1:F3}");
        Assert.True(rescaled.F1 > native.F1 - 0.05, $"rescaled F1 {rescaled.F1:F3}");
    }
}
