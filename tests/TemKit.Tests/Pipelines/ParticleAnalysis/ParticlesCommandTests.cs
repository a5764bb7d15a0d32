using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Tests.Cli;
using TemKit.Tests.Pipelines.Segmentation;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>`temkit particles` end to end: model and mask inputs, usage errors.</summary>
[Collection("cli")]
public class ParticlesCommandTests
{
    private static string Noise(string folder, int frames, double pixelSizeAngstrom = 0.5)
    {
        var stack = new ImageStack(64, 64, frames, voxelSize: pixelSizeAngstrom > 0 ? VoxelSize.Isotropic(pixelSizeAngstrom) : VoxelSize.Unknown);
        var rng = new Random(8);
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = 100 + (float)rng.NextDouble();
        string path = Path.Combine(folder, "noise.mrc");
        MrcFile.Write(path, stack);
        return path;
    }

    [Fact]
    public void RunsWithAModelAndWritesOneRowPerFrame()
    {
        using var dir = new TempFolder();
        string model = SegmentCommandTests.TinyModel(dir.Root);
        string input = Noise(dir.Root, 2);
        var (code, stdout, stderr) = CliRunner.Run(["particles", input, "--model", model, "-o", dir["run"], "--tile", "32", "--overlap", "8"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("2 frame(s)", stdout);
        var frames = CsvFiles.ReadTable(Path.Combine(dir["run"], "frames.csv"));
        Assert.Equal(["0", "1"], frames.Column("frame"));
        Assert.True(File.Exists(Path.Combine(dir["run"], "report.html")));
    }

    [Fact]
    public void AFileWithoutPixelSizeFailsItsFramesWithOneLineUnlessOneIsGiven()
    {
        using var dir = new TempFolder();
        string input = Noise(dir.Root, 2, pixelSizeAngstrom: 0);
        var (code, _, stderr) = CliRunner.Run(["particles", input, "--masks", input, "-o", dir["run"]]);
        Assert.Equal(1, code);
        Assert.Contains("no pixel size in the file: give --pixel-size-angstrom (Å/px)", stderr);
        Assert.Equal(["error", "error"], CsvFiles.ReadTable(Path.Combine(dir["run"], "frames.csv")).Column("reason"));
        (code, _, stderr) = CliRunner.Run(["particles", input, "--masks", input, "-o", dir["run2"], "--pixel-size-angstrom", "0.5"]);
        Assert.True(code == 0, stderr);
    }

    [Theory]
    [InlineData(false, false, null, "give exactly one of --model MODEL.tkm or --masks MASKS")]
    [InlineData(true, true, null, "give exactly one of --model MODEL.tkm or --masks MASKS")]
    [InlineData(false, true, "3/2", "--shard 3/2: expected K/N with 1 ≤ K ≤ N, e.g. 2/8")]
    public void UsageErrorsExitWithTwoAndOneLine(bool withModel, bool withMasks, string? shard, string message)
    {
        using var dir = new TempFolder();
        string input = Noise(dir.Root, 1);
        var args = new List<string> { "particles", input, "-o", dir["run"] };
        if (withModel) args.AddRange(["--model", SegmentCommandTests.TinyModel(dir.Root)]);
        if (withMasks) args.AddRange(["--masks", input]);
        if (shard is not null) args.AddRange(["--shard", shard]);
        var (code, _, stderr) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }
}
