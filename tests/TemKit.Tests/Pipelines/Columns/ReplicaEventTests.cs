using TemKit.Pipelines.Columns;
using TemKit.Simulation.Datasets;

namespace TemKit.Tests.Pipelines.Columns;

/// <summary>
/// At the seed paper's experimental-replica conditions (Scherzer-like underfocus, small blur) the surface columns whose
/// diffusion events are scored have contrast; at Gaussian focus (the simulator's default) the thin ones have almost none.
/// Checked with the simplest detector (Gaussian filter, no network) and the tracker on a short sequence.
/// </summary>
public class ReplicaEventTests
{
    private static EventScore Score(DatasetRanges? conditions)
    {
        var r = EventSequence.Simulate(new EventSequenceParameters(FrameCount: 3, DiameterNanometres: 1.5, GridPx: 160, PixelSizeAngstrom: 0.15,
            DoseElectronsPerAngstrom2: 1000, Seed: 5, Conditions: conditions));
        var frames = Enumerable.Range(0, r.Frames.Nz).Select(r.Frames.FrameImage).ToArray();
        var baseline = new BaselineOptions(FilterSigmaAngstrom: 0.5, ThresholdSigma: 1.0, MinSpacingAngstrom: 1.5);
        var columns = frames.Select(IReadOnlyList<DetectedColumn> (f) => BaselineColumns.Detect(f, baseline)).ToArray();
        var options = new TrackingOptions(MoveThresholdAngstrom: 0.4);
        var pairs = ColumnTracker.Track(frames, columns, options);
        return EventScore.Of(r.Events, [.. pairs.SelectMany(p => p.Events)], options.MatchRadiusAngstrom);
    }

    [Fact]
    public void BaselineFindsMostEventsAtTheReplicaConditionsAndFewerAtGaussianFocus()
    {
        var replica = Score(DatasetRanges.ExperimentalReplica);
        var focus = Score(null);
        Assert.Equal(6, replica.TrueEvents);
        // Measured: all 6 found with 7 detected at the replica conditions; 4 of 6 with 20 detected at Gaussian focus.
        Assert.True(replica.Matched == 6 && replica.DetectedEvents <= 8, $"replica: {replica.Matched} of 6 true events, {replica.DetectedEvents} detected");
        Assert.True(focus.Matched < 6 && focus.DetectedEvents > 2 * focus.Matched, $"Gaussian focus: {focus.Matched} of 6, {focus.DetectedEvents} detected");
    }
}
