using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.DoseLimits;

namespace TemKit.Cli.Commands.DoseLimits;

/// <summary><c>temkit dose-limits</c>: parses the options, runs <see cref="DoseLimitRun"/>, prints the summary table.</summary>
internal sealed class DoseLimitsCommand : ICliCommand
{
    public Command Build()
    {
        var models = new Argument<string[]>("models") { Description = "Model files written by `temkit train` (.tkm), one or more", Arity = ArgumentArity.OneOrMore };
        var series = new Option<string>("--series") { Description = "The dose series: any stack TemKit reads (MRC, DM3/DM4, TIFF, ...), frames in any dose order", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Run folder: frames.csv, summary.csv, area_vs_dose.svg, f1_vs_dose.svg, f1_histogram.svg, overlays/, report.html", Required = true };
        var doses = new Option<string?>("--doses") { Description = "Per-frame dose CSV (columns frame and dose_e_per_A2 or dose_e_per_px); default: frames.csv beside the series, else a SerialEM .mdoc beside it (ExposureDose, e/Å²), else the flagged Dose of an FEI1/FEI2 MRC extended header; exposure times are not used" };
        var masks = new Option<string?>("--masks") { Description = "Exact 0/1 mask stack (same size as the series): target area = mask, plus F1/precision/recall; without it the last frame's segmentation is the target" };
        var threshold = new Option<double>("--threshold") { Description = "Foreground probability at or above which a pixel is segmented", DefaultValueFactory = _ => 0.9 }.Within(new Limits(0, 1, "(probability)", MinExclusive: true));
        var smoothing = new Option<int>("--smoothing-frames") { Description = "Running median (frames, odd) over the area fraction before the 50 % and convergence doses are read; 1 = raw", DefaultValueFactory = _ => 9 }.Whole(1, 10001, "frames");
        var tolerance = new Option<double>("--convergence-tolerance") { Description = "Converged: the area stays within ± this fraction of the target (0.1 = 10 %)", DefaultValueFactory = _ => 0.1 }.Within(new Limits(0, 1, "(fraction)", MinExclusive: true));
        var overlayDose = new Option<double>("--overlay-dose-e-per-A2") { Description = "Dose of the overlay figure (e/Å²; nearest frame)", DefaultValueFactory = _ => 49.0 }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var pixelSize = new Option<double?>("--pixel-size-angstrom") { Description = "Pixel size of the series (Å/px), overriding the file header" }.Within(OpticsLimits.PixelSizeAngstrom);
        var command = new Command("dose-limits", "Dose limits of segmentation (Leth Larsen et al. sections 3.1-3.2): segmented area and F1 against frame dose, 50 % and convergence doses per model, plots and report")
        {
            models, series, output, doses, masks, threshold, smoothing, tolerance, overlayDose, pixelSize,
        };
        command.SetAction(parse =>
        {
            int frames = parse.GetValue(smoothing);
            if (frames % 2 == 0) throw new UsageException($"--smoothing-frames {frames}: must be odd");
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            string seriesPath = parse.GetValue(series)!;
            var modelPaths = parse.GetValue(models)!;
            foreach (string m in modelPaths) if (!File.Exists(m)) throw new UsageException($"{m}: model file not found");
            if (!File.Exists(seriesPath)) throw new UsageException($"--series {seriesPath}: file not found");
            if (parse.GetValue(doses) is { } d && !File.Exists(d)) throw new UsageException($"--doses {d}: file not found");
            if (parse.GetValue(masks) is { } mk && !File.Exists(mk)) throw new UsageException($"--masks {mk}: file not found");
            var inputs = modelPaths.Append(seriesPath).Concat(new[] { parse.GetValue(doses), parse.GetValue(masks) }.OfType<string>()).ToArray();
            OutputPaths.RequireNotAnInput(Path.Combine(run, "frames.csv"), "--output", inputs);
            var parameters = new DoseLimitRunParameters(modelPaths, seriesPath, parse.GetValue(doses), parse.GetValue(masks), parse.GetValue(pixelSize),
                new DoseLimitOptions
                {
                    Threshold = parse.GetValue(threshold), SmoothingFrames = frames, ConvergenceTolerance = parse.GetValue(tolerance),
                    OverlayDoseElectronsPerAngstrom2 = parse.GetValue(overlayDose),
                });
            string commandLine = "temkit " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var result = Console2.RunWithProgress(progress => DoseLimitRun.Run(parameters, run, progress, commandLine));
            Print(result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(DoseLimitRunResult result)
    {
        var a = result.Analysis;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{a.Models[0].Rows.Count} frames, {a.PixelSizeAngstrom:G4} Å/px, target: {(a.Models[0].TargetIsExact ? "exact masks" : "last frame's segmentation")}"));
        foreach (var m in a.Models)
        {
            string d50 = m.Measures.FiftyPercentDoseElectronsPerAngstrom2 is double x ? x.ToString("G4", inv) + " e/Å²" : "not reached";
            string dc = m.Measures.ConvergenceDoseElectronsPerAngstrom2 is double y ? y.ToString("G4", inv) + " e/Å²" : "not reached";
            string f1 = double.IsFinite(m.MeanF1) ? string.Create(inv, $", mean F1 {m.MeanF1:F3} (low dose {m.MeanF1LowDose:F3}, high dose {m.MeanF1HighDose:F3})") : "";
            Console.WriteLine($"{m.Name}: 50 % dose {d50}, converged {dc}{f1}");
        }
        Console.WriteLine($"summary: {result.SummaryCsv}");
        Console.WriteLine($"report: {result.ReportPath}");
    }
}
