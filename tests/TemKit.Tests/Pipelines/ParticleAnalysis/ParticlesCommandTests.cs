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
    public void CalibrateMaskRefusesAMissingModelAndWritingOverItsInput()
    {
        using var dir = new TempFolder();
        string model = SegmentCommandTests.TinyModel(dir.Root);
        byte[] before = File.ReadAllBytes(model);
        var (code, _, stderr) = CliRunner.Run(["calibrate-mask", dir["missing.tkm"], "-o", dir["out.tkm"]]);
        Assert.Equal(2, code);
        Assert.Contains("missing.tkm: file not found", stderr);
        (code, _, stderr) = CliRunner.Run(["calibrate-mask", model, "-o", model]);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(model));
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
    [InlineData(false, true, "2/2", "--shard 2/2: K must be in 0..N-1 and N ≥ 1")]
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

    [Fact]
    public void SlurmDryRunWritesAnArrayOfShardsAndAMergeThatReproduceTheOptions()
    {
        using var dir = new TempFolder();
        string input = Noise(dir.Root, 3);
        var (code, stdout, stderr) = CliRunner.Run(["slurm", "particles", input, "--masks", input, "-o", dir["run"], "--shards", "3",
            "--filter-ratio", "4.5", "--time", "00:30:00", "--dry-run"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("1 input file(s) in 3 shards", stdout);
        string slurm = Path.Combine(dir["run"], "slurm");
        Assert.Equal([Path.GetFullPath(input)], File.ReadAllLines(Path.Combine(slurm, "inputs.txt")));
        string array = File.ReadAllText(Path.Combine(slurm, "particles.sbatch"));
        Assert.Contains("#SBATCH --array=0-2\n", array);
        Assert.Contains("#SBATCH --time=00:30:00\n", array);
        Assert.Contains($" particles --input-list {Path.Combine(slurm, "inputs.txt")} -o {Path.GetFullPath(dir["run"])} --shard \"${{SLURM_ARRAY_TASK_ID}}/3\"", array);
        Assert.Contains($"--masks {Path.GetFullPath(input)} --filter-ratio 4.5", array);
        Assert.DoesNotContain("--threads", array);
        Assert.Contains($" merge {Path.GetFullPath(dir["run"])}\n", File.ReadAllText(Path.Combine(slurm, "merge.sbatch")));
    }

    [Fact]
    public void ShardsRunLikeTheArrayTasksThenMergeEqualsOneRun()
    {
        using var dir = new TempFolder();
        string input = Noise(dir.Root, 3);
        var (code, _, stderr) = CliRunner.Run(["particles", input, "--masks", input, "-o", dir["single"], "--report-frames", "0"]);
        Assert.True(code == 0, stderr);
        // The merge refuses while a shard is missing, naming the first frame without a part.
        Assert.Equal(0, CliRunner.Run(["particles", input, "--masks", input, "-o", dir["sharded"], "--report-frames", "0", "--shard", "0/2"]).ExitCode);
        (code, _, stderr) = CliRunner.Run(["merge", dir["sharded"]]);
        Assert.Equal(2, code);
        Assert.Contains("1 of 3 frame(s) have no part", stderr);
        Assert.Equal(0, CliRunner.Run(["particles", input, "--masks", input, "-o", dir["sharded"], "--report-frames", "0", "--shard", "1/2"]).ExitCode);
        (code, var stdout, stderr) = CliRunner.Run(["merge", dir["sharded"]]);
        Assert.True(code == 0, stderr);
        Assert.Contains("merged 3 frame(s)", stdout);
        foreach (string table in new[] { "particles.csv", "frames.csv", "tracks.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(dir["single"], table)), File.ReadAllText(Path.Combine(dir["sharded"], table)));
    }
}
