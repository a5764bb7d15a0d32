namespace TemKit.IO;

/// <summary>
/// A file could not be read (or written) as what it claims to be. The message always starts with
/// the file's name, then names the field at fault: "bad_mode99.mrc: unsupported MRC mode 99".
/// </summary>
public sealed class TemKitFormatException : Exception
{
    public TemKitFormatException(string path, string problem, Exception? inner = null)
        : base($"{System.IO.Path.GetFileName(path)}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>Full path of the file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The problem, without the file name.</summary>
    public string Problem { get; }
}
