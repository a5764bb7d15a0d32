namespace TemKit.IO;

/// <summary>
/// A file could not be read (or written) as what it claims to be. The message always starts with
/// the file's name, then names the field at fault: "bad_mode99.mrc: unsupported MRC mode 99".
/// </summary>
public sealed class TemKitFormatException : Exception
{
    /// <summary>A problem <paramref name="problem"/> with the file <paramref name="path"/>; the message is "file name: problem".</summary>
    public TemKitFormatException(string path, string problem, Exception? inner = null)
        : base($"{System.IO.Path.GetFileName(path)}: {Printable(problem)}", inner)
    {
        FilePath = path;
        Problem = Printable(problem);
    }

    /// <summary>Full path of the file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The problem, without the file name.</summary>
    public string Problem { get; }

    /// <summary>Longest problem text kept; a corrupt file can make a field name (a DM tag label) thousands of bytes of garbage.</summary>
    public const int MaxProblemLength = 300;

    /// <summary>The problem on one line: control characters (bytes of a corrupt label) become '?', and a text longer than
    /// <see cref="MaxProblemLength"/> keeps its start and its end (where the problem itself is said) around an ellipsis.</summary>
    private static string Printable(string problem)
    {
        var text = new System.Text.StringBuilder(problem.Length);
        foreach (char c in problem) text.Append(char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? '?' : c);
        if (text.Length <= MaxProblemLength) return text.ToString();
        const int head = MaxProblemLength / 3;
        int tail = MaxProblemLength - head - 1;
        return string.Concat(text.ToString(0, head), "…", text.ToString(text.Length - tail, tail));
    }
}
