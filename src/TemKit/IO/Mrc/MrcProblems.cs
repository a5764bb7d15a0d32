namespace TemKit.IO.Mrc;

/// <summary>Collects recoverable problems (warnings in permissive mode, errors otherwise) for one file.</summary>
internal sealed class MrcProblems(string path, ReadOptions options)
{
    private readonly List<string> _warnings = [];

    public string Path => path;

    /// <summary>Warnings accepted so far, each prefixed with the file name.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>An unrecoverable problem: the exception to throw.</summary>
    public TemKitFormatException Fail(string problem) => new(path, problem);

    /// <summary>A recoverable problem: throws in strict mode, records and reports a warning in permissive mode.</summary>
    public void Recoverable(string problem)
    {
        if (!options.Permissive) throw new TemKitFormatException(path, problem + " (permissive mode accepts this)");
        string warning = $"{System.IO.Path.GetFileName(path)}: {problem}";
        _warnings.Add(warning);
        options.Warn?.Invoke(warning);
    }
}
