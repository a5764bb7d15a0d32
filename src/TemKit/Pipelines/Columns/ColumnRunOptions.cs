namespace TemKit.Pipelines.Columns;

/// <summary>Settings of a <see cref="ColumnRun"/> besides the detector.</summary>
/// <param name="Track">Also register consecutive frames and report diffusion events (<see cref="ColumnTracker"/>).</param>
/// <param name="Tracking">Tracking settings (null: defaults).</param>
/// <param name="StripFrames">Frames (run order, 0-based) shown in the movie strip; null: up to 6 evenly spaced frames.</param>
/// <param name="Overlays">Write an overlay PNG per frame.</param>
/// <param name="TruthPath">A true column list (columns.csv of <c>simulate particle|dataset --labels columns</c>; its frame
/// numbers are the run's frames): adds precision, recall and F1 per frame and pooled. Matching uses the true pixel
/// positions (x_px, y_px) scaled by the image's pixel size.</param>
/// <param name="TruthMatchAngstrom">A detection within this distance of a true column is correct (Å; Madsen et al.: 0.5 Å).</param>
/// <param name="TruthEventsPath">True events (events.csv of <see cref="EventSequence.Write"/>; frame numbers = run frames): with
/// tracking, scores the detected events (same pair and kind, within the tracking match radius).</param>
/// <param name="Heights">Estimate every column's height (atoms) with this calibration (<see cref="ColumnHeights"/>); null =
/// no heights. With a truth, the estimates are scored against the matched true columns' atom counts.</param>
public sealed record ColumnRunOptions(bool Track = false, TrackingOptions? Tracking = null, IReadOnlyList<int>? StripFrames = null, bool Overlays = true,
    string? TruthPath = null, double TruthMatchAngstrom = 0.5, string? TruthEventsPath = null, ColumnHeightCalibration? Heights = null)
{
    /// <summary>The tracking settings in force.</summary>
    public TrackingOptions TrackingInForce => Tracking ?? new TrackingOptions();
}

/// <summary>One frame of a column run.</summary>
/// <param name="Frame">Index in the run (input order, every frame of a stack).</param>
/// <param name="File">Input file (full path).</param>
/// <param name="FileFrame">Frame within the file.</param>
/// <param name="Columns">The columns found (empty when <paramref name="Error"/> is set).</param>
/// <param name="PixelSizeAngstrom">The frame's pixel size (Å/px; 0 when unknown).</param>
/// <param name="Error">Why the frame could not be analysed, or null.</param>
/// <param name="Score">The match against the true columns, when a truth was given.</param>
/// <param name="HeightsAtoms">Estimated atoms of each column (same order as <paramref name="Columns"/>), when heights were asked for.</param>
public sealed record ColumnRunFrame(int Frame, string File, int FileFrame, DetectedColumn[] Columns, double PixelSizeAngstrom, string? Error, ColumnMatch? Score = null,
    int[]? HeightsAtoms = null);

/// <summary>Result of a <see cref="ColumnRun"/>.</summary>
/// <param name="Frames">Every frame, in input order.</param>
/// <param name="Pairs">Tracking results per consecutive pair of analysed frames (empty without tracking).</param>
/// <param name="TrackedFrames">Run indices of the frames that entered tracking, in order (pair i is TrackedFrames[i] → TrackedFrames[i + 1]).</param>
/// <param name="Errors">One line per file or frame that could not be analysed.</param>
/// <param name="Events">The detected events against the true ones, when true events were given.</param>
/// <param name="Heights">The estimated heights of the matched columns against the true ones, when heights and a truth were given.</param>
public sealed record ColumnRunResult(IReadOnlyList<ColumnRunFrame> Frames, IReadOnlyList<FramePairEvents> Pairs, IReadOnlyList<int> TrackedFrames, IReadOnlyList<string> Errors,
    EventScore? Events = null, ColumnHeightScore? Heights = null)
{
    /// <summary>Pooled true positives, false positives and false negatives over the scored frames, or null without a truth.</summary>
    public ColumnMatch? PooledScore
    {
        get
        {
            var scored = Frames.Where(f => f.Score is not null).Select(f => f.Score!).ToList();
            if (scored.Count == 0) return null;
            var pairs = scored.SelectMany(s => s.Pairs).ToList();
            return new ColumnMatch(pairs, scored.Sum(s => s.TruthCount), scored.Sum(s => s.DetectedCount));
        }
    }
}
