using TemKit.Pipelines.Columns;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Pipelines.Columns;

/// <summary>
/// Oracle checks of the scoring chain: with perfect inputs (the exact label image, the true column lists) the peak finder,
/// the matcher and the event logic must score 1. A network can only be judged once these hold.
/// </summary>
public class OracleTests
{
    [Theory]
    [InlineData(1, 1.5)]
    [InlineData(2, 2.2)]
    [InlineData(3, 3.0)]
    public void ExactLabelImageGivesEveryTrueColumnAndNothingElse(int seed, double diameterNanometres)
    {
        // A supported Au particle as the dataset builds it (random tilt ≤ 3°, rotation, truncation), labelled on the
        // 256² grid at 0.15 Å/px the column study uses; the support is not labelled.
        const int n = 256;
        const double px = 0.15;
        var (specimen, _) = SupportedParticleBuilder.Build(new FccParticleParameters("Au", null, diameterNanometres), n * px, n * px, new Random(seed));
        var labels = ColumnLabels.Compute(specimen.Particle, n, n, px, new ColumnLabelOptions());
        var found = PeakFinder.Find(labels.Positions, new PeakFinderOptions());
        var match = ColumnMatching.Match([.. labels.Columns.Select(c => (c.XAngstrom, c.YAngstrom))], [.. found.Select(c => (c.XAngstrom, c.YAngstrom))], 0.5);
        Assert.True(labels.Columns.Length > 10, $"only {labels.Columns.Length} columns");
        Assert.Equal(labels.Columns.Length, match.TruePositives);
        Assert.Equal(labels.Columns.Length, found.Length);
        // Sub-pixel refinement of a sampled Gaussian is exact up to float rounding (0.4 Å blobs, 2.7 px wide).
        Assert.True(match.RmsErrorAngstrom < 0.01, $"rms {match.RmsErrorAngstrom} Å");
        // The same point in px and in Å (pixel (i, j) is the point (i·px, j·px) Å; no half-pixel offset).
        Assert.All(found, c => Assert.Equal(c.XPx * px, c.XAngstrom, 9));
    }

