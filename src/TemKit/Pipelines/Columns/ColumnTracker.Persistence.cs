using TemKit.Imaging;

namespace TemKit.Pipelines.Columns;

public static partial class ColumnTracker
{
    /// <summary>
    /// Keeps the appeared and disappeared events of <paramref name="pairs"/> whose column state holds for
    /// <see cref="TrackingOptions.PersistFrames"/> frames on each side of the pair (moved events are kept): a column that
    /// disappeared between t and t+1 must be detected within the match radius of its drift-corrected position in every
    /// judged frame of t−K+1..t and in none of t+1..t+K; an appeared one the reverse. Positions are carried between frames
    /// by the pairs' drifts; a frame where the position falls within the edge margin is not asked. The pairs' matched
    /// counts and drifts are unchanged.
    /// </summary>
    public static FramePairEvents[] Persistent(IReadOnlyList<FramePairEvents> pairs, IReadOnlyList<IReadOnlyList<DetectedColumn>> columns, Image2D frame,
        TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        if (columns.Count != pairs.Count + 1) throw new ArgumentException($"{pairs.Count} frame pairs need {pairs.Count + 1} column lists, got {columns.Count}");
        // Cumulative drift: a point (x, y) of frame t lies at (x, y) + C[s] − C[t] in frame s.
        var cx = new double[columns.Count];
        var cy = new double[columns.Count];
        for (int t = 0; t < pairs.Count; t++)
        {
            cx[t + 1] = cx[t] + pairs[t].DriftXAngstrom;
            cy[t + 1] = cy[t] + pairs[t].DriftYAngstrom;
        }
        double px = frame.PixelSizeAngstrom > 0 ? frame.PixelSizeAngstrom : 1, m = options.EdgeMarginAngstrom;
        double width = frame.Width * px, height = frame.Height * px, r2 = options.MatchRadiusAngstrom * options.MatchRadiusAngstrom;
        int k = options.PersistFrames;
        bool Detected(int s, double x, double y) => columns[s].Any(c => (c.XAngstrom - x) * (c.XAngstrom - x) + (c.YAngstrom - y) * (c.YAngstrom - y) <= r2);
        bool Holds(ColumnEvent e, int t)
        {
            for (int s = Math.Max(0, t - k + 1); s <= Math.Min(columns.Count - 1, t + k); s++)
            {
                double x = e.XAngstrom + cx[s] - cx[t], y = e.YAngstrom + cy[s] - cy[t];
                if (x < m || y < m || x > width - px - m || y > height - px - m) continue;
                bool before = s <= t, wanted = e.Kind == ColumnEventKind.Disappeared ? before : !before;
                if (Detected(s, x, y) != wanted) return false;
            }
            return true;
        }
        return [.. pairs.Select((p, t) => p with { Events = [.. p.Events.Where(e => e.Kind == ColumnEventKind.Moved || Holds(e, t))] })];
    }
}
