using System.Globalization;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.Numerics.Statistics;
using TemKit.Plotting;

namespace TemKit.Pipelines.Defocus.Statistics;

/// <summary>The statistics of one y column against x (seed weeks 7-8).</summary>
/// <param name="X">Name of the x column.</param>
/// <param name="Y">Name of the y column.</param>
/// <param name="Count">Pairs with both values finite.</param>
/// <param name="Pearson">Pearson r and p-value.</param>
/// <param name="Spearman">Spearman ρ and p-value.</param>
/// <param name="Choice">Cross-validated degree choice.</param>
/// <param name="Model">Polynomial y(x) of the chosen degree fitted to all pairs.</param>
/// <param name="RSquared">R² of <paramref name="Model"/> on all pairs.</param>
public sealed record StatsResult(string X, string Y, int Count, CorrelationResult Pearson, CorrelationResult Spearman, DegreeChoice Choice, PolynomialModel Model, double RSquared);

/// <summary>Reads numeric (or ISO 8601 time) columns of a CSV and computes <see cref="StatsResult"/>s.</summary>
public static class StatsAnalysis
{
    /// <summary>
    /// Values of column <paramref name="name"/>: numbers as they are; ISO 8601 times as hours after the earliest one;
    /// empty or unparsable cells as NaN. Rows whose status column (if any) is not "ok" are NaN.
    /// </summary>
    public static double[] Column(CsvTable table, string name, string path)
    {
        int c = table.ColumnIndex(name);
        if (c < 0) throw new TemKitFormatException(path, $"no column '{name}' (columns: {string.Join(", ", table.Headers)})");
        int status = table.ColumnIndex("status");
        var values = new double[table.Rows.Count];
        var times = new DateTimeOffset?[table.Rows.Count];
        bool anyTime = false;
        for (int i = 0; i < values.Length; i++)
        {
            string cell = table.Rows[i][c];
            values[i] = double.NaN;
            if (status >= 0 && table.Rows[i][status] != DefocusResult.StatusOk) continue;
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) values[i] = v;
            else if (cell.Contains('T') && DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) { times[i] = t; anyTime = true; }
        }
        if (anyTime)
        {
            var first = times.Where(t => t.HasValue).Min()!.Value;
            for (int i = 0; i < values.Length; i++) if (times[i] is { } t) values[i] = (t - first).TotalHours;
        }
        return values;
    }

    /// <summary>Statistics of <paramref name="y"/> against <paramref name="x"/> over the pairs where both are finite.</summary>
    public static StatsResult Analyse(string xName, double[] x, string yName, double[] y, int maxDegree = 3, int folds = 5)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Length; i++)
            if (double.IsFinite(x[i]) && double.IsFinite(y[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        if (xs.Count < 3) throw new ArgumentException($"{yName} against {xName}: only {xs.Count} rows have both values; at least 3 are needed");
        int max = Math.Max(1, Math.Min(maxDegree, xs.Distinct().Count() - 1));
        var choice = CrossValidation.ChooseDegree(xs, ys, max, folds);
        var model = PolynomialModel.Fit(xs, ys, choice.Degree);
        return new StatsResult(xName, yName, xs.Count, Correlation.Pearson(xs, ys), Correlation.Spearman(xs, ys), choice, model, model.RSquared(xs, ys));
    }

    /// <summary>A scatter plot of the pairs with the fitted polynomial.</summary>
    public static SvgPlot Plot(StatsResult r, double[] x, double[] y)
    {
        var plot = new SvgPlot($"{r.Y} against {r.X}: degree {r.Choice.Degree}, R² = {r.RSquared:F3}", r.X, r.Y);
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Length; i++) if (double.IsFinite(x[i]) && double.IsFinite(y[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        plot.AddScatter("images", xs, ys);
        double lo = xs.Min(), hi = xs.Max();
        var fx = Enumerable.Range(0, 101).Select(i => lo + (hi - lo) * i / 100).ToArray();
        plot.AddLine("fit", fx, fx.Select(r.Model.Evaluate).ToArray());
        return plot;
    }
}
