using TemKit.Pipelines.Columns;

namespace TemKit.Tests.Pipelines.Columns;

public class TrackingTests
{
    [Theory]
    [InlineData(3.0, -2.0)]
    [InlineData(-7.4, 5.3)]
    [InlineData(0.25, 11.6)]
    public void ImageDriftRecoversASubPixelShift(double sx, double sy)
    {
        // Blobs at random points, the second frame with every point moved by (sx, sy) px (0.1 Å/px).
        var points = PeakFinderTests.RandomPoints(12, 16, 2.5, seed: 7);
        var moved = points.Select(p => (p.X + sx * 0.1, p.Y + sy * 0.1)).ToList();
        var a = PeakFinderTests.Blobs(points, 160, 0.1, 0.4, 0.02, seed: 1);
        var b = PeakFinderTests.Blobs(moved, 160, 0.1, 0.4, 0.02, seed: 2);
        var (x, y) = ColumnTracker.ImageDrift(a, b, new TrackingOptions(MaxDriftAngstrom: 2));
        (x, y) = (x / 0.1, y / 0.1);
        // The Hann window weighs the sparse blobs differently once they moved, which biases the peak by up to ~0.3 px here;
        // the tracker refines the drift on the matched columns (next test: to within 0.05 Å, 0.5 px at 0.1 Å/px).
        Assert.InRange(x, sx - 0.5, sx + 0.5);
        Assert.InRange(y, sy - 0.5, sy + 0.5);
    }

    [Fact]
    public void TrackerFindsKnownEventsUnderDrift()
    {
        var points = PeakFinderTests.RandomPoints(14, 18, 2.6, seed: 11);
        // Keep a set well inside the frame; frame 1 = drift (0.83, −0.47) Å, point 0 removed, point 1 moved by 0.7 Å,
        // a new point added in a free spot.
        var inside = points.Where(p => p.X is > 3.5 and < 14.5 && p.Y is > 3.5 and < 14.5).ToList();
        Assert.True(inside.Count >= 3);
        (double X, double Y) drift = (0.83, -0.47), added = FreeSpot(points);
        var next = new List<(double X, double Y)>();
        foreach (var p in points)
        {
            if (p == inside[0]) continue;
            (double X, double Y) q = p == inside[1] ? (p.X + 0.7, p.Y) : p;
            next.Add((q.X + drift.X, q.Y + drift.Y));
        }
        next.Add((added.X + drift.X, added.Y + drift.Y));
        var a = PeakFinderTests.Blobs(points, 180, 0.1, 0.4, 0.03, seed: 3);
        var b = PeakFinderTests.Blobs(next, 180, 0.1, 0.4, 0.03, seed: 4);
        var options = new PeakFinderOptions();
        var pair = Assert.Single(ColumnTracker.Track([a, b], [PeakFinder.Find(a, options), PeakFinder.Find(b, options)], new TrackingOptions()));
        Assert.Equal(drift.X, pair.DriftXAngstrom, 0.05);
        Assert.Equal(drift.Y, pair.DriftYAngstrom, 0.05);
        var gone = Assert.Single(pair.Events, e => e.Kind == ColumnEventKind.Disappeared);
        Assert.True(double.Hypot(gone.XAngstrom - inside[0].X, gone.YAngstrom - inside[0].Y) < 0.1);
        var move = Assert.Single(pair.Events, e => e.Kind == ColumnEventKind.Moved);
        Assert.Equal(0.7, move.DisplacementAngstrom, 0.1);
        var appeared = Assert.Single(pair.Events, e => e.Kind == ColumnEventKind.Appeared);
        Assert.True(double.Hypot(appeared.XAngstrom - added.X, appeared.YAngstrom - added.Y) < 0.1);
        Assert.Equal(3, pair.Events.Count);
        Assert.Contains("at least 2 frames", Assert.Throws<ArgumentException>(() => ColumnTracker.Track([a], [PeakFinder.Find(a, options)], new TrackingOptions())).Message);
    }

    [Fact]
    public void HysteresisIgnoresAColumnThatOnlyDippedBelowTheThreshold()
    {
        // Frame b: the same columns (no drift), point 0 removed, point 1 dimmed to 0.25 (detection threshold 0.3).
        var points = PeakFinderTests.RandomPoints(14, 18, 2.6, seed: 11);
        var inside = points.Where(p => p.X is > 3.5 and < 14.5 && p.Y is > 3.5 and < 14.5).ToList();
        var a = PeakFinderTests.Blobs(points, 180, 0.1, 0.4, 0.0, seed: 3);
        var b = PeakFinderTests.Blobs([.. points.Where(p => p != inside[0] && p != inside[1])], 180, 0.1, 0.4, 0.0, seed: 4);
        var dim = PeakFinderTests.Blobs([inside[1]], 180, 0.1, 0.4, 0.0, seed: 5, height: 0.25);
        for (int k = 0; k < b.Pixels.Length; k++) b.Pixels[k] = Math.Max(b.Pixels[k], dim.Pixels[k]);
        var peaks = new PeakFinderOptions(Threshold: 0.3);
        var ca = PeakFinder.Find(a, peaks);
        var cb = PeakFinder.Find(b, peaks);
        Assert.Equal(ca.Length - 2, cb.Length);
        // Without hysteresis both unmatched columns disappeared; with it (absent below 0.5 · 0.3) only the removed one.
        var plain = ColumnTracker.Pair(0, a, b, ca, cb, new TrackingOptions());
        Assert.Equal(2, plain.Count(ColumnEventKind.Disappeared));
        var maps = new DetectionMaps([a, b], 0.3);
        var hysteresis = ColumnTracker.Pair(0, a, b, ca, cb, new TrackingOptions(AbsentFraction: 0.5), maps);
        var gone = Assert.Single(hysteresis.Events);
        Assert.Equal(ColumnEventKind.Disappeared, gone.Kind);
        Assert.True(double.Hypot(gone.XAngstrom - inside[0].X, gone.YAngstrom - inside[0].Y) < 0.1);
        // The same column seen the other way round (b → a) is not an appearance either.
        Assert.Single(ColumnTracker.Pair(0, b, a, cb, ca, new TrackingOptions(AbsentFraction: 0.5), new DetectionMaps([b, a], 0.3)).Events);
        Assert.Equal(0.25f, DetectionMaps.MaxNear(b, inside[1].X, inside[1].Y, 0.5), 0.01f);
    }

    private static (double X, double Y) FreeSpot(List<(double X, double Y)> points)
    {
        for (double y = 4; y < 14; y += 0.25)
            for (double x = 4; x < 14; x += 0.25)
                if (points.All(p => double.Hypot(p.X - x, p.Y - y) > 3)) return (x, y);
        throw new InvalidOperationException("no free spot");
    }
}
