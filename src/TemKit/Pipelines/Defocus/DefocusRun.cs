using TemKit.Pipelines.Defocus.Report;

namespace TemKit.Pipelines.Defocus;

/// <summary>Counts of one batch run.</summary>
/// <param name="Total">Images in the batch.</param>
/// <param name="Skipped">Images already done by an earlier run in the same folder (not read again).</param>
/// <param name="Processed">Images analysed now.</param>
/// <param name="Failed">Rows with status error in the final results.</param>
public sealed record RunSummary(int Total, int Skipped, int Processed, int Failed);

/// <summary>
/// Runs the defocus pipeline over a batch: resumable (an image is done once its part file exists), bounded parallel
/// (at most <see cref="DefocusRun.Threads"/> images in memory at once), then the results, junctures and report.
/// </summary>
public sealed partial class DefocusRun
{
    /// <summary>Creates a run writing into <paramref name="folder"/>.</summary>
    public DefocusRun(RunFolder folder, DefocusRunOptions options, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        options.Validate();
        Folder = folder;
        Options = options;
        Threads = threads;
    }

    /// <summary>Where the run writes.</summary>
    public RunFolder Folder { get; }

    /// <summary>Settings of every stage.</summary>
    public DefocusRunOptions Options { get; }

    /// <summary>Images processed at the same time (each also uses parallel loops inside).</summary>
    public int Threads { get; }

    /// <summary>Write report.html when finishing (shards leave the report to the merge).</summary>
    public bool WriteReport { get; init; } = true;

    /// <summary>The command line recorded in provenance.json and the report (null = this process's command line).</summary>
    public string? CommandLine { get; init; }

    /// <summary>Called once per image finished now (from worker threads).</summary>
    public Action? ImageDone { get; init; }

    /// <summary>Called with a one-line notice (a stale lock taken over, from the calling thread; a micrograph recording another
    /// voltage than the fit uses, once per run, from a worker thread).</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>Called with each failed image's row (from worker threads).</summary>
    public Action<DefocusResult>? ImageFailed { get; init; }

    /// <summary>
    /// Processes <paramref name="files"/> (absolute, sorted): skips those with a successful part, analyses the rest,
    /// then writes results.csv, the junctures and the report. Throws <see cref="InvalidOperationException"/> when the
    /// folder holds a run made with other options, <see cref="TemKit.IO.RunFolderClashException"/> when it holds another
    /// job's run (<see cref="TemKit.IO.RunFolderKind"/>), and <see cref="TemKit.IO.RunFolderInUseException"/> when another
    /// process is running in the folder (the folder is locked for the whole run; see <see cref="TemKit.IO.RunFolderLock"/>).
    /// </summary>
    public RunSummary Run(IReadOnlyList<string> files)
    {
        using var held = TemKit.IO.RunFolderLock.ForFolder(Folder.Root);
        if (held.TookOverStaleLock) Notice?.Invoke($"{Folder.Root}: took over the lock left by a process that no longer runs; resuming");
        TemKit.IO.RunFolderKind.Claim(Folder.Root, "defocus");
        var previous = Folder.LoadOptions();
        if (previous != null && previous != Options)
            throw new InvalidOperationException($"{Folder.Root} holds a run made with other options ({Folder.OptionsPath}{Described(OptionDifferences(previous, Options))}); use a new output folder, or the same options");
        Folder.SaveOptions(Options);
        var provenance = MakeProvenance(Options, CommandLine);
        provenance.Save(Folder.ProvenancePath);
        var store = new PartStore(Folder.PartsFolder);
        var todo = files.Where(f => !store.IsDone(f)).ToList();
        int voltageWarnings = 0;
        var analyzer = new DefocusAnalyzer(Options, Folder.FiguresFolder, Folder.DiagnosticsFolder)
        {
            // Said once per run: a dataset taken at another voltage would otherwise repeat it for every micrograph.
            Warning = w => { if (Interlocked.Increment(ref voltageWarnings) == 1) Notice?.Invoke(w + " (said once per run)"); },
        };
        ProcessAll(todo, store, analyzer);
        var parts = files.Select(f => store.TryLoad(f) ?? ImagePart.Failed(Path.GetFullPath(f), "not processed")).ToList();
        Finish(Folder, parts, Options, WriteReport, provenance);
        return new RunSummary(files.Count, files.Count - todo.Count, todo.Count, parts.Count(p => !p.Result.IsOk));
    }

