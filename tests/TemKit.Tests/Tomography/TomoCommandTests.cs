using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Tests.Cli;
using TemKit.Tomography.Phantoms;
using Xunit;

namespace TemKit.Tests.Tomography;

[Collection("cli")]
public class TomoCommandTests
{
    private static string Series(TempFolder dir, int frames)
    {
        var tilts = Enumerable.Range(0, frames).Select(i => -40.0 + 80.0 * i / (frames - 1)).ToArray();
        var proj = GaussianBlobs.Project(GaussianBlobs.Random(3, 10, 10, 1), 20, 20, tilts);
        string path = dir["s.mrc"];
        MrcFile.Write(path, new ImageStack(20, 20, frames, proj.SelectMany(p => p).ToArray()));
        return path;
    }

    [Fact]
    public void ReconstructProjectAndAlignRunFromTheCommandLine()
    {
        using var dir = new TempFolder();
        string stack = Series(dir, 9);
        File.WriteAllLines(dir["s.rawtlt"], Enumerable.Range(0, 9).Select(i => (-40.0 + 10 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (code, stdout, stderr) = CliRunner.Run("tomo", "reconstruct", stack, "--method", "sirt", "--iterations", "5", "-o", dir["r.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("20x20x20 voxels from 9 projections", stdout);
        (code, _, stderr) = CliRunner.Run("tomo", "project", dir["r.mrc"], "--tilts", "-30:30:15", "-o", dir["p.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Equal(5, MrcFile.Read(dir["p.mrc"]).Nz);
        Assert.Equal([-30.0, -15, 0, 15, 30], TemKit.Tomography.TiltAngleFile.Read(dir["p.rawtlt"]));
        (code, _, stderr) = CliRunner.Run("tomo", "align", stack, "--axis-search-deg", "2", "-o", dir["a.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Equal(9, File.ReadAllLines(dir["a.xf"]).Length);
        Assert.Empty(dir.TempFiles());
    }

    [Theory]
    [InlineData("-40\n-30\n-20\n", "has 3 tilt angles but the stack has 9 projections")]
    [InlineData("-40\n-30\n-20\n-10\n-10\n10\n20\n30\n40\n", "(duplicate tilt)")]
    [InlineData("-40\n-30\n-20\n-10\n0\n-5\n20\n30\n40\n", "not monotonic")]
    public void BadTiltFilesExitWithOneLine(string tilts, string expected)
    {
        using var dir = new TempFolder();
        string stack = Series(dir, 9);
        File.WriteAllText(dir["t.tlt"], tilts);
        var (code, stdout, stderr) = CliRunner.Run("tomo", "reconstruct", stack, "--tilts", dir["t.tlt"], "-o", dir["r.mrc"]);
        Assert.Equal(1, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(dir["r.mrc"]));
    }

    [Fact]
    public void MaskOfTheWrongSizeAndASingleImageAreRefused()
    {
        using var dir = new TempFolder();
        string stack = Series(dir, 5);
        MrcFile.Write(dir["m.mrc"], new ImageStack(20, 7, 1));
        var (code, _, stderr) = CliRunner.Run("tomo", "reconstruct", stack, "--tilts", "-20:20:10", "-o", dir["r.mrc"]);
        Assert.True(code == 0, stderr);
        File.WriteAllText(dir["s.tlt"], "-40\n-20\n0\n20\n40\n");
        (code, _, stderr) = CliRunner.Run("tomo", "reconstruct", stack, "--mask", dir["m.mrc"], "-o", dir["r.mrc"]);
        Assert.Equal(1, code);
        Assert.Contains("mask is 20x7x1 but the reconstruction needs a 20x20 slice mask", stderr);
        MrcFile.Write(dir["one.mrc"], new ImageStack(20, 20, 1));
        (code, _, stderr) = CliRunner.Run("tomo", "reconstruct", dir["one.mrc"], "--tilts", dir["s.tlt"], "-o", dir["r.mrc"]);
        Assert.Equal(1, code);
        Assert.Contains("a tilt series needs at least 2 projections", stderr);
    }

    [Fact]
    public void AnOutputThatIsAnInputIsRefused()
    {
        using var dir = new TempFolder();
        string stack = Series(dir, 5);
        File.WriteAllLines(dir["s.rawtlt"], ["-40", "-20", "0", "20", "40"]);
        MrcFile.Write(dir["m.mrc"], new ImageStack(20, 20, 1, new float[400]));
        byte[] mask = File.ReadAllBytes(dir["m.mrc"]);
        var (code, _, stderr) = CliRunner.Run("tomo", "reconstruct", stack, "--mask", dir["m.mrc"], "-o", dir["m.mrc"]);
        Assert.Equal(2, code);
        Assert.Contains("is the input file", stderr);
        Assert.Equal(mask, File.ReadAllBytes(dir["m.mrc"]));
        (code, _, stderr) = CliRunner.Run("tomo", "align", stack, "-o", stack);
        Assert.Equal(2, code);
        Assert.Contains("is the input file", stderr);
    }

    [Fact]
    public void ReconstructAndReportRefuseAnOutputHeldByAnotherRun()
    {
        using var dir = new TempFolder();
        string stack = Series(dir, 5);
        File.WriteAllLines(dir["s.rawtlt"], ["-40", "-20", "0", "20", "40"]);
        using (TemKit.IO.RunFolderLock.Beside(dir["r.mrc"]))
        {
            var (code, _, stderr) = CliRunner.Run("tomo", "reconstruct", stack, "-o", dir["r.mrc"]);
            Assert.Equal(1, code);
            Assert.Contains($"is in use by pid {Environment.ProcessId}", stderr);
            Assert.False(File.Exists(dir["r.mrc"]));
        }
        using (TemKit.IO.RunFolderLock.ForFolder(dir["report"]))
        {
            var (code, _, stderr) = CliRunner.Run("tomo", "report", stack, "-o", dir["report"]);
            Assert.Equal(1, code);
            Assert.Contains($"is in use by pid {Environment.ProcessId}", stderr);
            Assert.False(File.Exists(Path.Combine(dir["report"], "report.html")));
        }
    }
}
