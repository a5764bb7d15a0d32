using System.Diagnostics;
using TemKit.IO;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Reliability;

/// <summary>Issue 18.1: a run folder is written by one process at a time; a lock of a dead process is taken over.</summary>
[Collection("cli")]
public sealed class RunFolderLockTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ASecondLockOnTheSameFolderIsRefusedUntilTheFirstIsReleased()
    {
        string run = _dir["R"];
        using (var first = RunFolderLock.ForFolder(run))
        {
            Assert.True(File.Exists(Path.Combine(run, RunFolderLock.FileName)));
            var e = Assert.Throws<RunFolderInUseException>(() => RunFolderLock.ForFolder(run));
            Assert.Contains($"{Path.GetFullPath(run)} is in use by pid {Environment.ProcessId} on {Environment.MachineName}", e.Message);
        }
        Assert.False(File.Exists(Path.Combine(run, RunFolderLock.FileName)));
        using var again = RunFolderLock.ForFolder(run);
        Assert.False(again.TookOverStaleLock);
    }

    [Fact]
    public void ALockLeftByADeadProcessIsTakenOver()
    {
        string run = _dir["R"];
        Directory.CreateDirectory(run);
        int deadPid = DeadProcessId();
        File.WriteAllText(Path.Combine(run, RunFolderLock.FileName), $"pid={deadPid}\nhost={Environment.MachineName}\nstart=1\n");
        using var held = RunFolderLock.ForFolder(run);
        Assert.True(held.TookOverStaleLock);
        Assert.Contains($"pid={Environment.ProcessId}", File.ReadAllText(held.LockPath));
    }

    [Fact]
    public void ALockFromAnotherHostIsNeverTakenOver()
    {
        string run = _dir["R"];
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, RunFolderLock.FileName), $"pid={DeadProcessId()}\nhost=some-other-node\nstart=1\n");
        var e = Assert.Throws<RunFolderInUseException>(() => RunFolderLock.ForFolder(run));
        Assert.Contains("on some-other-node", e.Message);
    }

    [Fact]
    public void TheSecondProcessIntoAHeldRunFolderIsRefusedWithTheHoldersPidAndWritesNothing()
    {
        string data = Simulated(2);
        string run = _dir["R"];
        using (RunFolderLock.ForFolder(run)) // this test process is the first run
        {
            var (code, _, stderr) = CliProcess.Run("defocus", data, "-o", run, "--tile-size", "256");
            Assert.Equal(1, code);
            Assert.Contains($"is in use by pid {Environment.ProcessId} on {Environment.MachineName}", stderr);
            Assert.Equal([Path.Combine(run, RunFolderLock.FileName)], Directory.EnumerateFileSystemEntries(run));
        }
    }

    [Theory]
    [InlineData("mtf", "fit")]
    [InlineData("merge")]
    public void OtherRunFolderCommandsAreLockedToo(params string[] command)
    {
        string run = _dir["R"];
        Directory.CreateDirectory(Path.Combine(run, "shards"));
        using (RunFolderLock.ForFolder(run))
        {
            string[] args = command[0] == "merge" ? ["merge", run] : [.. command, Simulated(1), "-o", run, "--no-plots"];
            var (code, _, stderr) = CliProcess.Run(args);
            Assert.Equal(1, code);
            Assert.Contains($"is in use by pid {Environment.ProcessId}", stderr);
        }
    }

    [Fact]
    public void AnUnshardedTiltDatasetRunLocksTheDatasetFolder()
    {
        string run = _dir["T"];
        using (RunFolderLock.ForFolder(run))
        {
            var (code, _, stderr) = CliRunner.Run("simulate", "tilt-dataset", "-o", run);
            Assert.Equal(1, code);
            Assert.Contains($"is in use by pid {Environment.ProcessId}", stderr);
            Assert.Equal([Path.Combine(run, RunFolderLock.FileName)], Directory.EnumerateFileSystemEntries(run));
        }
    }

    [Fact]
    public void AfterAKill9TheNextRunTakesTheLockOverAndResumesByteIdentically()
    {
        string data = Simulated(10);
        var clean = CliProcess.Run("defocus", data, "-o", _dir["clean"], "--tile-size", "256", "--threads", "1");
        Assert.Equal(0, clean.ExitCode);

        string run = _dir["killed"];
        string lockFile = Path.Combine(run, RunFolderLock.FileName);
        using (var holder = CliProcess.Start("defocus", data, "-o", run, "--tile-size", "256", "--threads", "1"))
        {
            var watch = Stopwatch.StartNew();
            while (!holder.HasExited && !(Directory.Exists(Path.Combine(run, "parts")) && Directory.EnumerateFiles(Path.Combine(run, "parts")).Any())
                   && watch.Elapsed < TimeSpan.FromMinutes(1))
                Thread.Sleep(2);
            holder.Kill(); // SIGKILL: no finally block, no lock release
            holder.WaitForExit();
        }
        bool stale = File.Exists(lockFile);
        var resumed = CliProcess.Run("defocus", data, "-o", run, "--tile-size", "256", "--threads", "1");
        Assert.Equal(0, resumed.ExitCode);
        if (stale) Assert.Contains("took over the lock left by a process that no longer runs", resumed.Stderr);
        Assert.False(File.Exists(lockFile));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir["clean"], "results.csv")), File.ReadAllBytes(Path.Combine(run, "results.csv")));
        foreach (string stage in new[] { "profiles", "smoothed", "peaks", "fits" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir["clean"], "junctures", stage + ".csv")), File.ReadAllBytes(Path.Combine(run, "junctures", stage + ".csv")));
    }

    /// <summary>A folder of <paramref name="count"/> small synthetic micrographs (made once per test).</summary>
    private string Simulated(int count)
    {
        string folder = _dir[$"data{count}"];
        if (!Directory.Exists(folder))
        {
            var (code, _, stderr) = CliRunner.Run("defocus-simulate", "-o", folder, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--size-px", "512", "--seed", "3");
            Assert.True(code == 0, stderr);
        }
        return folder;
    }

    /// <summary>The id of a process that has exited (and been reaped).</summary>
    private static int DeadProcessId()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }
}
