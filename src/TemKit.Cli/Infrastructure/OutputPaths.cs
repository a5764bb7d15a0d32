namespace TemKit.Cli.Infrastructure;

/// <summary>Checks on output paths made before any work is done, so a typo costs nothing and never loses an input.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Returns <paramref name="path"/> when it ends in one of <paramref name="extensions"/> (lower case, with the dot)
    /// and is not an existing folder; otherwise a usage error naming <paramref name="option"/>.
    /// </summary>
    public static string RequireExtension(string path, string option, params string[] extensions)
    {
        if (!extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            throw new UsageException($"{option} {path}: the file written must end in {string.Join(", ", extensions)}");
        if (Directory.Exists(path)) throw new UsageException($"{option} {path}: is a folder, expected a file name");
        return path;
    }

    /// <summary>Refuses an output that would replace one of the inputs (the input would be lost if the run went wrong).</summary>
    public static void RequireNotAnInput(string output, string option, params string[] inputs)
    {
        string full = Path.GetFullPath(output);
        foreach (string input in inputs)
            if (string.Equals(full, Path.GetFullPath(input), StringComparison.Ordinal))
                throw new UsageException($"{option} {output}: is the input file; write to another file so the input is kept");
    }

    /// <summary>Creates the output folder <paramref name="path"/> (and its parents); an existing file there, or a parent
    /// that is a file, is a usage error naming <paramref name="option"/>.</summary>
    public static string RequireFolder(string path, string option)
    {
        if (File.Exists(path)) throw new UsageException($"{option} {path}: is a file; give a folder (it is created)");
        try
        {
            string? firstNew = FirstMissingFolder(Path.GetFullPath(path));
            Directory.CreateDirectory(path);
            if (firstNew is not null) lock (s_created) s_created.Add(firstNew);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot create the folder ({Why(e)})");
        }
        return path;
    }

    /// <summary>Forgets the folders recorded by <see cref="RequireFolder"/>; called when a command starts.</summary>
    public static void ForgetCreatedFolders()
    {
        lock (s_created) s_created.Clear();
    }

    /// <summary>Deletes the folders this command created with <see cref="RequireFolder"/> that still hold no file (but a
    /// run's mark), so a refused run (a missing input, a bad option found after the folder was made) leaves nothing behind.</summary>
    public static void RemoveEmptyCreatedFolders()
    {
        lock (s_created)
        {
            foreach (string folder in Enumerable.Reverse(s_created))
            {
                try
                {
                    // A run's mark alone (.temkit-run, written when the job started) is not an output.
                    if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).All(f => Path.GetFileName(f) == TemKit.IO.RunFolderKind.FileName))
                        Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A folder another process is filling, or one we may not delete, is left as it is.
                }
            }
            s_created.Clear();
        }
    }

    private static readonly List<string> s_created = [];

    /// <summary>The outermost folder of <paramref name="fullPath"/> that does not exist yet, or null if it exists.</summary>
    private static string? FirstMissingFolder(string fullPath)
    {
        string? missing = null;
        for (string? p = fullPath; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p)) missing = p;
        return missing;
    }

    /// <summary>
    /// Refuses to replace an existing file at <paramref name="path"/> that is not this command's own output type
    /// (<paramref name="isOwnType"/>, described by <paramref name="ownType"/>) unless <paramref name="force"/>: a typo in
    /// -o must not destroy an unrelated file. A file of the command's own type is replaced (re-running is normal).
    /// </summary>
    public static void RequireReplaceable(string path, string option, bool force, Func<string, bool> isOwnType, string ownType)
    {
        if (force || !File.Exists(path)) return;
        bool own;
        try
        {
            own = isOwnType(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            own = false;
        }
        if (!own) throw new UsageException($"{option} {path}: exists and is not {ownType}; refusing to overwrite it (choose another name, or add --force)");
    }

    /// <summary>True when the existing file <paramref name="path"/> is the image type its extension names (MRC: "MAP " at
    /// byte 208; PNG: its signature), i.e. the kind of file an image-writing command produces and may replace.</summary>
    public static bool IsImageOfItsExtension(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".png") return StartsWith(path, [0x89, (byte)'P', (byte)'N', (byte)'G']);
        if (ext is ".tif" or ".tiff") return StartsWith(path, "II*\0"u8) || StartsWith(path, "MM\0*"u8);
        if (ext is not (".mrc" or ".mrcs" or ".map")) return false;
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[212];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head[208..212].SequenceEqual("MAP "u8);
    }

    /// <summary>True when <paramref name="path"/> starts with <paramref name="magic"/> (an output type recognised by its first bytes).</summary>
    public static bool StartsWith(string path, ReadOnlySpan<byte> magic)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[magic.Length];
        return stream.ReadAtLeast(head, magic.Length, throwOnEndOfStream: false) == magic.Length && head.SequenceEqual(magic);
    }

    /// <summary>
    /// Checks, before any work is done, that a file can be created in the folder of <paramref name="path"/> (creating the
    /// folder if needed): a long run must not learn at its first save that its output cannot be written.
    /// </summary>
    public static void RequireWritable(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"{option} {path}: is a folder, expected a file name");
        string dir = Path.GetDirectoryName(full)!;
        string probe = Path.Combine(dir, $".temkit-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(dir);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot write in {dir} ({Why(e)})");
        }
    }

    /// <summary>Why the file system refused to create a file or folder, in words (not .NET's "Could not find file").</summary>
    private static string Why(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "the file system does not allow creating files there",
        _ when e.HResult == 30 => "read-only file system",
        _ when e.HResult == 28 => "no space left on the device",
        _ => e.Message,
    };
}
