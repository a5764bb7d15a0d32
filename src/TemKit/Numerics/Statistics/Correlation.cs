using MathNet.Numerics.Distributions;

namespace TemKit.Numerics.Statistics;

/// <summary>A correlation coefficient with its two-sided p-value.</summary>
/// <param name="Coefficient">Pearson r or Spearman ρ (−1..1).</param>
/// <param name="PValue">Two-sided p-value of "no correlation" (t-test with n − 2 degrees of freedom).</param>
/// <param name="Count">Number of pairs.</param>
public sealed record CorrelationResult(double Coefficient, double PValue, int Count);

/// <summary>Pearson and Spearman correlations with p-values.</summary>
public static class Correlation
{
    /// <summary>Pearson's r of two images of equal length (pixel by pixel, accumulated in double); no p-value.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double PearsonOfPixels(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"images of {a.Length} and {b.Length} pixels cannot be correlated");
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length; mb /= b.Length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>
    /// Pearson's r with the two-sided p-value of t = r·sqrt((n − 2)/(1 − r²)) under Student's t with n − 2 degrees of
    /// freedom (exact for bivariate normal data; the same p-value as scipy.stats.pearsonr).
    /// </summary>
    public static CorrelationResult Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Check(x, y);
        int n = x.Count;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double r = sxx > 0 && syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1) : double.NaN;
        return new CorrelationResult(r, PValue(r, n), n);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks (ties get their average rank), p-value by the same t-test.</summary>
    public static CorrelationResult Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Check(x, y);
        var r = Pearson(Ranks(x), Ranks(y));
        return r with { PValue = PValue(r.Coefficient, x.Count) };
    }

    /// <summary>1-based ranks with ties averaged.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) j++;
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = average;
            i = j + 1;
        }
        return ranks;
    }

    private static double PValue(double r, int n)
    {
        if (double.IsNaN(r) || n < 3) return double.NaN;
        if (Math.Abs(r) >= 1) return 0;
        double t = r * Math.Sqrt((n - 2) / (1 - r * r));
        return 2 * StudentT.CDF(0, 1, n - 2, -Math.Abs(t));
    }

    private static void Check(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values, y {y.Count}");
        if (x.Count < 3) throw new ArgumentException($"a correlation needs at least 3 pairs, got {x.Count}");
    }
}
