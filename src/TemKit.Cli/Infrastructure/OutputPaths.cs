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
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot create the folder ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})");
        }
        return path;
    }
}
