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
}
