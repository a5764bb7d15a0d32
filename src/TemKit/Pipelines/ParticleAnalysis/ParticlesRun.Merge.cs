using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;

namespace TemKit.Pipelines.ParticleAnalysis;

public sealed partial class ParticlesRun
{
    /// <summary>True when <paramref name="folder"/> holds a particles run (options.json, inputs.txt and parts/).</summary>
    public static bool IsRunFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return File.Exists(Path.Combine(folder, "options.json")) && File.Exists(Path.Combine(folder, "inputs.txt"))
            && Directory.Exists(Path.Combine(folder, "parts"));
    }

    /// <summary>
    /// The merge step of a sharded run (<c>temkit merge RUN</c>, the Slurm merge job): reads the options and inputs the
    /// shards recorded in <paramref name="folder"/>, checks that every frame has its part, then tracks and writes the
    /// final outputs exactly as an unsharded run does. Analyses nothing and needs no detector. Throws
    /// <see cref="InvalidOperationException"/> naming the first frames without a part (a shard that did not finish).
    /// </summary>
    public static ParticlesRunResult Merge(string folder, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string root = Path.GetFullPath(folder);
        if (!IsRunFolder(root)) throw new InvalidOperationException($"{root} holds no particles run (options.json, inputs.txt, parts/)");
        using var held = RunFolderLock.ForFolder(root);
        RunFolderKind.Claim(root, "particles");
        var saved = ReadSettings(Path.Combine(root, "options.json"));
        var run = new ParticlesRun(root, new RecordedDetector(saved.Detector), saved.Options);
        var files = File.ReadAllLines(run.InputsPath).Where(l => l.Length > 0).ToList();
        var frames = FrameList.Of(files);
        var records = new List<FrameRecord>(frames.Count);
        var missing = new List<int>();
        foreach (var f in frames)
        {
            progress?.Report(new JobProgress("merge", f.Index, frames.Count));
            if (run.TryLoadPart(f) is { } r) records.Add(r);
            else missing.Add(f.Index);
        }
        if (missing.Count > 0)
            throw new InvalidOperationException($"{missing.Count} of {frames.Count} frame(s) have no part in {run.PartsFolder} (first: frame {missing[0]}); run the shards that did not finish again");
        var (tracked, tracks) = run.Finish(frames, records);
        progress?.Report(new JobProgress("merge", frames.Count, frames.Count));
        return new ParticlesRunResult(tracked, tracks, 0, frames.Count, true);
    }

    private static (ParticlesRunOptions Options, string Detector) ReadSettings(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var options = doc.RootElement.GetProperty("options").Deserialize<ParticlesRunOptions>(Json)
                ?? throw new TemKitFormatException(path, "no options");
            string detector = doc.RootElement.GetProperty("detector").GetString() ?? "";
            return (options, detector);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TemKitFormatException(path, $"damaged run settings: {e.Message}");
        }
    }

    /// <summary>The detector of a run being merged: only its description is known; it detects nothing.</summary>
    private sealed class RecordedDetector(string description) : IParticleDetector
    {
        public string Description { get; } = description;

        public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex) =>
            throw new InvalidOperationException("a merged run analyses no frames");
    }
}
