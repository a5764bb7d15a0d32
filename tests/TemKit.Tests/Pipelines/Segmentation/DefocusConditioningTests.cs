using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Segmentation;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.Segmentation;

/// <summary>A network conditioned on the measured defocus, and models chosen by defocus band (issue 19).</summary>
[Collection("cli")]
public class DefocusConditioningTests
{
    private static ModelCheckpoint ConditionedModel() => new(new MsdNet(new MsdNetParameters(Depth: 3, KernelSize: 3, InputChannels: 2, Seed: 6)), null, null)
    {
        Input = ModelInput.FromPixelSizes([4.0]) with { Channels = [InputChannel.Standardised, InputChannel.Defocus] },
    };

    private static Image2D RandomImage(int seed, int size = 32)
    {
        var stack = new ImageStack(size, size, 1, voxelSize: VoxelSize.Isotropic(4));
        var rng = new Random(seed);
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = 100 + 5 * (float)rng.NextDouble();
        return stack.FrameImage(0);
    }

    [Fact]
    public void TheSegmenterFeedsTheStandardisedImageAndTheDefocusInMicrometres()
    {
        var model = ConditionedModel();
        var image = RandomImage(1);
        var options = new SegmentationOptions { TileSizePx = 32, TileOverlapPx = 8 };
        var result = Segmenter.Segment(image, model, options, quantities: new Dictionary<string, double> { [InputChannel.DefocusAngstrom] = 30000 });

        // Naive reference: plane 0 = (x − mean)/SD in double, plane 1 = 30000 Å × 1e-4 = 3 (µm), fed as they are.
        var pixels = image.Pixels.ToArray();
        double mean = pixels.Average(v => (double)v);
        double sd = Math.Sqrt(pixels.Average(v => ((double)v - mean) * ((double)v - mean)));
        var planes = new float[2 * pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            planes[i] = (float)((pixels[i] - mean) / sd);
            planes[pixels.Length + i] = 3f;
        }
        var expected = new float[pixels.Length];
        new TiledSegmenter(model.Network, new TilingParameters(32, 8)).Predict(planes, 32, 32, expected);
        Assert.True(expected.Zip(result.Probability).Max(p => Math.Abs(p.First - p.Second)) < 1e-5);

        // The defocus reaches the network (a standardised constant channel would be 0 whatever the defocus) ...
        var other = Segmenter.Segment(image, model, options, quantities: new Dictionary<string, double> { [InputChannel.DefocusAngstrom] = 10000 });
        Assert.True(result.Probability.Zip(other.Probability).Max(p => Math.Abs(p.First - p.Second)) > 1e-4);
        // ... and a model that needs it refuses to run without it.
        var e = Assert.Throws<ArgumentException>(() => Segmenter.Segment(image, model, options));
        Assert.Contains("--defocus-from", e.Message);
    }

    [Fact]
    public void EachDefocusFallsInTheBandWithTheLargestMinimumAtOrBelowIt()
    {
        var m = ConditionedModel();
        DefocusBandModel[] bands = [new(20000, m, "mid"), new(0, m, "low"), new(35000, m, "high")];
        Assert.Equal("low", DefocusBandModel.Choose(bands, 5000).ModelPath);
        Assert.Equal("mid", DefocusBandModel.Choose(bands, 20000).ModelPath);
        Assert.Equal("mid", DefocusBandModel.Choose(bands, 34999).ModelPath);
        Assert.Equal("high", DefocusBandModel.Choose(bands, 50000).ModelPath);
        Assert.Equal("low", DefocusBandModel.Choose(bands, -3000).ModelPath);
        Assert.Throws<ArgumentException>(() => DefocusBandModel.Validate([new(0, m), new(0, m)]));
    }

    /// <summary>A folder of images a.mrc (2 µm) and b.mrc (4 µm) with masks, and a defocus run holding both.</summary>
    private static (string Images, string Masks, string Run) Setup(TempFolder dir)
    {
        string images = Directory.CreateDirectory(dir["images"]).FullName, masks = Directory.CreateDirectory(dir["masks"]).FullName;
        var rows = new List<DefocusResult>();
        foreach (var (name, df, seed) in new[] { ("a.mrc", 20000.0, 1), ("b.mrc", 40000.0, 2) })
        {
            var image = RandomImage(seed);
            MrcFile.Write(Path.Combine(images, name), new ImageStack(32, 32, 1, image.Pixels.ToArray(), StackKind.Image, VoxelSize.Isotropic(4)));
            var mask = new float[32 * 32];
            for (int i = 0; i < mask.Length; i++) mask[i] = image.Pixels[i] > 102.5f ? 1 : 0;
            MrcFile.Write(Path.Combine(masks, name), new ImageStack(32, 32, 1, mask, StackKind.Image, VoxelSize.Isotropic(4)));
            rows.Add(new DefocusResult { File = Path.Combine(images, name), Status = DefocusResult.StatusOk, Defocus1Angstrom = df, Defocus2Angstrom = df, PixelSizeAngstrom = 4 });
        }
        var run = RunFolder.At(dir["dfrun"]);
        run.SaveOptions(new DefocusRunOptions());
        ResultsTable.Write(run.ResultsPath, rows);
        return (images, masks, run.Root);
    }

