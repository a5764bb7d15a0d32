using TemKit.Pipelines.Columns;

namespace TemKit.Tests.Pipelines.Columns;

public class EventSequenceTests
{
    [Fact]
    public void TrueEventsAgreeWithTheTrueColumnsOfBothFrames()
    {
        var r = EventSequence.Simulate(new EventSequenceParameters(FrameCount: 2, DiameterNanometres: 1.5, GridPx: 96, PixelSizeAngstrom: 0.25, Seed: 3));
        Assert.Equal(2, r.Frames.Nz);
        Assert.Equal(3, r.Events.Count);
        double ddx = r.DriftAngstrom[1].X - r.DriftAngstrom[0].X, ddy = r.DriftAngstrom[1].Y - r.DriftAngstrom[0].Y;
        bool In(int frame, double x, double y) => r.Columns[frame].Any(c => double.Hypot(c.XAngstrom - x, c.YAngstrom - y) < 0.1);
        var gone = Assert.Single(r.Events, e => e.Kind == ColumnEventKind.Disappeared);
        Assert.True(In(0, gone.XAngstrom, gone.YAngstrom) && !In(1, gone.XAngstrom + ddx, gone.YAngstrom + ddy));
        var added = Assert.Single(r.Events, e => e.Kind == ColumnEventKind.Appeared);
        Assert.True(!In(0, added.XAngstrom, added.YAngstrom) && In(1, added.XAngstrom + ddx, added.YAngstrom + ddy));
        var moved = Assert.Single(r.Events, e => e.Kind == ColumnEventKind.Moved);
        Assert.True(In(1, moved.XAngstrom + ddx, moved.YAngstrom + ddy));
        Assert.Contains(r.Columns[0], c => Math.Abs(double.Hypot(c.XAngstrom - moved.XAngstrom, c.YAngstrom - moved.YAngstrom) - 0.8) < 1e-6);
        // Every other column of frame 0 is in frame 1, moved by the drift step.
        Assert.Equal(r.Columns[0].Length, r.Columns[1].Length);
        Assert.All(r.Frames.Frame(1).ToArray(), v => Assert.True(float.IsFinite(v) && v >= 0));
    }
}
