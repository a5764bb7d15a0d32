using TemKit.IO;
using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Tests.Cli;
using TemKit.Simulation.Labels;

namespace TemKit.Tests.IO.Csv;

/// <summary>A CSV without the columns a reader needs (e.g. the wrong file as `columns --truth`) names the missing columns.</summary>
[Collection("cli")]
public sealed class CsvHeaderMessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tk-csvhdr").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AMissingColumnIsNamedWithTheColumnsTheFileHas()
    {
        string path = Path.Combine(_dir, "results.csv");
        File.WriteAllText(path, "file,status\na.mrc,ok\n");
        var e = Assert.Throws<TemKitFormatException>(() => ColumnListCsv.ReadRows(path));
        Assert.StartsWith("results.csv: line 1: no columns 'frame', 'column'", e.Message, StringComparison.Ordinal);
        Assert.Contains("the file has: file, status", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[0]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusedColumnsRunLeavesNoFolderBehind()
    {
        string truth = Path.Combine(_dir, "results.csv");
        File.WriteAllText(truth, "file,status\na.mrc,ok\n");
        string image = Path.Combine(_dir, "image.mrc");
        MrcFile.Write(image, new Image2D(32, 32, VoxelSize.Isotropic(0.15)));
        string run = Path.Combine(_dir, "run");
        var (code, _, stderr) = CliRunner.Run("columns", image, "-o", run, "--truth", truth);
        Assert.Equal(1, code);
        Assert.Contains("no columns 'frame'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
