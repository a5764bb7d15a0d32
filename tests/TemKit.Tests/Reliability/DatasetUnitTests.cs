using System.Diagnostics;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Reliability;

/// <summary>Issue 18.3: a dataset is replaced as a unit, and train refuses one whose parts disagree.</summary>
[Collection("cli")]
public sealed class DatasetUnitTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFailedWriteLeavesTheOldFolderAndASuccessfulOneReplacesItWhole()
    {
        string folder = _dir["ds"];
        AtomicFolder.Replace(folder, f => { File.WriteAllText(Path.Combine(f, "a.txt"), "old"); File.WriteAllText(Path.Combine(f, "b.txt"), "old"); });
        Assert.Throws<IOException>(() => AtomicFolder.Replace(folder, f =>
        {
            File.WriteAllText(Path.Combine(f, "a.txt"), "new");
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "a.txt")));
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "b.txt")));
        AtomicFolder.Replace(folder, f => File.WriteAllText(Path.Combine(f, "a.txt"), "new"));
        Assert.Equal("new", File.ReadAllText(Path.Combine(folder, "a.txt")));
        Assert.False(File.Exists(Path.Combine(folder, "b.txt"))); // nothing of the old set survives beside the new one
        Assert.Equal([folder], Directory.EnumerateFileSystemEntries(_dir.Root));
    }

    [Fact]
    public void KillingARegenerationLeavesTheOldOrTheNewDatasetNeverAMixture()
    {
        string ds = _dir["ds"];
        var first = CliProcess.Run("simulate", "dataset", "-o", ds, "--count", "1", "--image-epochs", "2", "--seed", "1", "--threads", "1");
        Assert.True(first.ExitCode == 0, first.Stderr);
        using (var p = CliProcess.Start("simulate", "dataset", "-o", ds, "--count", "1", "--image-epochs", "3", "--seed", "2", "--threads", "1"))
        {
            var watch = Stopwatch.StartNew();
            // Kill while the new set is being written beside the old one, if the process gets there within a minute.
            while (!p.HasExited && !Directory.EnumerateDirectories(_dir.Root, ".ds.new-*").Any() && watch.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(1);
            p.Kill();
            p.WaitForExit();
        }
        Assert.True(Directory.Exists(ds));
        using var images = ImageFile.Open(Path.Combine(ds, "images.mrc"));
        using var masks = ImageFile.Open(Path.Combine(ds, "masks.mrc"));
        int rows = File.ReadLines(Path.Combine(ds, "params.csv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(images.FrameCount, masks.FrameCount);
        Assert.Equal(images.FrameCount, rows);
        Assert.Contains(images.FrameCount, new[] { 2, 3 });
    }

    [Fact]
    public void AFolderWithOtherFilesIsNotReplaced()
    {
        string ds = _dir["ds"];
        Directory.CreateDirectory(ds);
        File.WriteAllText(Path.Combine(ds, "thesis.tex"), "keep me");
        var (code, _, stderr) = CliRunner.Run("simulate", "dataset", "-o", ds, "--count", "1");
        Assert.Equal(2, code);
        Assert.Contains("holds thesis.tex, which is not part of a dataset", stderr);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(ds, "thesis.tex")));
    }

    [Fact]
    public void TrainRefusesADatasetWhoseParametersDisagreeWithItsImages()
    {
        string ds = _dir["ds"];
        Directory.CreateDirectory(ds);
        var pixels = new float[4 * 32 * 32];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = i % 7;
        MrcFile.Write(Path.Combine(ds, "images.mrc"), new ImageStack(32, 32, 4, pixels, StackKind.Image, VoxelSize.Isotropic(1)));
        MrcFile.Write(Path.Combine(ds, "masks.mrc"), new ImageStack(32, 32, 4, pixels, StackKind.Image, VoxelSize.Isotropic(1)));
        File.WriteAllLines(Path.Combine(ds, "params.csv"), ["frame,particle", "0,0", "1,0", "2,0"]);
        var (code, _, stderr) = CliRunner.Run("train", "--images", Path.Combine(ds, "images.mrc"), "--masks", Path.Combine(ds, "masks.mrc"), "-o", _dir["m.tkm"],
            "--depth", "2", "--kernel", "3", "--crop", "16", "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Contains("params.csv: 3 parameter rows for 4 images in images.mrc", stderr);
        Assert.False(File.Exists(_dir["m.tkm"]));
    }
}
