using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Numerics;
using TemKit.Pipelines.Species;

namespace TemKit.Cli.Commands.Species;

/// <summary><c>temkit species-validate</c>: scores a species model on simulated focal-series datasets (runs <see cref="SpeciesValidation"/>).</summary>
internal sealed class SpeciesValidateCommand : ICliCommand
{
    public Command Build()
    {
        var datasets = new Argument<string[]>("datasets") { Description = "Dataset folders written by 'temkit simulate dataset --kind focal-series' (e.g. one per dose)", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model", "-m") { Description = "Species model (3 channels; a 1-channel model is given the middle frame, for the single-image ablation)", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "CSV file of the scores (one row per dataset)" };
        var tolerance = SharedOptions.Renamed(new Option<double>("--match-tolerance-angstrom") { Description = "Largest distance (Å) between a detected and a true column to match them", DefaultValueFactory = _ => 0.5 }, "--match-tolerance-A").Within(Limits.Positive(10, "Å"));
        var margin = SharedOptions.Renamed(new Option<double>("--edge-margin-angstrom") { Description = "Ignore columns within this distance of the image edge (Å; the simulated cell's seam lies there)", DefaultValueFactory = _ => 2.0 }, "--edge-margin-A").Within(Limits.NonNegative(1000, "Å"));
        var threshold = new Option<double>("--threshold") { Description = "Lowest class probability accepted as a column peak", DefaultValueFactory = _ => 0.3 }.Within(new Limits(0, 1, "(probability)", MinExclusive: true, MaxExclusive: true));
        var max = new Option<int?>("--max-triplets") { Description = "Score at most this many triplets per dataset (default: all)" }.Whole(1, 10_000_000, "triplets");
        var cmd = new Command("species-validate", "Score a species model on simulated focal-series datasets: per-class precision/recall and confusion (match within 0.5 Å), S1-vs-S2 accuracy, vacancy-count MAE and bias")
        {
            datasets, model, output, tolerance.Option, margin.Option, threshold, max,
        };
        tolerance.AddLegacyTo(cmd);
        margin.AddLegacyTo(cmd);
        cmd.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!;
            var checkpoint = ModelFile.Load(modelPath);
            if (checkpoint.Network.Classes < 4) throw new TemKitFormatException(modelPath, $"the model has {checkpoint.Network.Classes} classes; scoring needs background, metal, X2, X1 (4)");
            var names = SpeciesRun.ClassNamesOf(checkpoint);
            var finder = new ColumnFinderOptions(parse.GetValue(threshold), 1.0, margin.Get(parse));
            var inv = CultureInfo.InvariantCulture;
            var lines = new List<string> { "dataset,triplets,dose_e_per_A2," + string.Join(",", names.Skip(1).SelectMany(n => new[] { $"precision_{n}", $"recall_{n}" }))
                + ",s1_vs_s2_accuracy,s1_vs_s2_balanced_accuracy,vacancy_mae,vacancy_bias,true_vacancies_per_triplet,seconds_per_triplet,confusion_true_by_predicted" };
            foreach (var ds in parse.GetValue(datasets)!)
            {
                var s = SpeciesValidation.Score(checkpoint.Network, ds, finder, tolerance.Get(parse), parse.GetValue(max) ?? int.MaxValue);
                var m = s.Matching;
                string confusion = string.Join(" | ", Enumerable.Range(0, m.Classes).Select(t => string.Join(" ", Enumerable.Range(0, m.Classes).Select(p => m.Confusion[t, p].ToString(inv)))));
                lines.Add(string.Join(",", Path.GetFileName(Path.TrimEndingDirectorySeparator(ds)), s.Triplets.ToString(inv), s.MeanDoseElectronsPerAngstrom2.ToString("G4", inv),
                    string.Join(",", Enumerable.Range(1, m.Classes - 1).SelectMany(c => new[] { m.Precision(c).ToString("F4", inv), m.Recall(c).ToString("F4", inv) })),
                    m.PairAccuracy(2, 3).ToString("F4", inv), m.PairBalancedAccuracy(2, 3).ToString("F4", inv),
                    s.VacancyMeanAbsoluteError.ToString("F3", inv), s.VacancyBias.ToString("F3", inv), s.MeanTrueVacancies.ToString("F2", inv), s.SecondsPerTriplet.ToString("F3", inv), confusion));
                Console.WriteLine(string.Create(inv, $"{ds}: {s.Triplets} triplets at {s.MeanDoseElectronsPerAngstrom2:G3} e/Å²; ")
                    + string.Join(", ", Enumerable.Range(1, m.Classes - 1).Select(c => string.Create(inv, $"{names[c]} P {m.Precision(c):F3} R {m.Recall(c):F3}")))
                    + string.Create(inv, $"; S1 vs S2 accuracy {m.PairAccuracy(2, 3):F3} (balanced {m.PairBalancedAccuracy(2, 3):F3}); vacancies MAE {s.VacancyMeanAbsoluteError:F2}, bias {s.VacancyBias:+0.00;-0.00} per triplet (truth {s.MeanTrueVacancies:F1}); {s.SecondsPerTriplet:F2} s/triplet")
                    + $"; confusion (true rows bg,{string.Join(",", names.Skip(1))} x predicted): {confusion}");
            }
            if (parse.GetValue(output) is string csv) AtomicFile.WriteAllText(csv, string.Join('\n', lines) + "\n");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
