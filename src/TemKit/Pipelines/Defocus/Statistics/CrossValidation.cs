namespace TemKit.Pipelines.Defocus.Statistics;

/// <summary>Mean squared prediction error of each degree and the degree chosen.</summary>
/// <param name="Degree">Chosen degree: the lowest whose error is within <see cref="CrossValidation.Tolerance"/> of the best.</param>
/// <param name="MeanSquaredError">k-fold mean squared prediction error per degree (index 0 = degree 1).</param>
/// <param name="Folds">Number of folds used.</param>
public sealed record DegreeChoice(int Degree, double[] MeanSquaredError, int Folds);

/// <summary>Chooses a polynomial degree by k-fold cross-validation.</summary>
public static class CrossValidation
{
    /// <summary>A higher degree must lower the cross-validated error by more than this fraction to be chosen.</summary>
    public const double Tolerance = 0.01;

    /// <summary>
    /// k-fold cross-validation of polynomial degrees 1..<paramref name="maxDegree"/>: points are shuffled with a fixed
    /// seed and dealt into <paramref name="folds"/> folds; each degree is fitted on k − 1 folds and scored on the held-out one.
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
        for (int d = 1; d <= maxDegree; d++)
        {
            double sum = 0;
            int count = 0;
            for (int f = 0; f < folds; f++)
            {
                var tx = new List<double>();
                var ty = new List<double>();
                for (int i = 0; i < n; i++) if (fold[i] != f) { tx.Add(x[i]); ty.Add(y[i]); }
                if (tx.Count <= d) { sum = double.NaN; break; }
                var model = PolynomialModel.Fit(tx, ty, d);
                for (int i = 0; i < n; i++)
                {
                    if (fold[i] != f) continue;
                    double e = y[i] - model.Evaluate(x[i]);
                    sum += e * e;
                    count++;
                }
            }
            mse[d - 1] = count > 0 ? sum / count : double.NaN;
        }
        double best = mse.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        int chosen = 1;
        for (int d = 1; d <= maxDegree; d++)
            if (double.IsFinite(mse[d - 1]) && mse[d - 1] <= best * (1 + Tolerance)) { chosen = d; break; }
        return new DegreeChoice(chosen, mse, folds);
    }
}