    [Fact]
    public void TrainAndSegmentWithTheMeasuredDefocusEndToEnd()
    {
        using var dir = new TempFolder();
        var (images, masks, run) = Setup(dir);
        string model = dir["cond.tkm"];
        var (code, _, stderr) = CliRunner.Run(["train", "--images", images, "--masks", masks, "-o", model, "--input-channels", "2", "--defocus-from", run,
            "--epochs", "1", "--crop", "16", "--batch", "2", "--depth", "2", "--val-fraction", "0", "--kernel", "3"]);
        Assert.True(code == 0, stderr);
        Assert.Equal([InputChannel.Standardised, InputChannel.Defocus], ModelFile.Load(model).Input.Channels!);

        (code, _, stderr) = CliRunner.Run(["segment", model, images, "-o", dir["seg"], "--tile", "32", "--overlap", "8", "--defocus-from", run, "--no-png"]);
        Assert.True(code == 0, stderr);
        // Without the measured defocus the conditioned model cannot run: one line, exit 2.
        (code, _, stderr) = CliRunner.Run(["segment", model, images, "-o", dir["seg2"], "--tile", "32", "--overlap", "8"]);
        Assert.Equal(2, code);
        Assert.Contains("measured defocus", stderr);
        // Training it without --input-channels 2 is a usage error naming the option.
        (code, _, stderr) = CliRunner.Run(["train", "--images", images, "--masks", masks, "-o", dir["x.tkm"], "--defocus-from", run, "--epochs", "1", "--crop", "16"]);
        Assert.Equal(2, code);
        Assert.Contains("--defocus-from needs --input-channels 2", stderr);
        // A training image the defocus run lacks: one line naming it, exit 1.
        MrcFile.Write(Path.Combine(images, "c.mrc"), new ImageStack(32, 32, 1, RandomImage(3).Pixels.ToArray(), StackKind.Image, VoxelSize.Isotropic(4)));
        File.Copy(Path.Combine(masks, "a.mrc"), Path.Combine(masks, "c.mrc"));
        (code, _, stderr) = CliRunner.Run(["train", "--images", images, "--masks", masks, "-o", dir["y.tkm"], "--input-channels", "2", "--defocus-from", run,
            "--epochs", "1", "--crop", "16", "--depth", "2"]);
        Assert.Equal(1, code);
        Assert.Contains("c.mrc: not in the defocus run", stderr);
    }

    [Fact]
    public void ModelsByDefocusPickOnePerImageAndNeedTheDefocusRun()
    {
        using var dir = new TempFolder();
        var (images, _, run) = Setup(dir);
        string low = SegmentCommandTests.TinyModel(dir.Root), high = dir["high.tkm"];
        File.Copy(low, high);
        var (code, _, stderr) = CliRunner.Run(["segment", low, images, "-o", dir["seg"], "--tile", "32", "--overlap", "8", "--no-png",
            "--defocus-from", run, "--models-by-defocus", "3=" + high]);
        Assert.True(code == 0, stderr);
        var table = CsvFiles.ReadTable(Path.Combine(dir["seg"], "segmentation.csv"));
        Assert.Equal([Path.GetFullPath(low), Path.GetFullPath(high)], table.Column("model"));

        (code, _, stderr) = CliRunner.Run(["segment", low, images, "-o", dir["seg2"], "--models-by-defocus", "3=" + high]);
        Assert.Equal(2, code);
        Assert.Contains("--models-by-defocus needs --defocus-from", stderr);
        (code, _, stderr) = CliRunner.Run(["segment", low, images, "-o", dir["seg3"], "--defocus-from", run, "--models-by-defocus", "three=" + high]);
        Assert.Equal(2, code);
        Assert.Contains("is not FROM_UM=MODEL", stderr);
    }
}
