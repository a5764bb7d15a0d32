using TemKit.Imaging;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// Diffusion events over time (seed 003; Madsen et al. 2018): consecutive frames are registered by image cross-correlation
/// (<see cref="ImageDrift"/>), the drift is checked against lattice-neighbour shifts and refined on the columns
/// (<see cref="ColumnDrift"/>), and every column is then
/// paired with the nearest column of the next frame within the match radius: unpaired columns appeared or disappeared,
/// paired ones that moved more than the threshold moved. With <see cref="TrackingOptions.PersistFrames"/> K &gt; 1 an
/// appearance or disappearance must also hold for K frames on each side of the pair (<see cref="Persistent"/>).
/// </summary>
public static partial class ColumnTracker
{
    /// <summary>Tracks the columns of <paramref name="columns"/> (one list per frame of <paramref name="frames"/>); with
    /// <paramref name="maps"/> (one per frame) unpaired columns pass the hysteresis of <see cref="TrackingOptions.AbsentFraction"/>.</summary>
    public static FramePairEvents[] Track(IReadOnlyList<Image2D> frames, IReadOnlyList<IReadOnlyList<DetectedColumn>> columns, TrackingOptions options, Action? pairDone = null,
        DetectionMaps? maps = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (frames.Count != columns.Count) throw new ArgumentException($"{frames.Count} frames but {columns.Count} column lists");
        if (frames.Count < 2) throw new ArgumentException($"tracking needs at least 2 frames, got {frames.Count}");
        if (maps is not null && maps.Maps.Count != frames.Count) throw new ArgumentException($"{frames.Count} frames but {maps.Maps.Count} detection maps");
        var result = new FramePairEvents[frames.Count - 1];
        for (int t = 0; t + 1 < frames.Count; t++)
        {
            result[t] = Pair(t, frames[t], frames[t + 1], columns[t], columns[t + 1], options,
                maps is null ? null : new DetectionMaps([maps.Maps[t], maps.Maps[t + 1]], maps.Threshold));
            pairDone?.Invoke();
        }
        return options.PersistFrames > 1 ? Persistent(result, columns, frames[0], options, maps) : result;
    }

    /// <summary>The events between frame <paramref name="t"/> and the next; <paramref name="maps"/> (the two frames' maps,
    /// or null) enables the hysteresis of <see cref="TrackingOptions.AbsentFraction"/>.</summary>
    public static FramePairEvents Pair(int t, Image2D a, Image2D b, IReadOnlyList<DetectedColumn> ca, IReadOnlyList<DetectedColumn> cb, TrackingOptions options,
        DetectionMaps? maps = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(options);
        if (a.Width != b.Width || a.Height != b.Height) throw new ArgumentException($"frames {t} and {t + 1} differ in size ({a.Width}x{a.Height} vs {b.Width}x{b.Height})");
        double px = a.PixelSizeAngstrom > 0 ? a.PixelSizeAngstrom : 1;
        var (dx, dy) = ColumnDrift(ca, cb, ImageDrift(a, b, options), options);
        var pairs = Pairs(ca, cb, dx, dy, options.MatchRadiusAngstrom);
        double width = a.Width * px, height = a.Height * px, m = options.EdgeMarginAngstrom;
        // A point in frame t's coordinates is judged when it lies inside both frames by the margin.
        bool Judged(double x, double y) => x >= m && y >= m && x <= width - px - m && y <= height - px - m
            && x + dx >= m && y + dy >= m && x + dx <= width - px - m && y + dy <= height - px - m;
        // Hysteresis: an unpaired column is an event only where the other frame's map shows nothing near it.
        double absent = maps is not null && maps.Threshold > 0 ? options.AbsentFraction * maps.Threshold : double.NaN;
        double near = 0.5 * options.MatchRadiusAngstrom;
        bool AbsentIn(int frame, double x, double y) => !(absent > 0) || DetectionMaps.MaxNear(maps!.Maps[frame], x, y, near) < absent;
        var events = new List<ColumnEvent>();
        var pairedA = new bool[ca.Count];
        var pairedB = new bool[cb.Count];
        int matched = 0;
        foreach (var (ia, ib) in pairs)
        {
            pairedA[ia] = pairedB[ib] = true;
            if (!Judged(ca[ia].XAngstrom, ca[ia].YAngstrom)) continue;
            matched++;
            double bx = cb[ib].XAngstrom - dx, by = cb[ib].YAngstrom - dy;
            double d = double.Hypot(bx - ca[ia].XAngstrom, by - ca[ia].YAngstrom);
            if (d > options.MoveThresholdAngstrom) events.Add(new ColumnEvent(t, ColumnEventKind.Moved, bx, by, d));
        }
        for (int i = 0; i < ca.Count; i++)
            if (!pairedA[i] && Judged(ca[i].XAngstrom, ca[i].YAngstrom) && AbsentIn(1, ca[i].XAngstrom + dx, ca[i].YAngstrom + dy))
                events.Add(new ColumnEvent(t, ColumnEventKind.Disappeared, ca[i].XAngstrom, ca[i].YAngstrom, 0));
        for (int i = 0; i < cb.Count; i++)
        {
            double x = cb[i].XAngstrom - dx, y = cb[i].YAngstrom - dy;
            if (!pairedB[i] && Judged(x, y) && AbsentIn(0, x, y)) events.Add(new ColumnEvent(t, ColumnEventKind.Appeared, x, y, 0));
        }
        return new FramePairEvents(t, dx, dy, matched, events);
    }
}
