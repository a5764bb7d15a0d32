using CsvHelper.Configuration.Attributes;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO.Csv;
using TemKit.IO.Png;
using TemKit.Plotting;

namespace TemKit.Pipelines.Columns;

/// <summary>One row of a run's columns.csv.</summary>
public sealed class DetectedColumnRow
{
    /// <summary>Frame index in the run.</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Input file (full path).</summary>
    [Name("file")] public string File { get; init; } = "";
    /// <summary>Frame within the file.</summary>
    [Name("file_frame")] public int FileFrame { get; init; }
    /// <summary>Column index within the frame (highest peak first).</summary>
    [Name("column")] public int Column { get; init; }
    /// <summary>x (Å).</summary>
    [Name("x_angstrom")] public double XAngstrom { get; init; }
    /// <summary>y (Å).</summary>
    [Name("y_angstrom")] public double YAngstrom { get; init; }
    /// <summary>x (input px).</summary>
    [Name("x_px")] public double XPx { get; init; }
    /// <summary>y (input px).</summary>
    [Name("y_px")] public double YPx { get; init; }
    /// <summary>Peak value of the map (network output in label units, or σ for the baseline).</summary>
    [Name("peak_value")] public float PeakValue { get; init; }
    /// <summary>Estimated atoms in the column (<see cref="ColumnHeights"/>; empty when heights were not asked for).</summary>
    [Name("height_atoms")] public int? HeightAtoms { get; init; }
}

/// <summary>One row of a run's counts.csv.</summary>
public sealed class ColumnCountRow
{
    /// <summary>Frame index in the run.</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Input file (full path).</summary>
    [Name("file")] public string File { get; init; } = "";
    /// <summary>Frame within the file.</summary>
    [Name("file_frame")] public int FileFrame { get; init; }
    /// <summary>Columns found.</summary>
    [Name("columns")] public int Columns { get; init; }
    /// <summary>True columns (empty without a truth).</summary>
    [Name("true_columns")] public int? TrueColumns { get; init; }
    /// <summary>Detections within the match distance of a true column / detections.</summary>
    [Name("precision")] public double? Precision { get; init; }
    /// <summary>Matched true columns / true columns.</summary>
    [Name("recall")] public double? Recall { get; init; }
    /// <summary>Harmonic mean of precision and recall.</summary>
    [Name("f1")] public double? F1 { get; init; }
    /// <summary>Root-mean-square distance of matched detections from the true columns (Å).</summary>
    [Name("rms_error_angstrom")] public double? RmsErrorAngstrom { get; init; }
    /// <summary>Why the frame was not analysed (empty when it was).</summary>
    [Name("error")] public string Error { get; init; } = "";
}

/// <summary>One row of a run's pairs.csv (tracking).</summary>
public sealed class FramePairRow
{
    /// <summary>First frame of the pair (run index).</summary>
    [Name("from_frame")] public int FromFrame { get; init; }
    /// <summary>Second frame of the pair (run index).</summary>
    [Name("to_frame")] public int ToFrame { get; init; }
    /// <summary>Drift of the second frame's content along x (Å).</summary>
    [Name("drift_x_angstrom")] public double DriftXAngstrom { get; init; }
    /// <summary>Drift along y (Å).</summary>
    [Name("drift_y_angstrom")] public double DriftYAngstrom { get; init; }
    /// <summary>Columns found in both frames inside the judged area.</summary>
    [Name("matched")] public int Matched { get; init; }
    /// <summary>Columns that appeared.</summary>
    [Name("appeared")] public int Appeared { get; init; }
    /// <summary>Columns that disappeared.</summary>
    [Name("disappeared")] public int Disappeared { get; init; }
    /// <summary>Columns that moved more than the threshold.</summary>
    [Name("moved")] public int Moved { get; init; }
}

/// <summary>One row of a run's events.csv (tracking).</summary>
public sealed class ColumnEventRow
{
    /// <summary>First frame of the pair (run index).</summary>
    [Name("from_frame")] public int FromFrame { get; init; }
    /// <summary>appeared, disappeared or moved.</summary>
    [Name("kind")] public string Kind { get; init; } = "";
    /// <summary>x (Å) in the first frame's coordinates.</summary>
    [Name("x_angstrom")] public double XAngstrom { get; init; }
    /// <summary>y (Å) in the first frame's coordinates.</summary>
    [Name("y_angstrom")] public double YAngstrom { get; init; }
    /// <summary>Drift-corrected displacement of a moved column (Å).</summary>
    [Name("displacement_angstrom")] public double DisplacementAngstrom { get; init; }
}

public static partial class ColumnRun
{
    private static void WriteFrames(string folder, List<ColumnRunFrame> frames, List<Image2D?> images, bool overlays)
    {
        CsvFiles.Write(Path.Combine(folder, "columns.csv"), frames.SelectMany(f => f.Columns.Select((c, i) => new DetectedColumnRow
        {
            Frame = f.Frame, File = f.File, FileFrame = f.FileFrame, Column = i, XAngstrom = c.XAngstrom, YAngstrom = c.YAngstrom,
            XPx = c.XPx, YPx = c.YPx, PeakValue = c.Value, HeightAtoms = f.HeightsAtoms?[i],
        })), CsvFiles.ResultSignificantDigits);
        CsvFiles.Write(Path.Combine(folder, "counts.csv"), frames.Select(f => new ColumnCountRow
        {
            Frame = f.Frame, File = f.File, FileFrame = f.FileFrame, Columns = f.Columns.Length, Error = f.Error ?? "",
            TrueColumns = f.Score?.TruthCount, Precision = f.Score?.Precision, Recall = f.Score?.Recall, F1 = f.Score?.F1, RmsErrorAngstrom = f.Score?.RmsErrorAngstrom,
        }), CsvFiles.ResultSignificantDigits);
        if (!overlays) return;
        foreach (var f in frames)
        {
            if (images[f.Frame] is not { } image) continue;
            var canvas = Overlay(image, f.Columns);
            PngWriter.WriteCanvas(Path.Combine(folder, $"overlay_{f.Frame:D4}.png"), canvas);
        }
    }

