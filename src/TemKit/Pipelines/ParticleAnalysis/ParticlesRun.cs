using System.Text.Json;
using System.Text.Json.Serialization;
using TemKit.Imaging;
using TemKit.IO;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>What a <see cref="ParticlesRun"/> did.</summary>
/// <param name="Frames">Every frame's record in frame order, with track ids (empty for a shard).</param>
/// <param name="Tracks">The tracks (empty for a shard).</param>
/// <param name="Processed">Frames analysed now.</param>
/// <param name="Skipped">Frames already done by an earlier run or shard (not read again).</param>
/// <param name="Finished">True when every frame was done and the tables, selection and report were written.</param>
public sealed record ParticlesRunResult(IReadOnlyList<FrameRecord> Frames, IReadOnlyList<ParticleTrack> Tracks, int Processed, int Skipped, bool Finished)
{
    /// <summary>Frames kept by the filter.</summary>
    public int Kept => Frames.Count(f => f.Kept);

    /// <summary>Frames that failed.</summary>
    public int Failed => Frames.Count(f => f.Error is not null);
}

/// <summary>
/// <c>temkit particles</c> as a library job: streams the frames of the inputs one at a time, detects the particles,
/// analyses each in Fourier space, and stores one part file per frame (a killed run continues where it stopped; a
/// shard K/N, 0-based K, does the frames with index mod N = K, and shards may run at once in the same folder). When
/// every frame has its part, it tracks the particles and writes particles.csv, frames.csv, tracks.csv,
/// select/kept-frames.txt, select/kept.mrc, the plots and report.html (<see cref="Merge"/> does this step alone).
/// </summary>
public sealed partial class ParticlesRun
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Creates a run writing into <paramref name="folder"/> (created).</summary>
    public ParticlesRun(string folder, IParticleDetector detector, ParticlesRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Folder = Path.GetFullPath(folder);
        Detector = detector;
        Options = options;
    }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>What finds the particles.</summary>
    public IParticleDetector Detector { get; }

    /// <summary>Settings.</summary>
    public ParticlesRunOptions Options { get; }

    /// <summary>Only frames with index mod N = K (0 ≤ K &lt; N, as Slurm array task ids), and no final outputs; null = all
    /// frames. Shards of one run may work in the same folder at the same time.</summary>
    public (int K, int N)? Shard { get; init; }

    /// <summary>The command line recorded in provenance.json (null = this process's).</summary>
    public string? CommandLine { get; init; }

    /// <summary>Called after each frame analysed now (from the calling thread).</summary>
    public Action<FrameRecord>? FrameDone { get; init; }

    /// <summary>Called with a one-line notice (from the calling thread).</summary>
    public Action<string>? Notice { get; init; }

    internal string PartsFolder => Path.Combine(Folder, "parts");
    internal string FiguresFolder => Path.Combine(Folder, "figures");
    internal string OptionsPath => Path.Combine(Folder, "options.json");
    internal string InputsPath => Path.Combine(Folder, "inputs.txt");

    /// <summary>
    /// Runs over the frames of <paramref name="files"/> (in order). Throws <see cref="InvalidOperationException"/> when
    /// the folder holds a run made with other options and <see cref="RunFolderInUseException"/> when another process runs
    /// in it. <paramref name="progress"/> sees one step per frame.
    /// </summary>
    public ParticlesRunResult Run(IReadOnlyList<string> files, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (Shard is { } shard && (shard.N < 1 || shard.K < 0 || shard.K >= shard.N))
            throw new ArgumentOutOfRangeException(nameof(Shard), Shard, "shard K/N needs 0 ≤ K < N");
        Directory.CreateDirectory(Folder);
        // Shards of one run work in the same folder at once, each holding its own lock; a plain run holds the folder.
        using var held = RunFolderLock.ForFolder(Shard is { } s0 ? Path.Combine(Folder, "shards", s0.K.ToString(System.Globalization.CultureInfo.InvariantCulture)) : Folder);
        if (held.TookOverStaleLock) Notice?.Invoke($"{Folder}: took over the lock left by a process that no longer runs; resuming");
        RunFolderKind.Claim(Folder, "particles");
        var full = files.Select(Path.GetFullPath).ToList();
        CheckOrWrite(OptionsPath, JsonSerializer.Serialize(new { options = Options, detector = Detector.Description }, Json), "options");
        CheckOrWrite(InputsPath, string.Join('\n', full), "inputs");
        Directory.CreateDirectory(PartsFolder);
        Directory.CreateDirectory(FiguresFolder);
        var frames = FrameList.Of(full);
        var reportFrames = ReportFrameIndices(frames.Count, Options.ReportFrames);
        int processed = 0, skipped = 0, step = 0;
        var mine = frames.Where(f => Shard is not { } s || f.Index % s.N == s.K).ToList();
        float[]? buffer = null;
        var warned = new HashSet<string>();
        foreach (var group in mine.GroupBy(f => f.File))
        {
            IFrameSource? source = null;
            string? openError = null;
            try
            {
                foreach (var f in group)
                {
                    progress?.Report(new JobProgress("frames", step++, mine.Count));
                    if (TryLoadPart(f) is not null) { skipped++; continue; }
                    FrameRecord record;
                    try
                    {
                        if (source is null && openError is null)
                        {
                            try { source = ImageFile.Open(f.File); }
                            catch (Exception e) when (e is IOException or TemKitFormatException or UnauthorizedAccessException or NotSupportedException) { openError = e.Message; }
                        }
                        if (openError is not null) record = Failed(f, openError);
                        else
                        {
                            buffer = buffer is { Length: var l } && l == source!.Width * source.Height ? buffer : new float[source!.Width * source.Height];
                            var pixel = Options.Segmentation.PixelSizeAngstrom is { } p ? VoxelSize.Isotropic(p) : source.VoxelSize;
                            string? readError = null;
                            if (!pixel.IsKnown) readError = "no pixel size in the file: give --pixel-size-angstrom (Å/px)";
                            else
                            {
                                try { source.ReadFrame(f.FrameInFile, buffer); }
                                catch (Exception e) when (e is IOException or TemKitFormatException) { readError = e.Message; }
                            }
                            if (readError is not null) record = Failed(f, readError);
                            else
                            {
                                var image = new Image2D(source.Width, source.Height, buffer, pixel);
                                foreach (string w in Detector.Warnings(image))
                                    if (warned.Add(w)) Notice?.Invoke($"{Path.GetFileName(f.File)} frame {f.FrameInFile}: {w} (said once per run)");
                                bool figures = reportFrames.Contains(f.Index);
                                var analysis = ParticleFrameAnalysis.Analyse(image, f.Index, f.File, f.FrameInFile, Detector, Options, figures);
                                if (figures) ParticleFigures.Write(FiguresFolder, image, analysis);
                                record = analysis.Record;
                            }
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException and not IOException)
                    {
                        record = Failed(f, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                    AtomicFile.WriteAllText(PartPath(f.Index), JsonSerializer.Serialize(record, Json));
                    processed++;
                    FrameDone?.Invoke(record);
                }
            }
            finally
            {
                source?.Dispose();
            }
        }
        progress?.Report(new JobProgress("frames", mine.Count, mine.Count));
        if (Shard is not null) return new ParticlesRunResult([], [], processed, skipped, false);
        var records = frames.Select(TryLoadPart).ToList();
        if (records.Any(r => r is null)) return new ParticlesRunResult([], [], processed, skipped, false);
        var (tracked, tracks) = Finish(frames, records!);
        return new ParticlesRunResult(tracked, tracks, processed, skipped, true);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, or checks that the file already holds it.</summary>
    private void CheckOrWrite(string path, string text, string what)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() != text.Trim())
            throw new InvalidOperationException($"{Folder} holds a run made with other {what} ({path}); use a new output folder");
        if (!File.Exists(path)) AtomicFile.WriteAllText(path, text + "\n");
    }

    /// <summary>Tracks the particles of every frame's record and writes the final outputs.</summary>
    private (IReadOnlyList<FrameRecord> Frames, IReadOnlyList<ParticleTrack> Tracks) Finish(IReadOnlyList<FrameRef> frames, IReadOnlyList<FrameRecord> records)
    {
        var (tracked, tracks) = ParticleTracker.Track(records, Options.TrackMaxDistancePx, Options.TrackMaxGapFrames);
        ParticlesOutputs.WriteAll(this, frames, tracked, tracks);
        return (tracked, tracks);
    }

    private static FrameRecord Failed(FrameRef f, string error) => new()
    {
        Frame = f.Index, File = f.File, FrameInFile = f.FrameInFile, Kept = false, Reason = "error", MinRatio = double.NaN, Error = error, Particles = [],
    };

    private string PartPath(int index) => Path.Combine(PartsFolder, $"frame-{index:D6}.json");

    internal FrameRecord? TryLoadPart(FrameRef f)
    {
        string path = PartPath(f.Index);
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<FrameRecord>(File.ReadAllText(path), Json);
            return record is not null && record.File == f.File && record.FrameInFile == f.FrameInFile ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Up to <paramref name="count"/> evenly spaced frames, first and last included.</summary>
    internal static HashSet<int> ReportFrameIndices(int frames, int count)
    {
        var set = new HashSet<int>();
        if (frames == 0 || count == 0) return set;
        if (count == 1) { set.Add(0); return set; }
        for (int i = 0; i < count; i++) set.Add((int)Math.Round(i * (frames - 1) / (double)(count - 1)));
        return set;
    }
}

/// <summary>One frame of the run: its index over the run, its file and its frame in that file.</summary>
/// <param name="Index">Frame index over the run (0-based).</param>
/// <param name="File">Full path of the input.</param>
/// <param name="FrameInFile">Frame within the file (0-based).</param>
public sealed record FrameRef(int Index, string File, int FrameInFile);

/// <summary>The frames of a list of inputs, in order (a file that cannot be opened counts one frame, which fails).</summary>
public static class FrameList
{
    /// <summary>Frames of <paramref name="files"/>.</summary>
    public static IReadOnlyList<FrameRef> Of(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = new List<FrameRef>();
        foreach (string file in files)
        {
            string full = Path.GetFullPath(file);
            int count = 1;
            try
            {
                using var source = ImageFile.Open(full);
                count = Math.Max(1, source.FrameCount);
            }
            catch (Exception e) when (e is IOException or TemKitFormatException or UnauthorizedAccessException or NotSupportedException)
            {
                count = 1;
            }
            for (int i = 0; i < count; i++) list.Add(new FrameRef(list.Count, full, i));
        }
        return list;
    }
}
