using TemKit.Cli.Infrastructure;
using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Cli;

/// <summary>A run folder inside an input folder: a second run must not read the first run's outputs as inputs.</summary>
[Collection("cli")]
public sealed class InputFilesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Image(string relative)
    {
        string path = _dir[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        MrcFile.Write(path, new Image2D(16, 16, VoxelSize.Isotropic(1.0)));
    }

    [Fact]
    public void AnInputListSkipsBlankAndCommentLines()
    {
        // A '# comment' line was taken as a file name (QA, session 9).
        File.WriteAllLines(_dir["list.txt"], ["# micrographs of grid 3", "", "  /data/a.mrc  ", "#/data/skipped.mrc", "/data/b.mrc"]);
        Assert.Equal(["/data/a.mrc", "/data/b.mrc"], InputFiles.ReadList(_dir["list.txt"]));
    }

    [Fact]
    public void AFolderInputSkipsTheRunFolderInsideIt()
    {
        Image("data/a.mrc");
        Image("data/sub/b.mrc");
        Image("data/run/diagnostics/a.ctf.mrc");
        var files = InputFiles.Expand([_dir["data"]], outputFolder: _dir["data/run"]);
        Assert.Equal([_dir["data/a.mrc"], _dir["data/sub/b.mrc"]], files);
    }

    [Fact]
    public void AFileNamedInsideTheRunFolderIsKept()
    {
        Image("data/a.mrc");
        Image("data/run/x.mrc");
        var files = InputFiles.Expand([_dir["data"], _dir["data/run/x.mrc"]], outputFolder: _dir["data/run"]);
        Assert.Equal([_dir["data/a.mrc"], _dir["data/run/x.mrc"]], files);
    }

    [Fact]
    public void AnOutputFolderAboveTheInputFolderSkipsNothing()
    {
        Image("data/a.mrc");
        Image("data/b.mrc");
        var files = InputFiles.Expand([_dir["data"]], outputFolder: _dir.Root);
        Assert.Equal([_dir["data/a.mrc"], _dir["data/b.mrc"]], files);
    }

    [Fact]
    public void AFolderInputSkipsAnotherTemKitRunFolderInsideIt()
    {
        Image("data/a.mrc");
        Image("data/defocus/diagnostics/a.ctf.mrc");
        File.WriteAllText(_dir["data/defocus/run.json"], "{}");
        Image("data/particles/select/kept.mrc");
        File.WriteAllText(_dir["data/particles/provenance.json"], "{}");
        Image("data/columns/overlay_0000.png.mrc");
        File.WriteAllText(_dir["data/columns/.temkit-run"], "columns\n");
        var files = InputFiles.Expand([_dir["data"]], outputFolder: _dir["data/flipped"]);
        Assert.Equal([_dir["data/a.mrc"]], files);
        // A run's own output folder given as the input is read (e.g. a particles run's kept frames), and a command
        // without a run folder (info) lists everything.
        Assert.Equal([_dir["data/particles/select/kept.mrc"]], InputFiles.Expand([_dir["data/particles/select"]], outputFolder: _dir["cols"]));
        Assert.Equal(4, InputFiles.Expand([_dir["data"]]).Count);
    }

    [Fact]
    public void AnInputFolderThatIsTheOutputFolderIsAUsageError()
    {
        Image("data/a.mrc");
        var e = Assert.Throws<UsageException>(() => InputFiles.Expand([_dir["data"] + "/"], outputFolder: _dir["data"]));
        Assert.Contains("is also the output folder", e.Message);
        Assert.Contains(_dir["data"], e.Message);
    }

    [SkippableFact]
    public void ResumingADefocusRunWhoseFolderIsInsideTheInputFolderReadsOnlyTheMicrographs()
    {
        var (code, _, stderr) = CliRunner.Run("defocus-simulate", "-o", _dir["data"], "--count", "1", "--size-px", "256", "--seed", "3");
        Assert.True(code == 0, stderr);
        (code, var stdout, stderr) = CliRunner.Run("defocus", _dir["data"], "-o", _dir["data/run"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("1 images: 1 processed, 0 already done, 0 failed", stdout);
        Assert.NotEmpty(Directory.EnumerateFiles(_dir["data/run"], "*.mrc", SearchOption.AllDirectories));
        (code, stdout, stderr) = CliRunner.Run("defocus", _dir["data"], "-o", _dir["data/run"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("1 images: 0 processed, 1 already done, 0 failed", stdout);
    }
}
