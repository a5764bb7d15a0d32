using System.Globalization;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>The final outputs of a finished <see cref="ParticlesRun"/>: tables, selection, plots and report.</summary>
public static partial class ParticlesOutputs
{
    /// <summary>Columns of particles.csv (one row per particle per frame).</summary>
    public static IReadOnlyList<string> ParticleColumns { get; } =
    [
        "frame", "file", "frame_in_file", "track", "label", "area_px", "area_nm2", "equivalent_diameter_nm", "centroid_x_px", "centroid_y_px",
        "bbox_min_x_px", "bbox_min_y_px", "bbox_max_x_px", "bbox_max_y_px", "mean_probability", "touches_edge",
        "pairs", "ratio", "spacings_angstrom", "directions_deg", "zone", "zone_residual_percent", "passes",
    ];

    /// <summary>Columns of frames.csv (one row per frame).</summary>
    public static IReadOnlyList<string> FrameColumns { get; } = ["frame", "file", "frame_in_file", "particles", "min_ratio", "kept", "reason", "error"];

    /// <summary>Columns of tracks.csv (one row per track).</summary>
    public static IReadOnlyList<string> TrackColumns { get; } = ["track", "appears_frame", "last_frame", "frames_seen", "disappears_after_frame"];

    internal static void WriteAll(ParticlesRun run, IReadOnlyList<FrameRef> frames, IReadOnlyList<FrameRecord> records, IReadOnlyList<ParticleTrack> tracks)
    {
        string root = run.Folder;
        WriteTables(root, records, tracks);
        string select = Path.Combine(root, "select");
        Directory.CreateDirectory(select);
        var kept = records.Where(r => r.Kept).ToList();
        AtomicFile.WriteAllText(Path.Combine(select, "kept-frames.txt"),
            "# frame (0-based over the run), file, frame in file: frames with a particle whose ratio ≤ " + G(run.Options.FilterRatio) + "\n"
            + string.Concat(kept.Select(r => $"{r.Frame}\t{r.File}\t{r.FrameInFile}\n")));
        string stack = Path.Combine(select, "kept.mrc");
        if (kept.Count > 0)
        {
            using var source = new SelectedFrames(kept.Select(r => frames[r.Frame]).ToList());
            MrcFile.Write(stack, source);
        }
        else if (File.Exists(stack))
        {
            File.Delete(stack);
        }
        WriteCrops(run, select, frames, records);
        WritePlots(root, records, tracks);
        Reporting.Provenance.Now(new { options = run.Options, detector = run.Detector.Description }, run.CommandLine).Save(Path.Combine(root, "provenance.json"));
        ParticlesReport.Write(run, records, tracks);
    }

    /// <summary>Writes particles.csv, frames.csv and tracks.csv into <paramref name="root"/> (atomically).</summary>
    public static void WriteTables(string root, IReadOnlyList<FrameRecord> records, IReadOnlyList<ParticleTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(tracks);
        CsvFiles.WriteTable(Path.Combine(root, "particles.csv"), [.. ParticleColumns], records.SelectMany(r => r.Particles.Select(p => (IReadOnlyList<string>)
        [
            I(r.Frame), r.File, I(r.FrameInFile), I(p.Track), I(p.Label), I(p.AreaPx), G(p.AreaNm2), G(p.EquivalentDiameterNm), G(p.CentroidXPx), G(p.CentroidYPx),
            I(p.Box.MinX), I(p.Box.MinY), I(p.Box.MaxX), I(p.Box.MaxY), G(p.MeanProbability), p.TouchesEdge ? "true" : "false",
            I(p.Pairs), G(p.Ratio), string.Join(' ', p.SpacingsAngstrom.Select(s => s.ToString("F3", CultureInfo.InvariantCulture))),
            string.Join(' ', p.DirectionsDegrees.Select(s => s.ToString("F1", CultureInfo.InvariantCulture))), p.Zone, G(p.ZoneResidualPercent),
            p.Passes ? "true" : "false",
        ])));
        CsvFiles.WriteTable(Path.Combine(root, "frames.csv"), [.. FrameColumns], records.Select(r => (IReadOnlyList<string>)
            [I(r.Frame), r.File, I(r.FrameInFile), I(r.Particles.Count), G(r.MinRatio), r.Kept ? "true" : "false", r.Reason, r.Error ?? ""]));
        CsvFiles.WriteTable(Path.Combine(root, "tracks.csv"), [.. TrackColumns], tracks.Select(t => (IReadOnlyList<string>)
            [I(t.Id), I(t.FirstFrame), I(t.LastFrame), I(t.Frames), t.Disappeared ? I(t.LastFrame) : ""]));
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>6 significant digits; empty for NaN; "inf" for infinity.</summary>
    internal static string G(double v) => CsvFiles.ResultNumber(v);
}
