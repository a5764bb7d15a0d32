using TemKit.Imaging;
using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.ParticleAnalysis.Validation;
using TemKit.Pipelines.Segmentation;
using TemKit.Tests.Neural;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>The mask-threshold calibration, the threshold recorded in a model file, and the multi-particle field.</summary>
public sealed class MaskThresholdCalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-maskcal-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A detector whose probability falls linearly from 1 at the true centre to 0 at 1/0.85 true radii:
    /// p(r) = 1 − 0.85 r/R, so p ≥ t exactly inside r = R (1 − t)/0.85 and the area ratio is ((1 − t)/0.85)².</summary>
    private sealed class ConeDetector(double centreX, double centreY, double radiusPx) : IParticleDetector
    {
        public string Description => "cone";

        public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex)
        {
            var p = new float[frame.Width * frame.Height];
            for (int y = 0; y < frame.Height; y++)
                for (int x = 0; x < frame.Width; x++)
                    p[y * frame.Width + x] = (float)Math.Max(0, 1 - 0.85 * Math.Sqrt(Math.Pow(x - centreX, 2) + Math.Pow(y - centreY, 2)) / radiusPx);
            return (p, new byte[p.Length]);
        }
    }

    private static TiltStudyImage Disc(double dose, int side, double radiusPx)
    {
        var mask = new float[side * side];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                mask[y * side + x] = Math.Pow(x - side / 2.0, 2) + Math.Pow(y - side / 2.0, 2) <= radiusPx * radiusPx ? 1 : 0;
        return new TiltStudyImage(1, 0, 0, dose, new Image2D(side, side, new float[side * side], VoxelSize.Isotropic(1)), mask);
    }

    [Fact]
    public void ChoosesTheThresholdWhoseAreaMatchesTheTruth()
    {
        // 64² frames at 1 Å/px in a 128² field: the disc's centre is at (64, 64) in the field, 4 nm across.
        const double Radius = 20;
        var frames = new[] { Disc(200, 64, Radius), Disc(1000, 64, Radius), Disc(50, 64, Radius) };
        var result = MaskThresholdCalibration.Run(frames, new ConeDetector(64, 64, Radius), MaskThresholdCalibrationOptions.Default with { DetectionFieldPx = 128 });
        Assert.Equal(0.15, result.ChosenThreshold, 12);
        for (int t = 0; t < result.Thresholds.Count; t++)
        {
            double expected = Math.Pow((1 - result.Thresholds[t]) / 0.85, 2);
            // Pixel discretisation of a 20 px disc: a few per cent.
            double measured = result.MedianAreaRatio(t, _ => true);
            Assert.True(Math.Abs(measured - expected) < 0.05 * expected, $"threshold {result.Thresholds[t]}: area ratio {measured}, expected {expected}");
        }
    }

    [Fact]
    public void ModelRecordsItsThresholdAndExplicitOnesWin()
    {
        string path = Path.Combine(_dir, "m.tkm");
        var net = new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3));
        ModelFile.Save(path, net, output: ModelOutput.Unnamed with { MaskThreshold = 0.15 });
        var model = ModelFile.Load(path);
        Assert.Equal(0.15, model.Output.MaskThreshold);
        Assert.Equal(0.15, new SegmentationOptions().ThresholdFor(model.Output));
        Assert.Equal(0.4, new SegmentationOptions { Threshold = 0.4 }.ThresholdFor(model.Output));
        Assert.Equal(SegmentationOptions.DefaultThreshold, new SegmentationOptions().ThresholdFor(ModelOutput.Unnamed));
        Assert.Equal(0.15, new NetworkParticleDetector(model, new SegmentationOptions(), "m.tkm").Threshold);

        ModelInputTests.EditHeader(path, h => h.Replace("\"mask_threshold\": 0.15", "\"mask_threshold\": 1.5"));
        Assert.Contains("'mask_threshold' is 1.5", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void FieldHoldsEachTileAndItsLabel()
    {
        var pixel = VoxelSize.Isotropic(0.1);
        var image = new Image2D(4, 4, Enumerable.Repeat(-7f, 16).ToArray(), pixel);
        var mask = new float[16];
        mask[5] = 1;
        var field = ParticleField.Compose([new ParticleTile(image, mask, 2, 3), new ParticleTile(image, mask, 10, 3)], 16, 8, 100, 1);
        Assert.Equal(-7f, field.Frame.Pixels[3 * 16 + 2]);
        Assert.Equal(1f, field.TrueLabels[4 * 16 + 3]);
        Assert.Equal(2f, field.TrueLabels[4 * 16 + 11]);
        Assert.Equal(2, field.TrueLabels.Count(v => v != 0));
        Assert.Equal(new TrueParticle(1, 3, 4), field.Particles[0]);
        Assert.Equal(new TrueParticle(1, 11, 4), field.Particles[1]);
        Assert.Equal(1, field.Particles[1].Nearest([(3.2, 4.1), (11.3, 3.9)]));
        Assert.Equal(-1, field.Particles[1].Nearest([(3.2, 4.1)]));
        // Vacuum: Poisson with mean dose × pixel area = 1 count.
        double vacuum = field.Frame.Pixels.ToArray().Where(v => v != -7f).Average();
        Assert.InRange(vacuum, 0.6, 1.4);
        Assert.Throws<ArgumentException>(() => ParticleField.Compose([new ParticleTile(image, mask, 2, 3), new ParticleTile(image, mask, 3, 3)], 16, 8, 100, 1));
        Assert.Throws<ArgumentException>(() => ParticleField.Compose([new ParticleTile(image, mask, 14, 3)], 16, 8, 100, 1));
    }
}
