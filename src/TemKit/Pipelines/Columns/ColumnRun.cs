using TemKit.Imaging;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// <c>temkit columns</c>: finds the atomic columns of every frame of the input files with a <see cref="ColumnDetector"/>
/// and writes, into a run folder, columns.csv (every column, Å and px), counts.csv (columns per frame), an overlay PNG per
/// frame and, with tracking, events.csv, pairs.csv, events.svg (event and column counts over time) and strip.png (chosen
/// frames with their events marked). A file or frame that cannot be read or is empty becomes an error line; the rest go on.
/// </summary>
public static partial class ColumnRun
{
    /// <summary>Runs the detector over <paramref name="files"/> and writes the outputs into <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentException">Tracking was asked for but fewer than 2 frames could be analysed, or their sizes differ.</exception>
    public static ColumnRunResult Run(IReadOnlyList<string> files, string folder, ColumnDetector detector, ColumnRunOptions options,
        IProgress<JobProgress>? progress = null, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        options.TrackingInForce.Validate();
        TemKit.IO.RunFolderKind.Claim(folder, "columns");
        var truth = options.TruthPath is null ? null : Simulation.Labels.ColumnListCsv.ReadRows(options.TruthPath);
        var inputs = files.Select(f => InputImages.Describe(Path.GetFullPath(f))).ToArray();
        int total = inputs.Sum(i => i.FrameCount), done = 0;
        var frames = new List<ColumnRunFrame>();
        var images = new List<Image2D?>();
        var maps = new List<Image2D?>();
        var errors = new List<string>();
        var heightSamples = new List<(ColumnHeightFeatures, int, int)>();
        foreach (var input in inputs)
        {
            if (input.Error is not null) { errors.Add(input.Error); continue; }
            for (int z = 0; z < input.FrameCount; z++)
            {
                int index = frames.Count;
                try
                {
                    var image = input.Read(z);
                    var found = detector.Detect(image);
                    foreach (string w in found.Warnings) warning?.Invoke($"{Path.GetFileName(input.File)} frame {z}: {w}");
                    var score = truth is null ? null : Score(truth, index, found.Columns, image.PixelSizeAngstrom, options.TruthMatchAngstrom);
                    int[]? heights = null;
                    if (options.Heights is { } calibration)
                    {
                        var features = ColumnHeights.Features(image, found.Columns);
                        heights = [.. features.Select(calibration.Atoms)];
                        if (score is not null) heightSamples.AddRange(HeightSamples(truth![index].ToArray(), score, features, heights));
                    }
                    frames.Add(new ColumnRunFrame(index, input.File, z, found.Columns, image.PixelSizeAngstrom, null, score, heights));
                    images.Add(options.Track || options.Overlays ? image : null);
                    maps.Add(options.Track ? found.Map : null);
                }
                catch (Exception e) when (e is ArgumentException or PixelSizeMismatchException or IO.TemKitFormatException or IOException)
                {
                    string message = $"{input.File} frame {z}: {e.Message}";
                    errors.Add(message);
                    frames.Add(new ColumnRunFrame(index, input.File, z, [], 0, e.Message));
                    images.Add(null);
                    maps.Add(null);
                }
                progress?.Report(new JobProgress("finding columns", ++done, total));
            }
        }
        Directory.CreateDirectory(folder);
        WriteFrames(folder, frames, images, options.Overlays);
        var heightScore = heightSamples.Count > 0 ? ColumnHeightScore.Of(heightSamples) : null;
        if (!options.Track) return new ColumnRunResult(frames, [], [], errors, Heights: heightScore);
        var tracked = frames.Where(f => f.Error is null).Select(f => f.Frame).ToArray();
        if (tracked.Length < 2)
            throw new ArgumentException($"--track needs at least 2 frames with columns; {tracked.Length} could be analysed ({frames.Count} frames in {files.Count} files)");
        var trackImages = tracked.Select(i => images[i]!).ToArray();
        int pairsDone = 0;
        var pairs = ColumnTracker.Track(trackImages, [.. tracked.Select(i => (IReadOnlyList<DetectedColumn>)frames[i].Columns)], options.TrackingInForce,
            () => progress?.Report(new JobProgress("tracking", ++pairsDone, tracked.Length - 1)),
            new DetectionMaps([.. tracked.Select(i => maps[i]!)], detector.Peaks.Threshold));
        // Report the pairs in run frame numbers.
        var renumbered = pairs.Select((p, k) => p with { FromFrame = tracked[k], Events = [.. p.Events.Select(e => e with { FromFrame = tracked[k] })] }).ToArray();
        WriteTracking(folder, frames, trackImages, tracked, renumbered, options);
        var eventScore = options.TruthEventsPath is null ? null
            : EventScore.Of(EventSequence.ReadEvents(options.TruthEventsPath), [.. renumbered.SelectMany(p => p.Events)], options.TrackingInForce.MatchRadiusAngstrom);
        return new ColumnRunResult(frames, renumbered, tracked, errors, eventScore, heightScore);
    }

    /// <summary>Matches a frame's detections with the true columns of that frame (true pixel positions times the image's pixel size).</summary>
    private static ColumnMatch Score(ILookup<int, Simulation.Labels.ColumnRow> truth, int frame, DetectedColumn[] found, double pixelSizeAngstrom, double radiusAngstrom)
    {
        double px = pixelSizeAngstrom > 0 ? pixelSizeAngstrom : 1;
        return ColumnMatching.Match([.. truth[frame].Select(r => (r.XPx * px, r.YPx * px))], [.. found.Select(c => (c.XPx * px, c.YPx * px))], radiusAngstrom);
    }
}
