namespace TemKit.Tests.Cli;

/// <summary>`temkit merge` on a path that is not a folder says so, instead of "has no shards/ folder".</summary>
[Collection("cli")]
public sealed class MergeMessagesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AMissingRunFolderAndAFileAreNamedAsSuch()
    {
        var (code, _, stderr) = CliRunner.Run("merge", _dir["nothere"]);
        Assert.Equal(2, code);
        Assert.Equal($"temkit: {_dir["nothere"]}: folder not found; give the folder a `temkit defocus --shard K/N` or `temkit particles --shard K/N` run wrote into", stderr.Trim());
        Assert.False(Directory.Exists(_dir["nothere"]));
        File.WriteAllText(_dir["results.csv"], "file\n");
        (code, _, stderr) = CliRunner.Run("merge", _dir["results.csv"]);
        Assert.Equal(2, code);
        Assert.StartsWith($"temkit: {_dir["results.csv"]}: is a file; give the folder", stderr.Trim(), StringComparison.Ordinal);
    }
}
