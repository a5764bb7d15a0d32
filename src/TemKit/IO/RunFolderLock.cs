using System.Diagnostics;
using System.Globalization;

namespace TemKit.IO;

/// <summary>
/// An exclusive lock on a run folder (or on one output file), so two runs never write into the same place at once.
/// The lock is a small file created atomically (<see cref="FileMode.CreateNew"/>) holding the holder's process id,
/// host name and process start time; it is deleted on <see cref="Dispose"/>. A lock left by a process that died
/// (kill -9, power cut) on the same host is detected (no such process, or a process with that id started at another
/// time) and taken over; a lock held by a live process, or by another host, is refused with
/// <see cref="RunFolderInUseException"/>.
/// </summary>
/// <example><code>using (RunFolderLock.ForFolder(run)) { /* write into run */ }</code></example>
public sealed class RunFolderLock : IDisposable
{
    /// <summary>Name of the lock file inside a locked folder.</summary>
    public const string FileName = ".temkit.lock";

    private bool _released;

    private RunFolderLock(string target, string lockPath, bool tookOver)
    {
        Target = target;
        LockPath = lockPath;
        TookOverStaleLock = tookOver;
    }

    /// <summary>The folder or file locked (full path).</summary>
    public string Target { get; }

    /// <summary>The lock file (full path).</summary>
    public string LockPath { get; }

    /// <summary>True when a lock left by a dead process was found and taken over.</summary>
    public bool TookOverStaleLock { get; }

    /// <summary>Locks the folder <paramref name="folder"/> (created if missing) through FOLDER/.temkit.lock.</summary>
    /// <exception cref="RunFolderInUseException">Another live process holds the folder.</exception>
    public static RunFolderLock ForFolder(string folder)
    {
        string full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        return Acquire(full, Path.Combine(full, FileName));
    }

    /// <summary>Locks the output <paramref name="path"/> through a sibling ".NAME.lock": for an output file with
    /// companions (a model and its history) or a folder that is replaced as a unit (a dataset swapped in when complete),
    /// where a lock file inside would be swapped away.</summary>
    /// <exception cref="RunFolderInUseException">Another live process is writing the output.</exception>
    public static RunFolderLock Beside(string path)
    {
        string full = Path.GetFullPath(path.TrimEnd('/', '\\') is { Length: > 0 } trimmed ? trimmed : path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Acquire(full, Path.Combine(dir, $".{Path.GetFileName(full)}.lock"));
    }

    private static RunFolderLock Acquire(string target, string lockPath)
    {
        var me = LockHolder.Current();
        bool tookOver = false;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (TryCreate(lockPath, me)) return new RunFolderLock(target, lockPath, tookOver);
            var holder = LockHolder.TryRead(lockPath);
            if (holder is null) continue; // released (or still being written) between our two steps: try again
            if (!holder.IsStale()) throw new RunFolderInUseException(target, lockPath, holder);
            tookOver |= TryRemoveStale(lockPath, holder);
        }
        var last = LockHolder.TryRead(lockPath);
        throw new RunFolderInUseException(target, lockPath, last ?? new LockHolder(-1, "?", 0));
    }

    private static bool TryCreate(string lockPath, LockHolder me)
    {
        try
        {
            using var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(stream);
            writer.Write(me.ToText());
            return true;
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            return false;
        }
    }

    /// <summary>Removes a stale lock: it is first renamed to a unique name (only one contender wins the rename), then
    /// checked again; a lock that turns out not to be the stale one judged (a contender's fresh lock) is put back.</summary>
    private static bool TryRemoveStale(string lockPath, LockHolder stale)
    {
        string aside = $"{lockPath}.stale.{Environment.ProcessId}.{Guid.NewGuid():N}";
        try
        {
            File.Move(lockPath, aside, overwrite: false);
        }
        catch (IOException)
        {
            return false; // another contender moved it first
        }
        var moved = LockHolder.TryRead(aside);
        if (moved is not null && moved != stale)
        {
            try { File.Move(aside, lockPath, overwrite: false); } catch (IOException) { }
            return false;
        }
        File.Delete(aside);
        return true;
    }

    /// <summary>Deletes the lock file (once; only if it is still ours).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        if (LockHolder.TryRead(LockPath) == LockHolder.Current()) File.Delete(LockPath);
    }
}

/// <summary>Who holds a lock: process id, host name and the process start time (ticks, UTC), which tells a live holder
/// from a new process that happens to have the dead holder's id.</summary>
/// <param name="ProcessId">The holder's process id.</param>
/// <param name="Host">The holder's host name.</param>
/// <param name="StartTicksUtc">The holder's start time (UTC ticks; 0 when unknown).</param>
public sealed record LockHolder(int ProcessId, string Host, long StartTicksUtc)
{
    /// <summary>This process.</summary>
    public static LockHolder Current() => new(Environment.ProcessId, Environment.MachineName, StartTicks(Process.GetCurrentProcess()));

    /// <summary>True when the holder is on this host and no longer runs (a lock from another host is never judged stale).</summary>
    public bool IsStale()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal)) return false;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (process.HasExited) return true;
            // .NET derives a start time from the boot time, which each process computes with its own rounding: allow 2 s.
            return StartTicksUtc != 0 && StartTicks(process) is long t && t != 0 && Math.Abs(t - StartTicksUtc) > 2 * TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // exited while we looked
        }
    }

    internal string ToText() => string.Create(CultureInfo.InvariantCulture, $"pid={ProcessId}\nhost={Host}\nstart={StartTicksUtc}\n");

    internal static LockHolder? TryRead(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("pid", out string? pid) || !int.TryParse(pid, CultureInfo.InvariantCulture, out int id)) return null;
        long start = fields.TryGetValue("start", out string? s) && long.TryParse(s, CultureInfo.InvariantCulture, out long v) ? v : 0;
        return new LockHolder(id, fields.GetValueOrDefault("host") ?? "?", start);
    }

    private static long StartTicks(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return 0;
        }
    }
}

/// <summary>A run folder (or output file) is locked by another live process.</summary>
public sealed class RunFolderInUseException : IOException
{
    /// <summary>Creates the exception: "RUN is in use by pid N on HOST (lock file LOCK)".</summary>
    public RunFolderInUseException(string target, string lockPath, LockHolder holder)
        : base($"{target} is in use by pid {holder.ProcessId} on {holder.Host} (lock file {lockPath}; " +
               "wait for that run to finish, or delete the lock file if that process is gone)")
    {
        Target = target;
        Holder = holder;
    }

    /// <summary>The folder or file asked for.</summary>
    public string Target { get; }

    /// <summary>Who holds it.</summary>
    public LockHolder Holder { get; }
}
