using TemKit.Pipelines.Columns;

namespace TemKit.Tests.Pipelines.Columns;

public class PersistenceTests
{
    [Fact]
    public void PersistenceDropsOneFrameFlickerAndKeepsLastingEvents()
    {
        // Five frames drifting by (0.6, −0.4) Å per frame. Column F flickers (missing in frame 2 only), column G is
        // removed from frame 3 on, column H appears from frame 1 on. Without persistence F gives a false disappearance
        // (pair 1) and appearance (pair 2); with K = 2 only G's disappearance (pair 2) and H's appearance (pair 0) remain.
        var points = PeakFinderTests.RandomPoints(14, 18, 2.6, seed: 11);
        var inside = points.Where(p => p.X is > 4 and < 13 && p.Y is > 4 and < 13).ToList();
        Assert.True(inside.Count >= 3);
        var (f, g, h) = (inside[0], inside[1], inside[2]);
        var frames = new List<TemKit.Imaging.Image2D>();
        var lists = new List<IReadOnlyList<DetectedColumn>>();
        var options = new PeakFinderOptions();
        for (int t = 0; t < 5; t++)
        {
            var visible = points.Where(p => !(p == f && t == 2) && !(p == g && t >= 3) && !(p == h && t == 0))
                .Select(p => (p.X + 0.6 * t, p.Y - 0.4 * t + 2)).ToList();
            var image = PeakFinderTests.Blobs(visible, 200, 0.1, 0.4, 0.02, seed: 20 + t);
            frames.Add(image);
            lists.Add(PeakFinder.Find(image, options));
        }
        var plain = ColumnTracker.Track(frames, lists, new TrackingOptions());
        Assert.Equal([0, 1, 1, 0], plain.Select(p => p.Count(ColumnEventKind.Disappeared)).ToArray());
        Assert.Equal([1, 0, 1, 0], plain.Select(p => p.Count(ColumnEventKind.Appeared)).ToArray());

        var persistent = ColumnTracker.Track(frames, lists, new TrackingOptions(PersistFrames: 2));
        var events = persistent.SelectMany(p => p.Events).ToArray();
        Assert.Equal(2, events.Length);
        var gone = Assert.Single(events, e => e.Kind == ColumnEventKind.Disappeared);
        Assert.Equal(2, gone.FromFrame);
        Assert.True(double.Hypot(gone.XAngstrom - (g.X + 1.2), gone.YAngstrom - (g.Y - 0.8 + 2)) < 0.1);
        var came = Assert.Single(events, e => e.Kind == ColumnEventKind.Appeared);
        Assert.Equal(0, came.FromFrame);
        Assert.True(double.Hypot(came.XAngstrom - h.X, came.YAngstrom - (h.Y + 2)) < 0.1);
        Assert.Equal(plain.Select(p => p.Matched), persistent.Select(p => p.Matched));
        Assert.Throws<ArgumentException>(() => new TrackingOptions(PersistFrames: 0).Validate());
    }

    [Fact]
    public void MapMeanKeepsAnEventAfterAWeakFrameAndMovesMustHold()
    {
        // Five frames, no drift. Column J is weak (0.25, under the 0.3 threshold) in frame 0, full in frame 1 and gone from
        // frame 2 on: a real disappearance at pair 1 that `every` (K = 2) loses because J was not detected in frame 0,
        // while the map mean over frames 0-1 (0.625) says present. Column M sits 0.6 Å to the right in frame 2 only (a
        // jitter): without persistence two moves, with --persist-moves none; column N moves 0.6 Å for good at pair 2.
        var points = PeakFinderTests.RandomPoints(14, 18, 2.6, seed: 11);
        var inside = points.Where(p => p.X is > 4 and < 13 && p.Y is > 4 and < 13).ToList();
        var (j, mm, nn) = (inside[0], inside[1], inside[2]);
        var frames = new List<TemKit.Imaging.Image2D>();
        var lists = new List<IReadOnlyList<DetectedColumn>>();
        var options = new PeakFinderOptions(Threshold: 0.3);
        for (int t = 0; t < 5; t++)
        {
            var full = points.Where(p => p != j || t == 1).Select(p => p == mm && t == 2 || p == nn && t >= 3 ? (p.X + 0.6, p.Y) : p).ToList();
            var image = PeakFinderTests.Blobs(full, 200, 0.1, 0.4, 0.0, seed: 20 + t);
            if (t == 0)
            {
                var weak = PeakFinderTests.Blobs([j], 200, 0.1, 0.4, 0.0, seed: 30, height: 0.25);
                for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = Math.Max(image.Pixels[i], weak.Pixels[i]);
            }
            frames.Add(image);
            lists.Add(PeakFinder.Find(image, options));
        }
        var maps = new DetectionMaps(frames, 0.3);
        var tracking = new TrackingOptions(MoveThresholdAngstrom: 0.4, PersistFrames: 2);
        var every = ColumnTracker.Track(frames, lists, tracking, maps: maps);
        Assert.DoesNotContain(every.SelectMany(p => p.Events), e => e.Kind == ColumnEventKind.Disappeared);
        var mean = ColumnTracker.Track(frames, lists, tracking with { Persistence = PersistenceTest.MapMean }, maps: maps);
        var gone = Assert.Single(mean.SelectMany(p => p.Events), e => e.Kind == ColumnEventKind.Disappeared);
        Assert.Equal(1, gone.FromFrame);
        Assert.True(double.Hypot(gone.XAngstrom - j.X, gone.YAngstrom - j.Y) < 0.1);
        // Moves: M jitters (pairs 1 and 2), N moves for good (pair 2).
        Assert.Equal(3, every.SelectMany(p => p.Events).Count(e => e.Kind == ColumnEventKind.Moved));
        var held = ColumnTracker.Track(frames, lists, tracking with { PersistMoves = true }, maps: maps);
        var moved = Assert.Single(held.SelectMany(p => p.Events), e => e.Kind == ColumnEventKind.Moved);
        Assert.Equal(2, moved.FromFrame);
        Assert.True(double.Hypot(moved.XAngstrom - (nn.X + 0.6), moved.YAngstrom - nn.Y) < 0.1);
        Assert.Throws<ArgumentException>(() => ColumnTracker.Persistent(mean, lists, frames[0], tracking with { Persistence = PersistenceTest.MapMean }));
    }
}
