using System.Text.Json;
using TemKit.IO;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// Layout of a run folder RUN: run.json (the options), parts/ (one JSON per finished image), figures/ (thumbnails),
/// junctures/ (profiles, smoothed, peaks, fits CSV), results.csv and report.html. A shard K of a Slurm array is a run
/// folder RUN/shards/K/ that shares RUN/figures/.
/// </summary>
/// <param name="Root">The folder.</param>
/// <param name="FiguresFolder">Where thumbnails go (RUN/figures, also for shards).</param>
public sealed record RunFolder(string Root, string FiguresFolder)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The top-level run folder <paramref name="root"/>.</summary>
    public static RunFolder At(string root)
    {
        root = Path.GetFullPath(root);
        return new RunFolder(root, Path.Combine(root, "figures"));
    }

    /// <summary>Shard <paramref name="shard"/> (0-based) of the run at <paramref name="root"/>.</summary>
    public static RunFolder Shard(string root, int shard)
    {
        var top = At(root);
        return new RunFolder(Path.Combine(top.Root, "shards", shard.ToString(System.Globalization.CultureInfo.InvariantCulture)), top.FiguresFolder);
    }

    /// <summary>RUN/results.csv.</summary>
    public string ResultsPath => Path.Combine(Root, "results.csv");

    /// <summary>RUN/micrographs_ctf.star: the results in RELION 3.1+ layout.</summary>
    public string RelionStarPath => Path.Combine(Root, "micrographs_ctf.star");

    /// <summary>RUN/ctffind/: one CTFFIND4-style NAME.txt per micrograph.</summary>
    public string CtffindFolder => Path.Combine(Root, "ctffind");

    /// <summary>RUN/report.html.</summary>
    public string ReportPath => Path.Combine(Root, "report.html");

    /// <summary>RUN/junctures.</summary>
    public string JuncturesFolder => Path.Combine(Root, "junctures");

    /// <summary>RUN/parts.</summary>
    public string PartsFolder => Path.Combine(Root, "parts");

    /// <summary>RUN/run.json.</summary>
    public string OptionsPath => Path.Combine(Root, "run.json");

    /// <summary>RUN/diagnostics: CTFFIND-style diagnostic images, KEY.ctf.mrc and KEY.ctf.png (shared by shards).</summary>
    public string DiagnosticsFolder => Path.Combine(Path.GetDirectoryName(FiguresFolder)!, "diagnostics");

    /// <summary>RUN/provenance.json: TemKit version, command line, time and all settings of the last run.</summary>
    public string ProvenancePath => Path.Combine(Root, "provenance.json");

    /// <summary>RUN/shard.json (shards only): which files the shard owns.</summary>
    public string ManifestPath => Path.Combine(Root, "shard.json");

    /// <summary>Path of a juncture file by stage name (profiles, smoothed, peaks, fits).</summary>
    public string Juncture(string stage) => Path.Combine(JuncturesFolder, stage + ".csv");

    /// <summary>The options a previous run in this folder used, or null.</summary>
    public DefocusRunOptions? LoadOptions()
    {
        if (!File.Exists(OptionsPath)) return null;
        try
        {
            return JsonSerializer.Deserialize<DefocusRunOptions>(File.ReadAllText(OptionsPath), s_json);
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(OptionsPath, $"damaged run options: {e.Message}");
        }
    }

    /// <summary>Saves the options atomically.</summary>
    public void SaveOptions(DefocusRunOptions options)
    {
        Directory.CreateDirectory(Root);
        AtomicFile.WriteAllText(OptionsPath, JsonSerializer.Serialize(options, s_json));
    }

    /// <summary>Saves a shard manifest.</summary>
    public void SaveManifest(ShardManifest manifest)
    {
        Directory.CreateDirectory(Root);
        AtomicFile.WriteAllText(ManifestPath, JsonSerializer.Serialize(manifest, s_json));
    }

    /// <summary>Loads the shard manifest (throws naming the file when missing or damaged).</summary>
    public ShardManifest LoadManifest()
    {
        if (!File.Exists(ManifestPath)) throw new TemKitFormatException(ManifestPath, "shard manifest not found (the shard never started)");
        try
        {
            return JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(ManifestPath), s_json)
                ?? throw new TemKitFormatException(ManifestPath, "empty shard manifest");
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(ManifestPath, $"damaged shard manifest: {e.Message}");
        }
    }
}

/// <summary>What shard <paramref name="Index"/> of <paramref name="Count"/> was given to process.</summary>
/// <param name="Index">0-based shard index K.</param>
/// <param name="Count">Number of shards N.</param>
/// <param name="Files">The shard's files (absolute paths, sorted).</param>
public sealed record ShardManifest(int Index, int Count, IReadOnlyList<string> Files);

/// <summary>Deterministic slicing of a sorted input list into N shards.</summary>
public static class Shards
{
    /// <summary>
    /// Files of shard <paramref name="index"/> (0-based) of <paramref name="count"/>: every count-th file of the
    /// ordinally sorted list starting at <paramref name="index"/> (round robin, so shards of a time-sorted dataset
    /// get similar images and similar sizes).
    /// </summary>
    public static List<string> Slice(IEnumerable<string> files, int index, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "shard count must be ≥ 1");
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), index, $"shard index must be in 0..{count - 1}");
        var sorted = files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var slice = new List<string>(sorted.Count / count + 1);
        for (int i = index; i < sorted.Count; i += count) slice.Add(sorted[i]);
        return slice;
    }

    /// <summary>Parses "K/N" (0 ≤ K &lt; N); throws <see cref="FormatException"/> with the reason.</summary>
    public static (int Index, int Count) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int k) || !int.TryParse(parts[1], out int n))
            throw new FormatException($"--shard must be K/N (e.g. 0/4), got '{text}'");
        if (n < 1 || k < 0 || k >= n) throw new FormatException($"--shard {text}: K must be in 0..N-1 and N ≥ 1");
        return (k, n);
    }
}
