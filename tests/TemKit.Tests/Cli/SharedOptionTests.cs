namespace TemKit.Tests.Cli;

/// <summary>One spelling per quantity on the command line: --pixel-size-angstrom and --tile-size-px everywhere, the
/// old spellings still accepted but hidden from --help.</summary>
[Collection("cli")]
public sealed class SharedOptionTests
{
    [Theory]
    [InlineData("defocus", "--pixel-size-A", "--tile-size ")]
    [InlineData("mtf fit", "--pixel-size ", "--tile ")]
    [InlineData("noise simulate", "--pixel-size ", null)]
    [InlineData("defocus-simulate", "--pixel-size-A", null)]
    public void HelpShowsOnlyTheSharedSpellings(string command, string oldPixel, string? oldTile)
    {
        var (code, help, _) = CliRunner.Run([.. command.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("--pixel-size-angstrom", help);
        Assert.DoesNotContain(oldPixel, help);
        if (oldTile is not null)
        {
            Assert.Contains("--tile-size-px", help);
            Assert.DoesNotContain(oldTile, help);
        }
    }

    [Fact]
    public void OldAndNewSpellingsGiveTheSameResult()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, CliRunner.Run("noise", "simulate", "-o", dir["old.mrc"], "--frames", "1", "--size-px", "64", "--pixel-size", "0.2").ExitCode);
        Assert.Equal(0, CliRunner.Run("noise", "simulate", "-o", dir["new.mrc"], "--frames", "1", "--size-px", "64", "--pixel-size-angstrom", "0.2").ExitCode);
        var old = TemKit.IO.Mrc.MrcFile.Read(dir["old.mrc"]);
        var fresh = TemKit.IO.Mrc.MrcFile.Read(dir["new.mrc"]);
        Assert.Equal(0.2, old.VoxelSize.XAngstrom, 6);
        Assert.True(old.Frame(0).SequenceEqual(fresh.Frame(0)));
        Assert.Equal(File.ReadAllText(dir["old_truth.csv"]), File.ReadAllText(dir["new_truth.csv"]));
        var (code, _, stderr) = CliRunner.Run("mtf", "fit", dir["new.mrc"], "-o", dir["run"], "--tile", "8");
        Assert.Equal(2, code);
        Assert.Contains("--tile-size-px 8: need 0 or ≥ 16 px", stderr);
    }
}
