using TemKit.IO;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// The one line a command that writes a run folder adds: <c>using var held = RunLocks.Folder(run);</c>. Takes the
/// library's <see cref="RunFolderLock"/> and prints a notice when a stale lock of a dead process was taken over; a
/// folder in use by a live process ends the command with <see cref="RunFolderInUseException"/> (exit code 1).
/// </summary>
internal static class RunLocks
{
    /// <summary>Locks the run folder <paramref name="folder"/> (RUN/.temkit.lock) for the rest of the command.</summary>
    public static RunFolderLock Folder(string folder) => Noted(RunFolderLock.ForFolder(folder));

    /// <summary>Locks an output file, or a folder replaced as a unit, through a sibling ".NAME.lock".</summary>
    public static RunFolderLock Beside(string path) => Noted(RunFolderLock.Beside(path));

    private static RunFolderLock Noted(RunFolderLock held)
    {
        if (held.TookOverStaleLock) Console2.Warn($"{held.Target}: took over the lock left by a process that no longer runs");
        return held;
    }
}
