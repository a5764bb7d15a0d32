using TemKit.IO;

namespace TemKit.Tests.IO;

/// <summary>One job's run per folder: a second, different job must not replace the first one's report or records.</summary>
public sealed class RunFolderKindTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tk-runkind").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheSameJobMayReuseItsFolderAndAnotherJobIsRefused()
    {
        string run = Path.Combine(_dir, "run");
        RunFolderKind.Claim(run, "defocus");
        RunFolderKind.Claim(run, "defocus");
        var e = Assert.Throws<RunFolderClashException>(() => RunFolderKind.Claim(run, "particles"));
        Assert.Equal($"{run} holds a 'temkit defocus' run; write the 'temkit particles' run to another folder", e.Message);
        Assert.Equal("defocus\n", File.ReadAllText(Path.Combine(run, RunFolderKind.FileName)));
    }

    [Fact]
    public void ARunFolderWrittenBeforeTheMarkIsKnownByItsOwnFile()
    {
        string run = Path.Combine(_dir, "old");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "segmentation.csv"), "file,status\n");
        Assert.Throws<RunFolderClashException>(() => RunFolderKind.Claim(run, "defocus"));
        RunFolderKind.Claim(run, "segment");
        Assert.Equal("segment\n", File.ReadAllText(Path.Combine(run, RunFolderKind.FileName)));
    }

    [Fact]
    public void AFolderOfOtherFilesIsClaimed()
    {
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "mine");
        RunFolderKind.Claim(_dir, "columns");
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_dir, "notes.txt")));
    }
}
