namespace TemKit.Pipelines.Columns;

/// <summary>What happened to a column between two consecutive frames.</summary>
public enum ColumnEventKind
{
    /// <summary>A column of frame t+1 without a partner in frame t.</summary>
    Appeared,

    /// <summary>A column of frame t without a partner in frame t+1.</summary>
    Disappeared,

    /// <summary>A column matched between the frames that moved more than the threshold.</summary>
    Moved,
}

/// <summary>One diffusion event between frame <paramref name="FromFrame"/> and the next, in frame t's coordinates.</summary>
/// <param name="FromFrame">Index t of the first frame of the pair.</param>
/// <param name="Kind">Appeared, disappeared or moved.</param>
/// <param name="XAngstrom">x (Å) in frame t's coordinates (for an appeared or moved column: its frame t+1 position mapped back by the drift).</param>
/// <param name="YAngstrom">y (Å), as <paramref name="XAngstrom"/>.</param>
/// <param name="DisplacementAngstrom">Drift-corrected displacement of a moved column (Å); 0 otherwise.</param>
public sealed record ColumnEvent(int FromFrame, ColumnEventKind Kind, double XAngstrom, double YAngstrom, double DisplacementAngstrom);

/// <summary>The tracking result of one frame pair.</summary>
/// <param name="FromFrame">Index t of the first frame.</param>
/// <param name="DriftXAngstrom">Displacement of frame t+1's content relative to frame t along x (Å).</param>
/// <param name="DriftYAngstrom">As <paramref name="DriftXAngstrom"/> along y (Å).</param>
/// <param name="Matched">Columns found in both frames (inside the judged area).</param>
/// <param name="Events">The pair's events.</param>
public sealed record FramePairEvents(int FromFrame, double DriftXAngstrom, double DriftYAngstrom, int Matched, IReadOnlyList<ColumnEvent> Events)
{
    /// <summary>Number of events of <paramref name="kind"/>.</summary>
    public int Count(ColumnEventKind kind) => Events.Count(e => e.Kind == kind);
}