    [Fact]
    public void TrueColumnListsOfASequenceGiveEveryTrueEventAndNothingElse()
    {
        // Three frames (two pairs, six true events) of the validation sequence, small and coarse to stay fast; the frames
        // themselves only feed the phase correlation.
        var r = EventSequence.Simulate(new EventSequenceParameters(FrameCount: 3, DiameterNanometres: 1.5, GridPx: 96, PixelSizeAngstrom: 0.25, Seed: 5));
        var lists = r.Columns.Select(IReadOnlyList<DetectedColumn> (cs) =>
            [.. cs.Select(c => new DetectedColumn(c.XAngstrom / 0.25, c.YAngstrom / 0.25, c.XAngstrom, c.YAngstrom, 1f))]).ToArray();
        var frames = Enumerable.Range(0, r.Frames.Nz).Select(r.Frames.FrameImage).ToArray();
        var options = new TrackingOptions();
        var pairs = ColumnTracker.Track(frames, lists, options);
        for (int t = 0; t < pairs.Length; t++)
        {
            Assert.Equal(r.DriftAngstrom[t + 1].X - r.DriftAngstrom[t].X, pairs[t].DriftXAngstrom, 0.05);
            Assert.Equal(r.DriftAngstrom[t + 1].Y - r.DriftAngstrom[t].Y, pairs[t].DriftYAngstrom, 0.05);
        }
        var score = EventScore.Of(r.Events, [.. pairs.SelectMany(p => p.Events)], options.MatchRadiusAngstrom);
        Assert.Equal(6, score.TrueEvents);
        Assert.Equal((6, 6), (score.DetectedEvents, score.Matched));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void DriftIsNotLockedToALatticeNeighbourOnASmallFrame(int seed)
    {
        // A 1.5 nm particle drifting in a 24 Å frame (96 px at 0.25 Å/px): the image correlation alone jumped to a lattice
        // neighbour (errors of 2.5-3.9 Å, about one Au column spacing) in 2 of 5 pairs for these seeds, and every column of
        // such a pair became a false event. Fed the true columns, the tracker must recover every drift step.
        const double px = 0.25;
        var r = EventSequence.Simulate(new EventSequenceParameters(FrameCount: 6, DiameterNanometres: 1.5, GridPx: 96, PixelSizeAngstrom: px, Seed: seed));
        var lists = r.Columns.Select(IReadOnlyList<DetectedColumn> (cs) =>
            [.. cs.Select(c => new DetectedColumn(c.XAngstrom / px, c.YAngstrom / px, c.XAngstrom, c.YAngstrom, 1f))]).ToArray();
        var frames = Enumerable.Range(0, r.Frames.Nz).Select(r.Frames.FrameImage).ToArray();
        var pairs = ColumnTracker.Track(frames, lists, new TrackingOptions());
        for (int t = 0; t < pairs.Length; t++)
        {
            double ex = pairs[t].DriftXAngstrom - (r.DriftAngstrom[t + 1].X - r.DriftAngstrom[t].X);
            double ey = pairs[t].DriftYAngstrom - (r.DriftAngstrom[t + 1].Y - r.DriftAngstrom[t].Y);
            Assert.True(double.Hypot(ex, ey) < 0.05, $"pair {t}: drift off by ({ex:F2}, {ey:F2}) Å");
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 3)]
    public void WithPersistenceTheTrueColumnsGiveExactlyTheTrueEventsThatLast(int holdFrames, int k)
    {
        // Six frames; a naive reference on the true columns and the true drift says which true appear/disappear events
        // hold for K frames each side; moves always count. With events held 1 frame (a site may be emptied and refilled one
        // frame later) some do not last K = 2; with events held 3 frames every one lasts K = 3.
        const double px = 0.2;
        const int n = 128;
        var r = EventSequence.Simulate(new EventSequenceParameters(FrameCount: 6, DiameterNanometres: 1.5, GridPx: n, PixelSizeAngstrom: px, Seed: 5,
            HoldFrames: holdFrames));
        var lists = r.Columns.Select(IReadOnlyList<DetectedColumn> (cs) =>
            [.. cs.Select(c => new DetectedColumn(c.XAngstrom / px, c.YAngstrom / px, c.XAngstrom, c.YAngstrom, 1f))]).ToArray();
        var frames = Enumerable.Range(0, r.Frames.Nz).Select(r.Frames.FrameImage).ToArray();
        var options = new TrackingOptions(PersistFrames: k);
        bool Present(int s, double x, double y) => r.Columns[s].Any(c => double.Hypot(c.XAngstrom - x, c.YAngstrom - y) <= 1.0);
        bool Lasts(ColumnEvent e)
        {
            if (e.Kind == ColumnEventKind.Moved) return true;
            int t = e.FromFrame;
            for (int s = Math.Max(0, t - k + 1); s <= Math.Min(5, t + k); s++)
            {
                double x = e.XAngstrom + r.DriftAngstrom[s].X - r.DriftAngstrom[t].X, y = e.YAngstrom + r.DriftAngstrom[s].Y - r.DriftAngstrom[t].Y;
                if (x < 2 || y < 2 || x > n * px - px - 2 || y > n * px - px - 2) continue;
                if (Present(s, x, y) != (e.Kind == ColumnEventKind.Disappeared ? s <= t : s > t)) return false;
            }
            return true;
        }
        var lasting = r.Events.Where(Lasts).ToArray();
        Assert.Equal(15, r.Events.Count);
        if (holdFrames >= k) Assert.Equal(r.Events.Count, lasting.Length);
        else Assert.InRange(lasting.Length, 5, r.Events.Count - 1);
        var pairs = ColumnTracker.Track(frames, lists, options);
        var score = EventScore.Of(lasting, [.. pairs.SelectMany(p => p.Events)], options.MatchRadiusAngstrom);
        Assert.Equal((lasting.Length, lasting.Length), (score.DetectedEvents, score.Matched));
    }

    [Fact]
    public void HeldEventsKeepTheirStateForTheHoldFrames()
    {
        // Every removed column stays away and every added or moved one stays put for HoldFrames frames: no site of an event
        // takes part in another event of the next HoldFrames − 1 pairs (positions compared in the first frame's coordinates).
        var r = EventSequence.Simulate(new EventSequenceParameters(FrameCount: 8, DiameterNanometres: 1.5, GridPx: 96, PixelSizeAngstrom: 0.25, Seed: 9,
            HoldFrames: 3));
        var events = r.Events.Select(e => (e.FromFrame, X: e.XAngstrom - r.DriftAngstrom[e.FromFrame].X, Y: e.YAngstrom - r.DriftAngstrom[e.FromFrame].Y)).ToArray();
        Assert.Equal(21, events.Length);
        foreach (var a in events)
            foreach (var b in events.Where(b => b.FromFrame > a.FromFrame && b.FromFrame < a.FromFrame + 3))
                Assert.True(double.Hypot(a.X - b.X, a.Y - b.Y) > 0.5, $"events at pairs {a.FromFrame} and {b.FromFrame} share a site");
        Assert.Contains("hold", Assert.Throws<ArgumentException>(() => EventSequence.Simulate(new EventSequenceParameters(HoldFrames: 0))).Message);
    }
}
