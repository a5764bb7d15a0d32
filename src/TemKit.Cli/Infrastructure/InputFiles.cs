using TemKit.IO;

namespace TemKit.Cli.Infrastructure;

/// <summary>Expands command-line inputs (files, folders, globs with * and ?) into a sorted list of files.</summary>
internal static class InputFiles
{
    /// <summary>
    /// Files named directly are kept whatever their extension (so a bad file is reported, not skipped);
    /// folders contribute their image files (<see cref="ImageFile.Extensions"/>, or <paramref name="extensions"/>),
    /// recursively (a folder without any is a usage error); globs match file names in their folder. A TIA .emi whose .ser
    /// files are listed too is dropped (<see cref="ImageFile.OnePerAcquisition"/>), so no acquisition is processed twice. A pattern that matches nothing, or an unknown option that the parser took for a file, is a usage error.
    /// <paramref name="outputFolder"/> is the command's run folder: a folder input skips it and every other TemKit run
    /// folder below it (one holding .temkit-run, run.json or provenance.json: defocus, segment, particles, columns,
    /// dose-limits runs), so a run
    /// kept inside its input folder never reads its own outputs (diagnostic spectra, masks, overlays) or another run's as
    /// inputs; a folder input that is the run folder itself is a usage error (its outputs could not be told from its inputs).
    /// </summary>
    public static List<string> Expand(IEnumerable<string> inputs, IReadOnlyList<string>? extensions = null, string? outputFolder = null)
    {
        extensions ??= ImageFile.Extensions;
        string? run = outputFolder is null ? null : Folder(outputFolder);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input)) throw new UsageException("an empty file name was given (check for an unset shell variable)");
            if (input.StartsWith('-') && !File.Exists(input) && !Directory.Exists(input))
                throw new UsageException($"unknown option {input}");
            if (Directory.Exists(input))
            {
                string folder = Folder(input);
                if (run is not null && string.Equals(folder, run, StringComparison.Ordinal))
                    throw new UsageException($"{input}: is also the output folder, so a second run would read this run's outputs as inputs; give another --output (a subfolder such as {Path.Combine(input, "run")} is fine)");
                int before = result.Count;
                foreach (string f in FilesUnder(input, run))
                    if (extensions.Contains(Path.GetExtension(f).ToLowerInvariant())) result.Add(f);
                if (result.Count == before) throw new UsageException($"{input}: the folder holds no {string.Join(", ", extensions)} file");
            }
            else if (input.IndexOfAny(['*', '?']) >= 0)
            {
                string dir = Path.GetDirectoryName(input) is { Length: > 0 } d ? d : ".";
                string pattern = Path.GetFileName(input);
                if (!Directory.Exists(dir)) throw new UsageException($"{input}: folder {dir} does not exist");
                int before = result.Count;
                foreach (string f in Directory.EnumerateFiles(dir, pattern)) result.Add(Path.GetFullPath(f));
                if (result.Count == before) throw new UsageException($"{input}: no file matches");
            }
            else
            {
                result.Add(Path.GetFullPath(input));
            }
        }
        return ImageFile.OnePerAcquisition(result);
    }

    /// <summary>The paths of an --input-list file: one per line, trimmed; blank lines and lines starting with '#' (comments)
    /// are skipped; a missing or binary file (an image given by mistake) is a usage error naming it.</summary>
    public static IEnumerable<string> ReadList(string listFile)
    {
        if (!File.Exists(listFile)) throw new UsageException($"--input-list {listFile}: file not found");
        try
        {
            TextFiles.RequireText(listFile, "list");
        }
        catch (TemKitFormatException e)
        {
            throw new UsageException($"--input-list {listFile}: {e.Problem}");
        }
        return File.ReadAllLines(listFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
    }

    /// <summary>Files that mark a folder as a TemKit run folder (the options and provenance its job writes).</summary>
    private static readonly string[] s_runFolderMarkers = [RunFolderKind.FileName, "run.json", "provenance.json"];

    /// <summary>Every file under <paramref name="folder"/>, recursively (absolute paths); with a run folder
    /// <paramref name="run"/> given, subfolders that are that folder or another TemKit run folder are not entered.</summary>
    private static IEnumerable<string> FilesUnder(string folder, string? run)
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string f in Directory.EnumerateFiles(dir)) yield return Path.GetFullPath(f);
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                bool isRun = run is not null && (string.Equals(Folder(sub), run, StringComparison.Ordinal)
                    || s_runFolderMarkers.Any(m => File.Exists(Path.Combine(sub, m))));
                if (!isRun) pending.Push(sub);
            }
        }
    }

    /// <summary>The absolute path of a folder with one trailing separator, so a prefix test matches whole names only.</summary>
    private static string Folder(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
}
