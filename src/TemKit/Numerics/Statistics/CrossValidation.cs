namespace TemKit.Numerics.Statistics;

/// <summary>Cross-validated prediction error of each degree and the degree chosen.</summary>
/// <param name="Degree">Chosen degree (one-standard-error rule).</param>
/// <param name="MeanSquaredError">k-fold mean squared prediction error per degree (index 0 = degree 1).</param>
/// <param name="StandardError">Standard error of that mean over the folds, per degree.</param>
/// <param name="Folds">Number of folds used.</param>
public sealed record DegreeChoice(int Degree, double[] MeanSquaredError, double[] StandardError, int Folds);

/// <summary>Chooses a polynomial degree by k-fold cross-validation.</summary>
public static class CrossValidation
{
    /// <summary>
    /// k-fold cross-validation of polynomial degrees 1..<paramref name="maxDegree"/>: points are shuffled with a fixed
    /// seed and dealt into <paramref name="folds"/> folds; each degree is fitted on k − 1 folds and scored on the
    /// held-out one. The chosen degree is the lowest whose mean error is within one standard error of the best
    /// (the one-standard-error rule, Hastie, Tibshirani &amp; Friedman, Elements of Statistical Learning §7.10), so a
    /// higher degree must earn its place by more than the fold-to-fold noise.
    /// </summary>
    public static DegreeChoice ChooseDegree(IReadOnlyList<double> x, IReadOnlyList<double> y, int maxDegree = 3, int folds = 5, int seed = 12345)
    {
        int n = x.Count;
        if (n != y.Count) throw new ArgumentException($"x has {n} values, y {y.Count}");
        folds = Math.Min(folds, n);
        if (folds < 2) throw new ArgumentException($"cross-validation needs at least 2 points, got {n}");
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[n];
        for (int i = 0; i < n; i++) fold[order[i]] = i % folds;
        var mse = new double[maxDegree];
        var se = new double[maxDegree];
        for (int d = 1; d <= maxDegree; d++)
        {
            var perFold = new double[folds];
            for (int f = 0; f < folds && !double.IsNaN(perFold[0]); f++)
            {
                var tx = new List<double>();
                var ty = new List<double>();
                for (int i = 0; i < n; i++) if (fold[i] != f) { tx.Add(x[i]); ty.Add(y[i]); }
                if (tx.Count <= d) { perFold[0] = double.NaN; break; }
                var model = PolynomialModel.Fit(tx, ty, d);
                double sum = 0;
                int count = 0;
                for (int i = 0; i < n; i++)
                {
                    if (fold[i] != f) continue;
                    double e = y[i] - model.Evaluate(x[i]);
                    sum += e * e;
                    count++;
                }
                perFold[f] = sum / count;
            }
            mse[d - 1] = perFold.Average();
            double variance = perFold.Sum(v => (v - mse[d - 1]) * (v - mse[d - 1])) / (folds - 1);
            se[d - 1] = Math.Sqrt(variance / folds);
        }
        int best = -1;
        for (int d = 0; d < maxDegree; d++)
            if (double.IsFinite(mse[d]) && (best < 0 || mse[d] < mse[best])) best = d;
        if (best < 0) return new DegreeChoice(1, mse, se, folds);
        int chosen = best + 1;
        for (int d = 0; d < best; d++)
            if (double.IsFinite(mse[d]) && mse[d] <= mse[best] + se[best]) { chosen = d + 1; break; }
        return new DegreeChoice(chosen, mse, se, folds);
    }
}
