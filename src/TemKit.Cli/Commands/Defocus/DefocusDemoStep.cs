using System.Globalization;
using Spectre.Console;
using TemKit.Cli.Commands.Demo;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Simulation;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>
/// Demo step 20: simulates micrographs of an amorphous film with known defocus and astigmatism (weak-phase film, CTF
/// with envelope, Poisson noise, MRC files), runs the whole defocus pipeline on them and prints estimated against true
/// defocus, with the location of the report.
/// </summary>
internal sealed class DefocusDemoStep : IDemoStep
{
    public int Order => 20;

    public string Title => "Defocus pipeline";

    public string Run(string folder, DemoOptions options)
    {
        var dataset = new DefocusDatasetOptions
        {
            Count = options.Quick ? 3 : 6,
            SizePx = options.Quick ? 512 : 1024,
            PixelSizeAngstrom = 1.0,
            MinDefocusAngstrom = 6000,
            MaxDefocusAngstrom = 30000,
            MaxAstigmatismFraction = 0.06,
            DoseElectronsPerAngstrom2 = 20,
            Seed = options.Seed,
        };
        // The step calls the library jobs directly (the same ones the commands call); it prints the equivalent commands.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  $ temkit defocus-simulate -o data --count {dataset.Count} --size-px {dataset.SizePx} --min-defocus-angstrom {dataset.MinDefocusAngstrom} --max-defocus-angstrom {dataset.MaxDefocusAngstrom} --max-astigmatism-fraction {dataset.MaxAstigmatismFraction} --dose-e-per-A2 {dataset.DoseElectronsPerAngstrom2} --seed {dataset.Seed}"));
        var truths = DefocusDataset.Generate(Path.Combine(folder, "data"), dataset);
        Console.WriteLine("  $ temkit defocus data -o run");
        var run = RunFolder.At(Path.Combine(folder, "run"));
        var pipeline = new DefocusRun(run, new DefocusRunOptions { Optics = dataset.Optics },
            Math.Max(1, Environment.ProcessorCount));
        pipeline.Run(truths.Select(t => t.File).ToList());
        var results = ResultsTable.Read(run.ResultsPath).ToDictionary(r => r.File, StringComparer.Ordinal);

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("file").AddColumn(new TableColumn("true Δf (Å)").RightAligned()).AddColumn(new TableColumn("estimated Δf (Å)").RightAligned())
            .AddColumn(new TableColumn("error").RightAligned()).AddColumn(new TableColumn("astig. true/est. (Å)").RightAligned())
            .AddColumn(new TableColumn("angle true/est. (°)").RightAligned()).AddColumn(new TableColumn("score").RightAligned());
        var errors = new List<double>();
        foreach (var t in truths)
        {
            var r = results[t.File];
            double error = (r.MeanDefocusAngstrom - t.MeanDefocusAngstrom) / t.MeanDefocusAngstrom;
            if (r.IsOk) errors.Add(Math.Abs(error));
            table.AddRow(Path.GetFileNameWithoutExtension(t.File), F(t.MeanDefocusAngstrom, "F0"), r.IsOk ? F(r.MeanDefocusAngstrom, "F0") : Markup.Escape(r.Error),
                r.IsOk ? F(100 * error, "+0.00;-0.00;0.00") + " %" : "", $"{F(t.Defocus1Angstrom - t.Defocus2Angstrom, "F0")} / {F(r.Defocus1Angstrom - r.Defocus2Angstrom, "F0")}",
                $"{F(t.AstigmatismAngleDegrees, "F1")} / {F(r.AstigmatismAngleDegrees, "F1")}", F(r.FitScore, "F3"));
        }
        Console2.Stdout.Write(table);
        Console2.MarkupLineOut($"report: [bold]{Markup.Escape(run.ReportPath)}[/]");
        double median = errors.Count > 0 ? Pipelines.Defocus.Report.Outliers.Median([.. errors]) : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"{truths.Count} simulated micrographs, {errors.Count} fitted, median |error| of mean defocus {100 * median:F2} %; report {run.ReportPath}");
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
