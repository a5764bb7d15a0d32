namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>One operating point: a frame is called positive when its score is ≥ <see cref="Threshold"/>.</summary>
/// <param name="Threshold">Score threshold.</param>
/// <param name="TruePositiveRate">Fraction of positives called positive.</param>
/// <param name="FalsePositiveRate">Fraction of negatives called positive.</param>
public readonly record struct RocPoint(double Threshold, double TruePositiveRate, double FalsePositiveRate);

/// <summary>
/// Receiver operating characteristic of a score (higher = more likely positive): all operating points, the area under
/// the curve (= the probability that a random positive scores above a random negative, ties counting ½; Hanley &amp;
/// McNeil 1982) and the threshold maximising Youden's J = TPR − FPR.
/// </summary>
/// <param name="Points">Operating points from the highest threshold down (starting at TPR = FPR = 0).</param>
/// <param name="Auc">Area under the curve.</param>
/// <param name="BestThreshold">Threshold with the largest TPR − FPR (the midpoint between that score and the next lower one).</param>
/// <param name="Positives">Number of positives.</param>
/// <param name="Negatives">Number of negatives.</param>
public sealed record RocCurve(IReadOnlyList<RocPoint> Points, double Auc, double BestThreshold, int Positives, int Negatives)
{
    /// <summary>The ROC of <paramref name="positives"/> against <paramref name="negatives"/> (NaN auc when either is empty).</summary>
    public static RocCurve From(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.Count == 0 || negatives.Count == 0) return new RocCurve([], double.NaN, double.NaN, positives.Count, negatives.Count);
        double wins = 0;
        foreach (double p in positives)
            foreach (double n in negatives)
                wins += p > n ? 1 : p == n ? 0.5 : 0;
        var thresholds = positives.Concat(negatives).Distinct().OrderDescending().ToList();
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        double bestJ = double.NegativeInfinity, best = double.NaN;
        for (int i = 0; i < thresholds.Count; i++)
        {
            double t = thresholds[i];
            double tpr = positives.Count(p => p >= t) / (double)positives.Count, fpr = negatives.Count(n => n >= t) / (double)negatives.Count;
            points.Add(new RocPoint(t, tpr, fpr));
            if (tpr - fpr > bestJ)
            {
                bestJ = tpr - fpr;
                double next = i + 1 < thresholds.Count ? thresholds[i + 1] : t - 1;
                best = double.IsInfinity(next) || double.IsInfinity(t) ? t : 0.5 * (t + next);
            }
        }
        return new RocCurve(points, wins / ((double)positives.Count * negatives.Count), best, positives.Count, negatives.Count);
    }
}
