using TemKit.Pipelines.Defocus.Report;
using TemKit.Numerics.Statistics;
using TemKit.Pipelines.Defocus.Statistics;

namespace TemKit.Tests.Numerics;

public class StatisticsTests
{
    private static readonly double[] s_x = [1.0, 2.0, 3.5, 4.0, 5.5, 6.0, 7.25, 8.0, 9.0, 10.5];
    private static readonly double[] s_y = [2.1, 3.9, 6.2, 8.8, 9.9, 12.5, 13.1, 17.0, 17.2, 21.9];
    private static readonly double[] s_y2 = [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.3, 8.0];

    /// <summary>Textbook r = Σ(x−x̄)(y−ȳ) / sqrt(Σ(x−x̄)² Σ(y−ȳ)²), written out independently.</summary>
    private static double NaivePearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double num = 0, dx = 0, dy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            num += (x[i] - mx) * (y[i] - my);
            dx += (x[i] - mx) * (x[i] - mx);
            dy += (y[i] - my) * (y[i] - my);
        }
        return num / Math.Sqrt(dx * dy);
    }

    [Fact]
    public void PearsonMatchesHandComputationAndScipyPValue()
    {
        var r = Correlation.Pearson(s_x, s_y);
        Assert.Equal(NaivePearson(s_x, s_y), r.Coefficient, 12);
        // scipy.stats.pearsonr(x, y) = (0.9901480323891291, 4.073111316008904e-08)
        Assert.Equal(0.9901480323891291, r.Coefficient, 12);
        Assert.Equal(4.073111316008904e-08, r.PValue, 1e-14);
        var r2 = Correlation.Pearson(s_x, s_y2);
        Assert.Equal(0.6210764173881944, r2.Coefficient, 12);
        Assert.Equal(0.05530757748878692, r2.PValue, 1e-9);
    }

    [Fact]
    public void SpearmanMatchesRankDifferenceFormulaAndScipy()
    {
        // Without ties ρ = 1 − 6 Σ d² / (n (n² − 1)), d = rank difference.
        int n = s_x.Length;
        var rx = s_x.Select(v => s_x.Count(o => o < v) + 1.0).ToArray();
        var ry = s_y2.Select(v => s_y2.Count(o => o < v) + 1.0).ToArray();
        double d2 = rx.Zip(ry, (a, b) => (a - b) * (a - b)).Sum();
        double naive = 1 - 6 * d2 / (n * (n * n - 1.0));
        var s = Correlation.Spearman(s_x, s_y2);
        Assert.Equal(naive, s.Coefficient, 12);
        // scipy.stats.spearmanr(x, y2) = (0.6606060606060605, 0.03758837757140939)
        Assert.Equal(0.03758837757140939, s.PValue, 1e-9);
    }

    [Fact]
    public void RanksAverageTies()
    {
        Assert.Equal([1.5, 1.5, 3.0, 5.0, 4.0], Correlation.Ranks([2.0, 2.0, 3.0, 9.0, 4.0]));
    }

    [Fact]
    public void CrossValidationChoosesQuadraticForQuadraticDataAndLinearForLinearData()
    {
        var rng = new Random(7);
        var x = Enumerable.Range(0, 60).Select(i => 1000 + 400.0 * i).ToArray();
        double Noise() => 0.02 * (rng.NextDouble() - 0.5);
        var quadratic = x.Select(v => 0.3 - 2e-5 * v + 6e-10 * v * v + Noise()).ToArray();
        var linear = x.Select(v => 0.3 - 2e-5 * v + Noise()).ToArray();
        Assert.Equal(2, CrossValidation.ChooseDegree(x, quadratic, 4).Degree);
        Assert.Equal(1, CrossValidation.ChooseDegree(x, linear, 4).Degree);
    }

    [Fact]
    public void PolynomialRecoversExactCubicCoefficientsInPowersOfX()
    {
        var x = Enumerable.Range(0, 12).Select(i => 5000 + 1000.0 * i).ToArray();
        double[] c = [2.0, -3e-4, 5e-9, -1e-13];
        var y = x.Select(v => c[0] + c[1] * v + c[2] * v * v + c[3] * v * v * v).ToArray();
        var model = PolynomialModel.Fit(x, y, 3);
        var got = model.Coefficients;
        for (int k = 0; k < 4; k++) Assert.Equal(c[k], got[k], Math.Abs(c[k]) * 1e-6);
        Assert.Equal(1.0, model.RSquared(x, y), 9);
        Assert.Equal(y[5], model.Evaluate(x[5]), 1e-9);
    }

    [Fact]
    public void RobustZMatchesDefinition()
    {
        double[] v = [10, 11, 12, 13, 100];
        // median 12, absolute deviations 2,1,0,1,88 -> MAD 1; z = 0.6745 (x − 12) / 1.
        var z = Outliers.RobustZ(v);
        Assert.Equal(0.6745 * 88, z[4], 12);
        Assert.Equal(-0.6745 * 2, z[0], 12);
        Assert.True(Math.Abs(z[4]) > Outliers.RobustZLimit && Math.Abs(z[2]) < Outliers.RobustZLimit);
    }

    [Fact]
    public void PearsonOfPixelsEqualsTheTextbookFormulaAndIsScaleAndOffsetFree()
    {
        var rng = new Random(7);
        float[] a = new float[257], b = new float[257];
        for (int i = 0; i < a.Length; i++) { a[i] = (float)rng.NextDouble(); b[i] = 0.5f * a[i] + (float)rng.NextDouble(); }
        double mx = a.Average(v => (double)v), my = b.Average(v => (double)v);
        double cov = a.Zip(b, (x, y) => (x - mx) * (y - my)).Sum();
        double expected = cov / Math.Sqrt(a.Sum(x => (x - mx) * (x - mx)) * b.Sum(y => (y - my) * (y - my)));
        Assert.Equal(expected, TemKit.Numerics.Statistics.Correlation.PearsonOfPixels(a, b), 1e-12);
        float[] scaled = a.Select(v => 3 * v + 5).ToArray();
        Assert.Equal(1.0, TemKit.Numerics.Statistics.Correlation.PearsonOfPixels(a, scaled), 1e-6);
        Assert.Throws<ArgumentException>(() => TemKit.Numerics.Statistics.Correlation.PearsonOfPixels(a, b.AsSpan(1)));
    }
}
