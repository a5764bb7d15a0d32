namespace TemKit.Pipelines.Species;

/// <summary>
/// Detected columns matched one-to-one to true columns within a distance (closest pairs first), with the confusion
/// matrix: row = true class, column = predicted class; row 0 counts false detections, column 0 missed columns.
/// </summary>
/// <param name="Confusion">Counts [true, predicted] over classes 0..K−1.</param>
public sealed record ColumnMatching(long[,] Confusion)
{
    /// <summary>Matches <paramref name="detected"/> to <paramref name="truth"/> (positions in px) within <paramref name="tolerancePixels"/>.</summary>
    public static ColumnMatching Match(IReadOnlyList<DetectedColumn> detected, IReadOnlyList<(int ClassIndex, double X, double Y)> truth, int classes, double tolerancePixels)
    {
        var pairs = new List<(double D2, int T, int P)>();
        double tol2 = tolerancePixels * tolerancePixels;
        for (int t = 0; t < truth.Count; t++)
            for (int p = 0; p < detected.Count; p++)
            {
                double dx = truth[t].X - detected[p].XPx, dy = truth[t].Y - detected[p].YPx, d2 = dx * dx + dy * dy;
                if (d2 <= tol2) pairs.Add((d2, t, p));
            }
        pairs.Sort((a, b) => a.D2.CompareTo(b.D2));
        var usedT = new bool[truth.Count];
        var usedP = new bool[detected.Count];
        var m = new long[classes, classes];
        foreach (var (_, t, p) in pairs)
        {
            if (usedT[t] || usedP[p]) continue;
            usedT[t] = usedP[p] = true;
            m[truth[t].ClassIndex, detected[p].ClassIndex]++;
        }
        for (int t = 0; t < truth.Count; t++) if (!usedT[t]) m[truth[t].ClassIndex, 0]++;
        for (int p = 0; p < detected.Count; p++) if (!usedP[p]) m[0, detected[p].ClassIndex]++;
        return new ColumnMatching(m);
    }

    /// <summary>Element-wise sum of confusion matrices of the same size.</summary>
    public static ColumnMatching Sum(IEnumerable<ColumnMatching> parts)
    {
        long[,]? total = null;
        foreach (var part in parts)
        {
            total ??= new long[part.Classes, part.Classes];
            for (int i = 0; i < part.Classes; i++) for (int j = 0; j < part.Classes; j++) total[i, j] += part.Confusion[i, j];
        }
        return new ColumnMatching(total ?? new long[1, 1]);
    }

    /// <summary>Number of classes K.</summary>
    public int Classes => Confusion.GetLength(0);

    /// <summary>Of the columns predicted as class c, the fraction that are true class-c columns.</summary>
    public double Precision(int c)
    {
        long predicted = 0;
        for (int t = 0; t < Classes; t++) predicted += Confusion[t, c];
        return predicted > 0 ? (double)Confusion[c, c] / predicted : double.NaN;
    }

    /// <summary>Of the true class-c columns, the fraction found and typed as c.</summary>
    public double Recall(int c)
    {
        long real = 0;
        for (int p = 0; p < Classes; p++) real += Confusion[c, p];
        return real > 0 ? (double)Confusion[c, c] / real : double.NaN;
    }

    /// <summary>Among matched true columns of classes <paramref name="a"/> and <paramref name="b"/> that were typed as
    /// a or b, the fraction typed correctly (e.g. S₁ vs S₂).</summary>
    public double PairAccuracy(int a, int b)
    {
        long right = Confusion[a, a] + Confusion[b, b], all = right + Confusion[a, b] + Confusion[b, a];
        return all > 0 ? (double)right / all : double.NaN;
    }

    /// <summary>Mean of the two conditional recalls of <see cref="PairAccuracy"/> (insensitive to how rare one class is).</summary>
    public double PairBalancedAccuracy(int a, int b)
    {
        long na = Confusion[a, a] + Confusion[a, b], nb = Confusion[b, b] + Confusion[b, a];
        if (na == 0 || nb == 0) return double.NaN;
        return 0.5 * ((double)Confusion[a, a] / na + (double)Confusion[b, b] / nb);
    }
}
