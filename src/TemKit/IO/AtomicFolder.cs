namespace TemKit.IO;

/// <summary>
/// Writes a folder of files that belong together (a dataset's images, masks and parameters) as a unit: everything goes
/// into a hidden sibling folder, which replaces the target only when complete. A reader sees the old set or the new
/// set, never new images with old masks. A kill between the two renames of the swap leaves the complete old set in
/// ".NAME.old-*" and the complete new one in ".NAME.new-*" beside the (then missing) folder; nothing is half written.
/// </summary>
public static class AtomicFolder
{
    /// <summary>
    /// Fills a fresh sibling folder through <paramref name="write"/> (given its path), then swaps it in for
    /// <paramref name="folder"/>; the previous folder, if any, is deleted after the swap. On an exception nothing changes.
    /// </summary>
    public static void Replace(string folder, Action<string> write)
    {
        string full = Path.GetFullPath(folder.TrimEnd('/', '\\') is { Length: > 0 } trimmed ? trimmed : folder);
        string parent = Path.GetDirectoryName(full)!, name = Path.GetFileName(full);
        string fresh = Path.Combine(parent, $".{name}.new-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(fresh);
        try
        {
            write(fresh);
        }
        catch
        {
            TryDelete(fresh);
            throw;
        }
        if (!Directory.Exists(full))
        {
            Directory.Move(fresh, full);
            return;
        }
        string old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.Move(full, old);
        try
        {
            Directory.Move(fresh, full);
        }
        catch
        {
            Directory.Move(old, full);
            TryDelete(fresh);
            throw;
        }
        TryDelete(old);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden sibling costs disk space only; the swap itself succeeded or was undone.
        }
    }
}
