using TemKit.CtfCorrection;
using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Optics;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Segmentation;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.Segmentation;

/// <summary>`temkit segment --defocus-from RUN`: each image's measured CTF from a defocus run, and its refusals.</summary>
[Collection("cli")]
public class DefocusFromTests
{
    /// <summary>Images a.mrc (4 Å/px), b.mrc (4 Å/px) and c.mrc (4 Å/px) and a defocus run with rows for a (ok, 2 µm),
    /// b (measured at 3 Å/px) and d.mrc (not an input); c is missing from it.</summary>
    private static (string[] Images, string Run) Setup(TempFolder dir)
    {
        var images = new[] { "a.mrc", "b.mrc", "c.mrc" }.Select(n => dir[n]).ToArray();
        var rng = new Random(3);
        foreach (string path in images)
        {
            var stack = new ImageStack(32, 32, 1, voxelSize: VoxelSize.Isotropic(4));
            for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = 100 + (float)rng.NextDouble();
            MrcFile.Write(path, stack);
        }
        var run = RunFolder.At(dir["dfrun"]);
        run.SaveOptions(new DefocusRunOptions());
        DefocusResult Row(string file, double df, double px) => new()
        {
            File = file, Status = DefocusResult.StatusOk, Defocus1Angstrom = df + 100, Defocus2Angstrom = df - 100, AstigmatismAngleDegrees = 30, PixelSizeAngstrom = px,
        };
        ResultsTable.Write(run.ResultsPath, [Row(images[0], 20000, 4), Row(images[1], 30000, 3), Row(dir["d.mrc"], 10000, 4)]);
        return (images, run.Root);
    }

    [Fact]
    public void EachImageGetsItsMeasuredCtfOrOneClearLine()
    {
        using var dir = new TempFolder();
        var (images, run) = Setup(dir);
        string model = SegmentCommandTests.TinyModel(dir.Root);
        var (code, _, stderr) = CliRunner.Run(["segment", model, .. images, "-o", dir["seg"], "--tile", "32", "--overlap", "8", "--defocus-from", run, "--ctf-correction", "flip"]);
        Assert.Equal(1, code);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(errors, l => l.Contains("b.mrc") && l.Contains("pixel size 4 Å/px differs from the 3 Å/px"));
        Assert.Contains(errors, l => l.Contains("c.mrc") && l.Contains("not in the defocus run"));
        var table = CsvFiles.ReadTable(Path.Combine(dir["seg"], "segmentation.csv"));
        Assert.Equal(["ok", "error", "error"], table.Column("status"));
        Assert.Equal(["20000", "", ""], table.Column("measured_defocus_angstrom"));
    }

    [Fact]
    public void TheCorrectionIsTheCtfCorrectorWithTheMeasuredCtf()
    {
        using var dir = new TempFolder();
        var (images, run) = Setup(dir);
        var measured = MeasuredDefocus.Load(run);
        var image = MrcFile.Read(images[0]).FrameImage(0);
        var options = new CtfCorrectionOptions { Kind = CtfCorrectionKind.Wiener, WienerSnr = 0.5 };
        var (corrected, defocus) = measured.Correct(image, images[0], options, image.PixelSize);
        Assert.Equal(20000, defocus);
        var expected = CtfCorrector.Correct(image, CtfParameters.From(ElectronOptics.Default, new DefocusAberration(20100, 19900, 30)), options);
        Assert.Equal(expected.Pixels.ToArray(), corrected.Pixels.ToArray());
        // A run folder moved with its images: the row is found by file name when the name is unique.
        string moved = Path.Combine(Directory.CreateDirectory(dir["elsewhere"]).FullName, "a.mrc");
        Assert.Equal(20000, measured.For(moved).MeanDefocusAngstrom);
    }

    [Fact]
    public void BadUsageIsOneLineWithExitTwo()
    {
        using var dir = new TempFolder();
        var (images, _) = Setup(dir);
        string model = SegmentCommandTests.TinyModel(dir.Root);
        var (code, _, stderr) = CliRunner.Run(["segment", model, images[0], "-o", dir["s1"], "--ctf-correction", "flip"]);
        Assert.Equal(2, code);
        Assert.Contains("--ctf-correction flip needs --defocus-from", stderr);
        (code, _, stderr) = CliRunner.Run(["segment", model, images[0], "-o", dir["s2"], "--defocus-from", dir["nowhere"]]);
        Assert.Equal(2, code);
        Assert.Contains("--defocus-from: defocus run", stderr);
        Assert.Contains("folder not found", stderr);
        Assert.Single(stderr.Trim().Split('\n'), l => l.Contains("nowhere"));
    }
}