    /// <summary>Each setting that differs between two runs' options, as "Name A there, B now" (nested records dotted:
    /// Optics.VoltageKilovolts); settable properties only, so derived values (the wavelength) are not repeated.</summary>
    internal static IEnumerable<string> OptionDifferences(object? there, object? now, string name = "")
    {
        if (Equals(there, now)) yield break;
        var type = (there ?? now)!.GetType();
        if (there is null || now is null || type.IsEnum || type.Namespace?.StartsWith("TemKit", StringComparison.Ordinal) != true)
        {
            yield return $"{name} {Text(there)} there, {Text(now)} now";
            yield break;
        }
        var settable = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var p in settable)
            foreach (string d in OptionDifferences(p.GetValue(there), p.GetValue(now), name.Length == 0 ? p.Name : $"{name}.{p.Name}"))
                yield return d;

        static string Text(object? v) => v switch
        {
            null => "none",
            double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
    }

    private static string Described(IEnumerable<string> differences) =>
        differences.ToList() is { Count: > 0 } list ? ": " + string.Join("; ", list) : "";

    /// <summary>Analyses <paramref name="todo"/> on <see cref="Threads"/> dedicated threads (<see cref="ImageWorkers"/>),
    /// saving each part as it is done; the first exception (e.g. a full disk when saving a part) stops the batch.</summary>
    private void ProcessAll(List<string> todo, PartStore store, DefocusAnalyzer analyzer) =>
        ImageWorkers.Run(todo, Threads, (file, buffer) =>
        {
            var part = AnalyseOne(analyzer, file, buffer);
            store.Save(part);
            if (!part.Result.IsOk) ImageFailed?.Invoke(part.Result);
            ImageDone?.Invoke();
        }, "defocus worker");

    /// <summary>
    /// One image; an unexpected exception (a bug, not a bad file: those are already error rows) becomes an error row
    /// naming the exception type, so one image never stops a batch of a thousand.
    /// </summary>
    private static ImagePart AnalyseOne(DefocusAnalyzer analyzer, string file, ImageBuffer buffer)
    {
        try
        {
            return analyzer.Analyse(file, buffer);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return ImagePart.Failed(Path.GetFullPath(file), $"internal error ({e.GetType().Name}): {DefocusAnalyzer.OneLine(e)}");
        }
    }

    /// <summary>Writes results.csv, the juncture files and (optionally) the report of <paramref name="parts"/>.</summary>
    /// <param name="folder">Run folder.</param>
    /// <param name="parts">Every image's part, in input order.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="writeReport">Also write report.html.</param>
    /// <param name="provenance">Version, command line and settings for the report (null = made now from this process).</param>
    public static void Finish(RunFolder folder, IReadOnlyList<ImagePart> parts, DefocusRunOptions options, bool writeReport, Reporting.Provenance? provenance = null)
    {
        Junctures.WriteAll(folder.JuncturesFolder, parts);
        ResultsTable.Write(folder.ResultsPath, parts.Select(p => p.Result));
        // Next to results.csv: the same results for RELION (micrographs_ctf.star) and CTFFIND parsers (ctffind/NAME.txt).
        Export.RelionStar.Write(folder.RelionStarPath, parts.Select(p => p.Result), options, file =>
        {
            string diagnostic = Thumbnails.DiagnosticMrcPath(folder.DiagnosticsFolder, file);
            return File.Exists(diagnostic) ? Path.GetFullPath(diagnostic) : null;
        });
        Directory.CreateDirectory(folder.CtffindFolder);
        var now = DateTime.Now;
        foreach (var part in parts.Where(p => p.Result.IsOk))
            Export.CtffindText.Write(Export.CtffindText.PathFor(folder.CtffindFolder, part.Result.File), part.Result, options, now);
        if (writeReport) DefocusReport.Write(folder.ReportPath, parts, folder.FiguresFolder, options, provenance ?? MakeProvenance(options, null));
    }

    /// <summary>Provenance of a defocus run: the run options and the spectrum and fit settings derived from them.</summary>
    public static Reporting.Provenance MakeProvenance(DefocusRunOptions options, string? commandLine) =>
        Reporting.Provenance.Now(new { run = options, spectrum = options.ToSpectrumOptions(), fit = options.ToFitOptions() }, commandLine);
}
