namespace TemKit.Pipelines.Columns;

/// <summary>Detected events against true ones: same frame pair, same kind, positions within a radius.</summary>
/// <param name="TrueEvents">Number of true events.</param>
/// <param name="DetectedEvents">Number of detected events.</param>
/// <param name="Matched">Detected events matched one-to-one to a true event.</param>
public sealed record EventScore(int TrueEvents, int DetectedEvents, int Matched)
{
    /// <summary>Matched / detected (1 when nothing was detected).</summary>
    public double Precision => DetectedEvents == 0 ? 1 : (double)Matched / DetectedEvents;
    /// <summary>Matched / true (1 when there is nothing to find).</summary>
    public double Recall => TrueEvents == 0 ? 1 : (double)Matched / TrueEvents;

    /// <summary>Scores <paramref name="detected"/> against <paramref name="truth"/> within <paramref name="radiusAngstrom"/>.</summary>
    public static EventScore Of(IReadOnlyList<ColumnEvent> truth, IReadOnlyList<ColumnEvent> detected, double radiusAngstrom = 1.0)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detected);
        int matched = 0;
        foreach (var group in truth.GroupBy(e => (e.FromFrame, e.Kind)))
        {
            var mine = detected.Where(e => e.FromFrame == group.Key.FromFrame && e.Kind == group.Key.Kind).Select(e => (e.XAngstrom, e.YAngstrom)).ToArray();
            matched += ColumnMatching.Match([.. group.Select(e => (e.XAngstrom, e.YAngstrom))], mine, radiusAngstrom).TruePositives;
        }
        return new EventScore(truth.Count, detected.Count, matched);
    }
}
