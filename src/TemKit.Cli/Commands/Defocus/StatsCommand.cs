using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.Numerics.Statistics;
using TemKit.Pipelines.Defocus.Statistics;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>
/// `temkit stats RESULTS.csv --x COL --y COL...`: Pearson and Spearman correlations with p-values and a one-to-one
/// polynomial formula (degree by k-fold cross-validation) with R², written as JSON and SVG scatter plots.
/// </summary>
internal sealed class StatsCommand : ICliCommand
{
    public Command Build()
    {
        var csv = new Argument<string>("csv") { Description = "A CSV with a header row, e.g. RUN/results.csv" };
        var x = new Option<string>("--x") { Description = "Column used as x (numbers, or ISO 8601 times as hours after the first)", Required = true };
        var y = new Option<string[]>("--y") { Description = "One or more columns used as y", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for stats.json and the SVG plots (default: CSV folder/stats)" };
        var maxDegree = new Option<int>("--max-degree") { Description = "Highest polynomial degree tried", DefaultValueFactory = _ => 3 }.Whole(1, 6, "");
        var folds = new Option<int>("--folds") { Description = "Folds of the cross-validation", DefaultValueFactory = _ => 5 }.Whole(2, 1000, "folds");
        var cmd = new Command("stats", "Correlations (Pearson, Spearman with p-values) and a cross-validated polynomial formula between CSV columns") { csv, x, y, output, maxDegree, folds };
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(csv)!;
            int degree = parse.GetValue(maxDegree), k = parse.GetValue(folds);
            if (degree is < 1 or > 6) throw new UsageException("--max-degree must be in 1..6");
            if (k < 2) throw new UsageException("--folds must be ≥ 2");
            string dir = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "stats");
            OutputPaths.RequireFolder(dir, "--output");
            OutputPaths.RequireNotAnInput(Path.Combine(dir, "stats.json"), "--output", path);
            var table = CsvFiles.ReadTable(path);
            string xName = parse.GetValue(x)!;
            var xs = StatsAnalysis.Column(table, xName, path);
            var results = new List<StatsResult>();
            int failed = 0;
            foreach (string yName in parse.GetValue(y)!)
            {
                try
                {
                    var ys = StatsAnalysis.Column(table, yName, path);
                    var r = StatsAnalysis.Analyse(xName, xs, yName, ys, degree, k);
                    results.Add(r);
                    Directory.CreateDirectory(dir);
                    string plot = Path.Combine(dir, $"{Safe(yName)}_vs_{Safe(xName)}.svg");
                    OutputPaths.RequireNotAnInput(plot, "--output", path);
                    StatsAnalysis.Plot(r, xs, ys).Save(plot);
                }
                catch (Exception e) when (e is ArgumentException or TemKitFormatException)
                {
                    Console2.Error(e is ArgumentException a ? $"{Path.GetFileName(path)}: {ArgumentMessages.Plain(a)}" : e.Message);
                    failed++;
                }
            }
            Print(results);
            if (results.Count > 0)
            {
                string json = Path.Combine(dir, "stats.json");
                AtomicFile.WriteAllText(json, JsonSerializer.Serialize(results.Select(ToJson), new JsonSerializerOptions { WriteIndented = true }));
                Console.WriteLine($"mapping: {json}; plots: {dir}/*.svg");
            }
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static void Print(List<StatsResult> results)
    {
        Console.WriteLine($"{"y",-24} {"n",5} {"pearson r",10} {"p",10} {"spearman",10} {"p",10} {"degree",6} {"R²",7}  formula");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Y,-24} {r.Count,5} {r.Pearson.Coefficient,10:F4} {r.Pearson.PValue,10:G3} {r.Spearman.Coefficient,10:F4} {r.Spearman.PValue,10:G3} {r.Choice.Degree,6} {r.RSquared,7:F4}  {Formula(r)}"));
    }

    internal static string Formula(StatsResult r)
    {
        var c = r.Model.Coefficients;
        var terms = new List<string> { c[0].ToString("G6", CultureInfo.InvariantCulture) };
        for (int k = 1; k < c.Length; k++)
            terms.Add($"{c[k].ToString("G6", CultureInfo.InvariantCulture)}·x{(k > 1 ? "^" + k : "")}");
        return $"{r.Y} = " + string.Join(" + ", terms);
    }

    private static object ToJson(StatsResult r) => new Dictionary<string, object?>
    {
        ["x"] = r.X,
        ["y"] = r.Y,
        ["n"] = r.Count,
        ["pearson_r"] = Finite(r.Pearson.Coefficient),
        ["pearson_p"] = Finite(r.Pearson.PValue),
        ["spearman_rho"] = Finite(r.Spearman.Coefficient),
        ["spearman_p"] = Finite(r.Spearman.PValue),
        ["degree"] = r.Choice.Degree,
        ["cv_folds"] = r.Choice.Folds,
        ["cv_mse_by_degree"] = r.Choice.MeanSquaredError.Select(Finite).ToArray(),
        ["cv_standard_error_by_degree"] = r.Choice.StandardError.Select(Finite).ToArray(),
        ["coefficients"] = r.Model.Coefficients,
        ["coefficients_note"] = "y = c0 + c1*x + c2*x^2 + ...",
        ["x_mean"] = r.Model.XMean,
        ["x_scale"] = r.Model.XScale,
        ["standardised_coefficients"] = r.Model.StandardisedCoefficients,
        ["standardised_note"] = "y = a0 + a1*u + a2*u^2 + ..., u = (x - x_mean)/x_scale (better conditioned)",
        ["r2"] = Finite(r.RSquared),
        ["formula"] = Formula(r),
    };

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' ? ch : '_'));
}
