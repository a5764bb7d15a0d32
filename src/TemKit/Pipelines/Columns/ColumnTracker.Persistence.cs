using TemKit.Imaging;

namespace TemKit.Pipelines.Columns;

public static partial class ColumnTracker
{
    /// <summary>
    /// Keeps the events of <paramref name="pairs"/> whose change holds for <see cref="TrackingOptions.PersistFrames"/> = K
    /// frames on each side of the pair. Positions are carried between frames by the pairs' drifts; a frame where the position
    /// falls within the edge margin, or beyond the ends of the sequence, is not asked.
    /// <list type="bullet">
    /// <item>Appeared or disappeared, <see cref="PersistenceTest.EveryFrame"/>: a column that disappeared between t and t+1
    /// must be detected within the match radius of its position in every frame of t−K+1..t and in none of t+1..t+K; an
    /// appeared one the reverse.</item>
    /// <item>Appeared or disappeared, <see cref="PersistenceTest.MapMean"/> (needs <paramref name="maps"/>): the mean over
    /// t−K+1..t of the detection map's largest value within half the match radius of the position must reach the detection
    /// threshold and the mean over t+1..t+K must stay below it (the reverse for an appearance). Averaging K frames lowers the
    /// noise by √K where requiring every frame multiplies the miss rates.</item>
    /// <item>Moved (with <see cref="TrackingOptions.PersistMoves"/>): the column's position averaged over the detections of
    /// t−K+1..t (nearest to its old position within the match radius) and over t+1..t+K (nearest to its new position) must
    /// still differ by more than the move threshold.</item>
    /// </list>
    /// The pairs' matched counts and drifts are unchanged.
    /// </summary>
    public static FramePairEvents[] Persistent(IReadOnlyList<FramePairEvents> pairs, IReadOnlyList<IReadOnlyList<DetectedColumn>> columns, Image2D frame,
        TrackingOptions options, DetectionMaps? maps = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        if (columns.Count != pairs.Count + 1) throw new ArgumentException($"{pairs.Count} frame pairs need {pairs.Count + 1} column lists, got {columns.Count}");
        if (options.Persistence == PersistenceTest.MapMean && (maps is null || maps.Maps.Count != columns.Count))
            throw new ArgumentException("the map-mean persistence test needs the detection map of every frame");
        // Cumulative drift: a point (x, y) of frame t lies at (x, y) + C[s] − C[t] in frame s.
        var cx = new double[columns.Count];
        var cy = new double[columns.Count];
        for (int t = 0; t < pairs.Count; t++)
        {
            cx[t + 1] = cx[t] + pairs[t].DriftXAngstrom;
            cy[t + 1] = cy[t] + pairs[t].DriftYAngstrom;
        }
        double px = frame.PixelSizeAngstrom > 0 ? frame.PixelSizeAngstrom : 1, m = options.EdgeMarginAngstrom;
        double width = frame.Width * px, height = frame.Height * px, radius = options.MatchRadiusAngstrom;
        int k = options.PersistFrames;
        bool Inside(double x, double y) => x >= m && y >= m && x <= width - px - m && y <= height - px - m;
        DetectedColumn? Nearest(int s, double x, double y)
        {
            DetectedColumn? best = null;
            double bestD = radius;
            foreach (var c in columns[s])
            {
                double d = double.Hypot(c.XAngstrom - x, c.YAngstrom - y);
                if (d <= bestD) { bestD = d; best = c; }
            }
            return best;
        }
        // The frames of the window before (t−K+1..t) or after (t+1..t+K) pair t where (x, y) of frame t is judged, with the position there.
        IEnumerable<(int S, double X, double Y)> Window(int t, double x, double y, bool after)
        {
            int s0 = after ? t + 1 : Math.Max(0, t - k + 1), s1 = after ? Math.Min(columns.Count - 1, t + k) : t;
            for (int s = s0; s <= s1; s++)
            {
                double xs = x + cx[s] - cx[t], ys = y + cy[s] - cy[t];
                if (Inside(xs, ys)) yield return (s, xs, ys);
            }
        }
        bool Present(int t, double x, double y, bool after, bool wanted)
        {
            var frames = Window(t, x, y, after).ToArray();
            if (frames.Length == 0) return true;
            if (options.Persistence == PersistenceTest.EveryFrame) return frames.All(f => (Nearest(f.S, f.X, f.Y) is not null) == wanted);
            double mean = frames.Average(f => Math.Max(0.0, DetectionMaps.MaxNear(maps!.Maps[f.S], f.X, f.Y, 0.5 * radius)));
            return (mean >= maps!.Threshold) == wanted;
        }
        (double X, double Y)? MeanPosition(int t, double x, double y, bool after)
        {
            var found = Window(t, x, y, after).Select(f => (f, c: Nearest(f.S, f.X, f.Y))).Where(p => p.c is not null)
                .Select(p => (X: p.c!.Value.XAngstrom - cx[p.f.S] + cx[t], Y: p.c!.Value.YAngstrom - cy[p.f.S] + cy[t])).ToArray();
            return found.Length == 0 ? null : (found.Average(p => p.X), found.Average(p => p.Y));
        }
        bool Holds(ColumnEvent e, int t)
        {
            if (e.Kind != ColumnEventKind.Moved)
            {
                bool gone = e.Kind == ColumnEventKind.Disappeared;
                return Present(t, e.XAngstrom, e.YAngstrom, after: false, wanted: gone) && Present(t, e.XAngstrom, e.YAngstrom, after: true, wanted: !gone);
            }
            if (!options.PersistMoves) return true;
            // The moved column's old position: the column of frame t nearest to its new one.
            var old = Nearest(t, e.XAngstrom, e.YAngstrom);
            if (old is null) return true;
            var before = MeanPosition(t, old.Value.XAngstrom, old.Value.YAngstrom, after: false);
            var now = MeanPosition(t, e.XAngstrom, e.YAngstrom, after: true);
            return before is null || now is null || double.Hypot(now.Value.X - before.Value.X, now.Value.Y - before.Value.Y) > options.MoveThresholdAngstrom;
        }
        return [.. pairs.Select((p, t) => p with { Events = [.. p.Events.Where(e => Holds(e, t))] })];
    }
}
