namespace TemKit.IO;

/// <summary>
/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same folder, which is flushed and then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, then renames it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = System.IO.Path.GetFullPath(path);
        string? dir = System.IO.Path.GetDirectoryName(full);
        if (Directory.Exists(full)) throw new IOException($"{path}: cannot write: it is a folder");
        try
        {
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot create its folder {dir}: {Reason(e, dir!, dir!)}", e);
        }
        string temp = System.IO.Path.Combine(dir ?? ".", $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            try { File.Delete(temp); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            // File-system failures name the file the caller asked for, not the temporary one; anything else passes through.
            if (e is UnauthorizedAccessException or IOException && IsOurs(e, temp, full))
                throw new IOException($"{path}: cannot write: {Reason(e, temp, full)}", e);
            throw;
        }
    }

    private static bool IsOurs(Exception e, string temp, string full) =>
        e is UnauthorizedAccessException || e.Message.Contains(temp, StringComparison.Ordinal) || e.Message.Contains(full, StringComparison.Ordinal)
        || e is DirectoryNotFoundException || e.HResult is ErrnoNoSpace or ErrnoReadOnly;

    // Unix errno values .NET puts in IOException.HResult.
    private const int ErrnoNoSpace = 28, ErrnoReadOnly = 30;

    /// <summary>A short reason without the temporary file's name.</summary>
    private static string Reason(Exception e, string temp, string full) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the folder does not exist",
        _ when e.HResult == ErrnoNoSpace => "no space left on the device",
        _ when e.HResult == ErrnoReadOnly => "read-only file system",
        _ => e.Message.Replace(temp, full, StringComparison.Ordinal),
    };

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true); w.Write(text); });

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }
}
