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
}
