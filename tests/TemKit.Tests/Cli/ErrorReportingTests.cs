using TemKit.Cli.Infrastructure;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Cli;

/// <summary>Every failure is one line on stderr with the right exit code, never a stack trace.</summary>
[Collection("cli")]
public sealed class ErrorReportingTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertOneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{stderr}");
        Assert.DoesNotContain("   at ", stderr);
        Assert.StartsWith("temkit: ", lines[0]);
    }

    [Fact]
    public void OneLineFoldsLineBreaksControlCharactersAndLength()
    {
        Assert.Equal("a; b ?c", Console2.OneLine("a\r\nb \u0001c\n"));
        string cut = Console2.OneLine(new string('x', 5000));
        Assert.Equal(Console2.MaxMessageLength + 1, cut.Length);
        Assert.EndsWith("…", cut);
    }

    [Fact]
    public void FormatExceptionKeepsTheProblemOfAGarbageFieldNameOnOneLine()
    {
        // A corrupt DM3 tag length makes the reader take kilobytes of binary for a tag label.
        string garbage = "ImageList[1].Tags." + string.Concat(Enumerable.Repeat("Label%%%%\0\u0002\n\r\t", 400));
        var e = new TemKitFormatException("/data/broken.dm3", $"{garbage}: tag length 97134396 exceeds the 1935 bytes left");
        Assert.StartsWith("broken.dm3: ImageList[1].Tags.", e.Message);
        Assert.EndsWith(": tag length 97134396 exceeds the 1935 bytes left", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\0', e.Message);
        Assert.True(e.Problem.Length <= TemKitFormatException.MaxProblemLength + 1, e.Problem.Length.ToString());
    }

    [Fact]
    public void NaNDisplayPercentileIsAUsageErrorNotACrash()
    {
        string input = _dir["in.mrc"];
        MrcFile.Write(input, new Image2D(8, 8));
        var (code, _, stderr) = CliRunner.Run("convert", input, _dir["out.png"], "--scale", "nan,5");
        Assert.Equal(2, code);
        AssertOneLine(stderr);
        Assert.Contains("--scale nan,5", stderr);
        Assert.False(File.Exists(_dir["out.png"]));
    }

    [Fact]
    public void ParticleTooLargeForTheGridInARangesFileIsOneLineUsageErrorNotAnInternalError()
    {
        // Found by hand: the particle builder's refusal came out of Parallel.For as an AggregateException and was
        // reported as "internal error ... this is a TemKit bug".
        File.WriteAllText(_dir["r.yaml"], "grid_pixels: 64\ndiameter_nanometres: [2.0, 2.2]\nsupport: false\n");
        var (code, _, stderr) = CliRunner.Run("simulate", "dataset", "-o", _dir["ds"], "--count", "2", "--ranges", _dir["r.yaml"]);
        Assert.Equal(2, code);
        AssertOneLine(stderr);
        Assert.Contains("does not fit", stderr);
        Assert.DoesNotContain("internal error", stderr);
        Assert.False(File.Exists(Path.Combine(_dir["ds"], "images.mrc")));
    }

    [Fact]
    public void ARefusedRunLeavesNoEmptyOutputFolderBehind()
    {
        // Found by hand: the output folder (and its missing parents) were made before the input was read, so every
        // typo in an input name left an empty run folder.
        string run = Path.Combine(_dir["new"], "run");
        var (code, _, stderr) = CliRunner.Run("tomo", "report", _dir["missing.mrc"], "-o", run);
        Assert.Equal(1, code);
        AssertOneLine(stderr);
        Assert.False(Directory.Exists(_dir["new"]), "the refused run left its output folder behind");

        Directory.CreateDirectory(_dir["kept"]);
        File.WriteAllText(Path.Combine(_dir["kept"], "note.txt"), "user file");
        CliRunner.Run("tomo", "report", _dir["missing.mrc"], "-o", _dir["kept"]);
        Assert.True(File.Exists(Path.Combine(_dir["kept"], "note.txt")), "a folder that existed before the run was touched");
        Directory.CreateDirectory(_dir["empty"]);
        CliRunner.Run("tomo", "report", _dir["missing.mrc"], "-o", _dir["empty"]);
        Assert.True(Directory.Exists(_dir["empty"]), "an empty folder the user made was deleted");
    }

    [Fact]
    public void ImpossibleStackSizeIsOneLineUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("noise", "simulate", "-o", _dir["v.mrc"], "--size-px", "16384", "--frames", "100000");
        Assert.Equal(2, code);
        AssertOneLine(stderr);
        Assert.Contains("16384x16384x100000", stderr);
    }

    [Fact]
    public void FrameOutsideTheStackIsUsageErrorNamingTheRange()
    {
        string input = _dir["stack.mrc"];
        MrcFile.Write(input, new ImageStack(8, 8, 4));
        foreach (var args in new[] { new[] { "fft", input, "-o", _dir["ps.png"], "--frame", "7" }, ["convert", input, _dir["f.png"], "--frame", "9"] })
        {
            var (code, _, stderr) = CliRunner.Run(args);
            Assert.Equal(2, code);
            AssertOneLine(stderr);
            Assert.Contains("stack.mrc has frames 0..3", stderr);
        }
        Assert.Empty(Directory.GetFiles(_dir.Root, "*.png"));
    }

    [Fact]
    public void WriteIntoAFileTreatedAsFolderNamesTheOutputAndLeavesNoTempFile()
    {
        string input = _dir["in.mrc"];
        MrcFile.Write(input, new Image2D(16, 16));
        File.WriteAllText(_dir["plain"], "not a folder");
        var (code, _, stderr) = CliRunner.Run("fft", input, "-o", Path.Combine(_dir["plain"], "ps.png"));
        Assert.Equal(2, code); // checked before any work: an unusable output is bad usage
        AssertOneLine(stderr);
        Assert.Contains("--output " + Path.Combine(_dir["plain"], "ps.png") + ": cannot write in", stderr);
        Assert.Empty(_dir.TempFiles());

        Directory.CreateDirectory(_dir["taken.mrc"]);
        (code, _, stderr) = CliRunner.Run("convert", input, _dir["taken.mrc"]);
        Assert.Equal(2, code);
        AssertOneLine(stderr);
        Assert.Contains("taken.mrc: is a folder, expected a file name", stderr);
        Assert.Empty(_dir.TempFiles());
    }

    [Fact]
    public void AFileOfAnotherFormatIsNamedAsSuchAndTheBatchGoesOn()
    {
        File.WriteAllBytes(_dir["picture.png"], [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        MrcFile.Write(_dir["good.mrc"], new Image2D(4, 4));
        var (code, stdout, stderr) = CliRunner.Run("info", "--json", _dir["picture.png"], _dir["good.mrc"]);
        Assert.Equal(1, code);
        AssertOneLine(stderr);
        Assert.Contains("picture.png: a '.png' file is not an image format TemKit reads", stderr);
        Assert.Contains("good.mrc", stdout);
    }

    [Fact]
    public void AnEmptyFileNameIsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("info", "");
        Assert.Equal(2, code);
        AssertOneLine(stderr);
        Assert.Contains("empty file name", stderr);
    }

    [Fact]
    public async Task ANamedPipeOrEmptyFileIsRefusedWithoutHanging()
    {
        File.WriteAllBytes(_dir["empty.dm4"], []);
        string fifo = _dir["pipe.mrc"];
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        Assert.True(File.Exists(fifo));
        var run = Task.Run(() => CliRunner.Run("info", _dir["empty.dm4"], fifo));
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))));
        var (code, _, stderr) = await run;
        Assert.Equal(1, code);
        Assert.Contains("temkit: empty.dm4: file is empty (0 bytes), a DM file starts with a 12- or 24-byte header", stderr);
        Assert.Contains("temkit: pipe.mrc: file is empty (0 bytes)", stderr);
    }

    [Fact]
    public void AFolderWithoutImagesIsAUsageErrorNotASilentSuccess()
    {
        Directory.CreateDirectory(_dir["empty folder"]);
        File.WriteAllText(Path.Combine(_dir["empty folder"], "notes.txt"), "no images here");
        var (code, stdout, stderr) = CliRunner.Run("info", _dir["empty folder"]);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        AssertOneLine(stderr);
        Assert.Contains("empty folder: the folder holds no .mrc", stderr);
    }

    [Theory]
    [InlineData("fft", "x.mrc", "-o", "a.png", "--frame", "abc", "Cannot parse argument 'abc' for option '--frame' as a whole number.")]
    [InlineData("noise", "simulate", "-o", "v.mrc", "--pixel-size", "x", "Cannot parse argument 'x' for option '--pixel-size' as a number (e.g. 0.5 or 1e3).")]
    public void ParseErrorsNameNoDotNetTypes(string a, string b, string c, string d, string e, string f, string expected)
    {
        var (code, _, stderr) = CliRunner.Run(a, b, c, d, e, f);
        Assert.Equal(2, code);
        Assert.Contains($"temkit: {expected}", stderr);
        Assert.DoesNotContain("System.", stderr);
    }
}
