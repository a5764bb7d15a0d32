using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.Segmentation;

/// <summary>`temkit segment` end to end: the outputs of inputs with the same file name never collide (issue 12, finding 3).</summary>
[Collection("cli")]
public class SegmentCommandTests
{
    /// <summary>An untrained MSD-net is enough: these tests check bookkeeping, not segmentation quality.</summary>
    internal static string TinyModel(string folder)
    {
        string path = Path.Combine(folder, "tiny.tkm");
        ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, Seed: 3)));
        return path;
    }

    [Fact]
    public void ASmallTileWithTheDefaultOverlapSaysTheOverlapIsTheDefault()
    {
        // QA: '--tile-size-px 32' alone said "--tile-overlap-px 64: overlap must be in 0..31 px", an option never given.
        using var dir = new TempFolder();
        string model = TinyModel(dir.Root);
        string image = dir["i.mrc"];
        MrcFile.Write(image, new ImageStack(40, 40, 1, voxelSize: VoxelSize.Isotropic(1)));
        var (code, _, stderr) = CliRunner.Run(["segment", model, image, "-o", dir["run"], "--tile-size-px", "32"]);
        Assert.Equal(2, code);
        Assert.Contains("--tile-overlap-px 64: overlap must be in 0..31 px (--tile-overlap-px 64 is the default: give --tile-overlap-px to suit the other options)", stderr);
        (code, _, stderr) = CliRunner.Run(["segment", model, image, "-o", dir["run2"], "--tile-size-px", "32", "--tile-overlap-px", "40"]);
        Assert.Equal(2, code);
        Assert.DoesNotContain("is the default", stderr);
    }

    [Fact]
    public void ThreeFilesNamedImageMrcGetThreeOutputsInInputOrder()
    {
        using var dir = new TempFolder();
        string model = TinyModel(dir.Root);
        // Three different images, all called image.mrc, told apart by their sizes; given in the order c, a, b.
        var inputs = new List<string>();
        foreach (var (folder, size) in new[] { ("c", 40), ("a", 24), ("b", 32) })
        {
            string path = Path.Combine(Directory.CreateDirectory(dir[folder]).FullName, "image.mrc");
            var stack = new ImageStack(size, size, 1, voxelSize: VoxelSize.Isotropic(1));
            var rng = new Random(size);
            for (int i = 0; i < size * size; i++) stack.Data[i] = (float)rng.NextDouble();
            MrcFile.Write(path, stack);
            inputs.Add(path);
        }
        string run = dir["run"];
        var (code, _, stderr) = CliRunner.Run(["segment", model, .. inputs, "-o", run, "--tile", "32", "--overlap", "8"]);
        Assert.True(code == 0, stderr);

        var table = CsvFiles.ReadTable(Path.Combine(run, "segmentation.csv"));
        int file = table.ColumnIndex("file"), stem = table.ColumnIndex("output_stem");
        Assert.True(file >= 0 && stem >= 0, string.Join(",", table.Headers));
        Assert.Equal(inputs, table.Rows.Select(r => r[file]));
        var stems = table.Rows.Select(r => r[stem]).ToList();
        Assert.Equal(3, stems.Distinct().Count());
        int[] sizes = [40, 24, 32];
        for (int i = 0; i < 3; i++)
        {
            var mask = MrcFile.Read(Path.Combine(run, stems[i] + ".mask.mrc"));
            Assert.Equal(sizes[i], mask.Nx);
            Assert.Equal(sizes[i], MrcFile.Read(Path.Combine(run, stems[i] + ".probability.mrc")).Nx);
            Assert.True(File.Exists(Path.Combine(run, stems[i] + ".overlay.png")));
        }
        Assert.Equal(3, Directory.GetFiles(run, "*.mask.mrc").Length);
        Assert.Equal("1,2,3", string.Join(",", table.Rows.Select(r => r[table.ColumnIndex("index")])));
    }

    [Fact]
    public void TruthScoresParticlesAndPixelSizePolicy()
    {
        using var dir = new TempFolder();
        string model = Path.Combine(dir.Root, "m.tkm");
        // A model "trained" at 1 Å/px; a 2-frame stack at 1 Å/px and one image at 3 Å/px.
        ModelFile.Save(model, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, Seed: 3)), input: ModelInput.FromPixelSizes([1.0]));
        var stack = new ImageStack(32, 32, 2, voxelSize: VoxelSize.Isotropic(1));
        var single = new ImageStack(30, 30, 1, voxelSize: VoxelSize.Isotropic(3));
        var rng = new Random(5);
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = (float)rng.NextDouble();
        for (int i = 0; i < single.Data.Length; i++) single.Data[i] = (float)rng.NextDouble();
        string stackPath = dir["stack.mrc"], singlePath = dir["single.mrc"];
        MrcFile.Write(stackPath, stack);
        MrcFile.Write(singlePath, single);
        string[] common = ["--tile", "32", "--overlap", "8", "--min-particle-diameter-nm", "0"];

        var (code, _, err) = CliRunner.Run(["segment", model, stackPath, "-o", dir["first"], .. common]);
        Assert.True(code == 0, err);
        var first = CsvFiles.ReadTable(Path.Combine(dir["first"], "segmentation.csv"));
        Assert.Equal(["0", "1"], first.Column("frame"));
        var stems = first.Column("output_stem").ToList();
        Assert.EndsWith("_z0000", stems[0]);
        // Truth = the masks of the first run: every score is 1.
        var truth = new ImageStack(32, 32, 2);
        for (int z = 0; z < 2; z++) MrcFile.Read(Path.Combine(dir["first"], stems[z] + ".mask.mrc")).Frame(0).CopyTo(truth.Frame(z));
        MrcFile.Write(dir["truth.mrc"], truth);
        (code, _, err) = CliRunner.Run(["segment", model, stackPath, "--truth", dir["truth.mrc"], "-o", dir["scored"], .. common]);
        Assert.True(code == 0, err);
        var scored = CsvFiles.ReadTable(Path.Combine(dir["scored"], "segmentation.csv"));
        Assert.Equal(["1", "1"], scored.Column("f1"));
        Assert.Equal(["1", "1"], scored.Column("iou"));
        // particles.csv holds every component of both frames, and their areas add up to the mask areas.
        var particles = CsvFiles.ReadTable(Path.Combine(dir["scored"], "particles.csv"));
        for (int z = 0; z < 2; z++)
        {
            var areas = particles.Rows.Where(r => r[particles.ColumnIndex("frame")] == z.ToString()).Sum(r => long.Parse(r[particles.ColumnIndex("area_px")]));
            Assert.Equal(long.Parse(scored.Rows[z][scored.ColumnIndex("area_px")]), areas);
        }
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir["scored"], "particle-sizes.svg")));
        Assert.Contains("\"command_line\": \"temkit segment", File.ReadAllText(Path.Combine(dir["scored"], "run.json")));

        // A truth stack whose count differs from the images is a usage error (exit 2) before any work.
        (code, _, err) = CliRunner.Run(["segment", model, stackPath, singlePath, "--truth", dir["truth.mrc"], "-o", dir["bad"], .. common]);
        Assert.Equal(2, code);
        Assert.Contains("2 mask(s) for 3 image(s)", err);

        // 3 Å/px against a model trained at 1 Å/px: rescaled by default, refused on request (exit 1, one line).
        (code, _, err) = CliRunner.Run(["segment", model, singlePath, "-o", dir["rescaled"], .. common]);
        Assert.True(code == 0, err);
        Assert.Contains("resampled to 1 Å/px", err);
        var rescaled = CsvFiles.ReadTable(Path.Combine(dir["rescaled"], "segmentation.csv"));
        Assert.Equal("3", rescaled.Column("scale_factor").Single());
        Assert.Equal(30 * 30, MrcFile.Read(Path.Combine(dir["rescaled"], rescaled.Column("output_stem").Single() + ".mask.mrc")).Data.Length);
        (code, _, err) = CliRunner.Run(["segment", model, singlePath, "-o", dir["refused"], "--pixel-size-mismatch", "refuse", .. common]);
        Assert.Equal(1, code);
        Assert.Contains("single.mrc: pixel size 3 Å/px is outside the model's training range 1 Å/px (± 5 %), a factor 3; refused", err);
        Assert.Equal("error", CsvFiles.ReadTable(Path.Combine(dir["refused"], "segmentation.csv")).Column("status").Single());
        (code, _, err) = CliRunner.Run(["segment", model, singlePath, "-o", dir["x"], "--pixel-size-mismatch", "maybe"]);
        Assert.Equal(2, code);
        Assert.Contains("--pixel-size-mismatch must be rescale or refuse", err);
    }
}