    /// <summary>The events.csv row of an event.</summary>
    public static ColumnEventRow EventRow(ColumnEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ColumnEventRow
        {
            FromFrame = e.FromFrame, Kind = e.Kind.ToString().ToLowerInvariant(), XAngstrom = e.XAngstrom, YAngstrom = e.YAngstrom, DisplacementAngstrom = e.DisplacementAngstrom,
        };
    }

    /// <summary>The image with a cyan circle of radius 0.6 Å at every column.</summary>
    public static RgbCanvas Overlay(Image2D image, IReadOnlyList<DetectedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(columns);
        var canvas = RgbCanvas.FromImage(image);
        double r = Math.Max(1.5, 0.6 / (image.PixelSizeAngstrom > 0 ? image.PixelSizeAngstrom : 1));
        foreach (var c in columns) canvas.DrawCircle(c.XPx, c.YPx, r, RgbColor.Cyan);
        return canvas;
    }

    private static void WriteTracking(string folder, List<ColumnRunFrame> frames, Image2D[] images, int[] tracked, FramePairEvents[] pairs, ColumnRunOptions options)
    {
        CsvFiles.Write(Path.Combine(folder, "pairs.csv"), pairs.Select((p, k) => new FramePairRow
        {
            FromFrame = p.FromFrame, ToFrame = tracked[k + 1], DriftXAngstrom = p.DriftXAngstrom, DriftYAngstrom = p.DriftYAngstrom, Matched = p.Matched,
            Appeared = p.Count(ColumnEventKind.Appeared), Disappeared = p.Count(ColumnEventKind.Disappeared), Moved = p.Count(ColumnEventKind.Moved),
        }), CsvFiles.ResultSignificantDigits);
        CsvFiles.Write(Path.Combine(folder, "events.csv"), pairs.SelectMany(p => p.Events).Select(EventRow), CsvFiles.ResultSignificantDigits);
        var x = pairs.Select(p => (double)p.FromFrame).ToArray();
        var events = new SvgPlot("Diffusion events between consecutive frames", "frame t (pair t → next)", "events per frame pair") { YMin = 0 };
        events.AddLine("all events", x, pairs.Select(p => (double)p.Events.Count).ToArray());
        events.AddLine("appeared", x, pairs.Select(p => (double)p.Count(ColumnEventKind.Appeared)).ToArray(), dashed: true);
        events.AddLine("disappeared", x, pairs.Select(p => (double)p.Count(ColumnEventKind.Disappeared)).ToArray(), dashed: true);
        events.AddLine("moved", x, pairs.Select(p => (double)p.Count(ColumnEventKind.Moved)).ToArray(), dashed: true);
        events.Save(Path.Combine(folder, "events.svg"));
        var counts = new SvgPlot("Columns per frame", "frame", "columns") { YMin = 0 };
        counts.AddLine("columns", tracked.Select(i => (double)i).ToArray(), tracked.Select(i => (double)frames[i].Columns.Length).ToArray());
        counts.Save(Path.Combine(folder, "column-count.svg"));
        PngWriter.WriteCanvas(Path.Combine(folder, "strip.png"), Strip(images, tracked, frames, pairs, options.StripFrames));
    }

    /// <summary>Chosen tracked frames side by side: columns in cyan, then the events towards the next frame: disappeared
    /// (red cross), appeared (green circle), moved (yellow circle).</summary>
    private static RgbCanvas Strip(Image2D[] images, int[] tracked, List<ColumnRunFrame> frames, FramePairEvents[] pairs, IReadOnlyList<int>? chosen)
    {
        var positions = chosen is null
            ? Enumerable.Range(0, Math.Min(6, tracked.Length)).Select(k => (int)Math.Round(k * (tracked.Length - 1) / Math.Max(1.0, Math.Min(6, tracked.Length) - 1))).Distinct().ToArray()
            : [.. chosen.Select(f => Array.IndexOf(tracked, f)).Where(k => k >= 0)];
        if (positions.Length == 0) positions = [0];
        int w = images[0].Width, h = images[0].Height, gap = 4;
        var strip = new RgbCanvas(positions.Length * (w + gap) - gap, h, RgbColor.White);
        for (int s = 0; s < positions.Length; s++)
        {
            int k = positions[s];
            var image = images[k];
            double px = image.PixelSizeAngstrom > 0 ? image.PixelSizeAngstrom : 1, r = Math.Max(2, 0.8 / px);
            var panel = Overlay(image, frames[tracked[k]].Columns);
            if (k < pairs.Length)
                foreach (var e in pairs[k].Events)
                {
                    double ex = e.XAngstrom / px, ey = e.YAngstrom / px;
                    switch (e.Kind)
                    {
                        case ColumnEventKind.Disappeared: panel.DrawCross(ex, ey, r, RgbColor.Red, 2, diagonal: true); break;
                        case ColumnEventKind.Appeared: panel.DrawCircle(ex, ey, r, RgbColor.Green, 2); break;
                        default: panel.DrawCircle(ex, ey, r, RgbColor.Yellow, 2); break;
                    }
                }
            int x0 = s * (w + gap);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) strip[x0 + x, y] = panel[x, y];
        }
        return strip;
    }
}
