using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using TemKit.IO;
using TemKit.Neural.Models;

namespace TemKit.Pipelines.Species;

/// <summary>Scores of a species model on one simulated focal-series dataset.</summary>
/// <param name="Dataset">Dataset folder.</param>
/// <param name="Triplets">Triplets scored.</param>
/// <param name="MeanDoseElectronsPerAngstrom2">Mean image dose of the dataset (e/Å²).</param>
/// <param name="Matching">Summed confusion of matched columns (row = truth, column = prediction, 0 = none).</param>
/// <param name="VacancyMeanAbsoluteError">Mean |predicted − true| X₁ count per triplet.</param>
/// <param name="VacancyBias">Mean (predicted − true) X₁ count per triplet.</param>
/// <param name="MeanTrueVacancies">Mean true X₁ count per triplet (in the analysed area).</param>
/// <param name="SecondsPerTriplet">Mean analysis time per triplet (s): normalisation, inference, peaks.</param>
public sealed record SpeciesScore(string Dataset, int Triplets, double MeanDoseElectronsPerAngstrom2, ColumnMatching Matching,
    double VacancyMeanAbsoluteError, double VacancyBias, double MeanTrueVacancies, double SecondsPerTriplet);

/// <summary>
/// Scores a species model on datasets written by <c>temkit simulate dataset --kind focal-series</c>: every triplet is
/// analysed like <see cref="SpeciesRun.Analyse"/> (frames already registered, so without registration), detected
/// columns are matched to the true ones of columns.csv within a tolerance, and the per-triplet X₁ count is compared
/// with the truth. Columns within the finder's edge margin are left out of both sides.
/// </summary>
public static class SpeciesValidation
{
    /// <summary>Scores <paramref name="network"/> on one dataset folder; <paramref name="toleranceAngstrom"/> is the match distance.</summary>
    public static SpeciesScore Score(ISegmentationNetwork network, string datasetFolder, ColumnFinderOptions finder, double toleranceAngstrom = 0.5, int maxTriplets = int.MaxValue)
    {
        var triplets = FocalSeriesInput.Read([Path.Combine(datasetFolder, "images.mrc")]);
        var truth = ReadTruth(Path.Combine(datasetFolder, "columns.csv"));
        var (pixelSizes, doses) = ReadParams(Path.Combine(datasetFolder, "params.csv"), triplets.Count);
        var options = new SpeciesOptions(finder, Register: false);
        var matchings = new List<ColumnMatching>();
        double absError = 0, bias = 0, trueSum = 0;
        int n = Math.Min(maxTriplets, triplets.Count);
        long start = Stopwatch.GetTimestamp();
        for (int t = 0; t < n; t++)
        {
            double px = pixelSizes[t];
            var frame = SpeciesRun.Analyse(network, triplets[t] with { PixelSizeAngstrom = px }, t, options);
            double margin = finder.EdgeMarginAngstrom / px;
            var inside = (truth.TryGetValue(t, out var list) ? list : [])
                .Where(c => c.X >= margin && c.Y >= margin && c.X <= frame.Width - 1 - margin && c.Y <= frame.Height - 1 - margin).ToList();
            matchings.Add(ColumnMatching.Match(frame.Columns, inside, network.Classes, toleranceAngstrom / px));
            int trueVacancies = inside.Count(c => c.ClassIndex == SpeciesCounts.SingleClass);
            absError += Math.Abs(frame.Counts.Vacancies - trueVacancies);
            bias += frame.Counts.Vacancies - trueVacancies;
            trueSum += trueVacancies;
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds / n;
        return new SpeciesScore(datasetFolder, n, doses.Take(n).Average(), ColumnMatching.Sum(matchings), absError / n, bias / n, trueSum / n, seconds);
    }

    private static Dictionary<int, List<(int ClassIndex, double X, double Y)>> ReadTruth(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found (a focal-series dataset has columns.csv)");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new Dictionary<int, List<(int, double, double)>>();
        foreach (var r in csv.GetRecords<TemKit.Simulation.FocalSeries.ColumnRecord>())
        {
            if (!rows.TryGetValue(r.Triplet, out var list)) rows[r.Triplet] = list = [];
            list.Add((r.ClassIndex, r.XPx, r.YPx));
        }
        return rows;
    }

    private static (double[] PixelSizes, double[] Doses) ReadParams(string path, int triplets)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found (a focal-series dataset has params.csv)");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<TemKit.Simulation.FocalSeries.FocalSeriesRecord>().ToList();
        if (rows.Count != triplets) throw new TemKitFormatException(path, $"{rows.Count} rows for {triplets} triplets in images.mrc");
        return ([.. rows.Select(r => r.PixelSizeAngstrom)], [.. rows.Select(r => r.DoseElectronsPerAngstrom2)]);
    }
}
