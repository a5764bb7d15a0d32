namespace TemKit.Pipelines.Columns;

/// <summary>Detected columns matched one-to-one to true ones (<see cref="ColumnMatching.Match"/>).</summary>
/// <param name="Pairs">Matched (truth index, detection index, distance in Å).</param>
/// <param name="TruthCount">Number of true columns.</param>
/// <param name="DetectedCount">Number of detected columns.</param>
public sealed record ColumnMatch(IReadOnlyList<(int Truth, int Detected, double DistanceAngstrom)> Pairs, int TruthCount, int DetectedCount)
{
    /// <summary>Matched detections.</summary>
    public int TruePositives => Pairs.Count;
    /// <summary>Detections without a true column.</summary>
    public int FalsePositives => DetectedCount - Pairs.Count;
    /// <summary>True columns without a detection.</summary>
    public int FalseNegatives => TruthCount - Pairs.Count;
    /// <summary>TP / (TP + FP); 1 when nothing was detected.</summary>
    public double Precision => DetectedCount == 0 ? 1 : (double)TruePositives / DetectedCount;
    /// <summary>TP / (TP + FN); 1 when there is nothing to find.</summary>
    public double Recall => TruthCount == 0 ? 1 : (double)TruePositives / TruthCount;
    /// <summary>2TP / (2TP + FP + FN), the harmonic mean of precision and recall; 1 when both sets are empty.</summary>
    public double F1 => TruthCount + DetectedCount == 0 ? 1 : 2.0 * TruePositives / (TruthCount + DetectedCount);
    /// <summary>Root-mean-square distance of the matched pairs (Å; NaN without pairs).</summary>
    public double RmsErrorAngstrom => Pairs.Count == 0 ? double.NaN : Math.Sqrt(Pairs.Average(p => p.DistanceAngstrom * p.DistanceAngstrom));
}

/// <summary>
/// One-to-one matching of points within a radius, closest pairs first (Madsen et al. 2018 count a detection as correct
/// within 0.5 Å of a true column). With columns ≥ 2 Å apart and a radius ≤ 1 Å no point has two candidates, so closest-first
/// is the optimal assignment.
/// </summary>
public static class ColumnMatching
{
    /// <summary>Matches <paramref name="detected"/> to <paramref name="truth"/> (both in Å) within <paramref name="maxDistanceAngstrom"/>.</summary>
    public static ColumnMatch Match(IReadOnlyList<(double X, double Y)> truth, IReadOnlyList<(double X, double Y)> detected, double maxDistanceAngstrom = 0.5)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detected);
        if (!(maxDistanceAngstrom > 0)) throw new ArgumentException($"match distance must be > 0 Å, got {maxDistanceAngstrom}");
        var candidates = new List<(int T, int D, double Dist)>();
        var cells = new PointCells(detected, maxDistanceAngstrom);
        for (int t = 0; t < truth.Count; t++)
            foreach (var (d, e2) in cells.Within(truth[t].X, truth[t].Y))
                candidates.Add((t, d, Math.Sqrt(e2)));
        candidates.Sort((a, b) => a.Dist != b.Dist ? a.Dist.CompareTo(b.Dist) : a.T != b.T ? a.T.CompareTo(b.T) : a.D.CompareTo(b.D));
        var usedT = new bool[truth.Count];
        var usedD = new bool[detected.Count];
        var pairs = new List<(int, int, double)>();
        foreach (var (t, d, dist) in candidates)
        {
            if (usedT[t] || usedD[d]) continue;
            usedT[t] = usedD[d] = true;
            pairs.Add((t, d, dist));
        }
        return new ColumnMatch(pairs, truth.Count, detected.Count);
    }
}
