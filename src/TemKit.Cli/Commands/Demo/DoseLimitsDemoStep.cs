using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: a dose series of one particle (`temkit simulate series`), then the dose limits of the MSD-net
/// the segmentation step trained (`temkit dose-limits`): segmented area and F1 against frame dose.</summary>
internal sealed class DoseLimitsDemoStep : IDemoStep
{
    public int Order => 52;

    public string Title => "Dose limits of segmentation";

    public string Run(string folder, DemoOptions options)
    {
        string series = Path.Combine(folder, "series");
        DemoCli.Run(folder, "simulate", "series", "-o", series, "--frames", options.Quick ? "6" : "40", "--grid", options.Quick ? "96" : "192",
            "--pixel-size-angstrom", "0.15", "--diameter-nm", options.Quick ? "1.2" : "2", "--drift-px-per-frame", "0.5",
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture));
        // The MSD-net of the segmentation step (trained at 0.14-0.16 Å/px, the series' sampling).
        string? model = Directory.GetParent(folder)?.EnumerateFiles("msd.tkm", SearchOption.AllDirectories).FirstOrDefault()?.FullName;
        if (model is null) return "dose series in series/ (no trained model found, so no dose limits: run the whole demo)";
        string run = Path.Combine(folder, "dose-limits");
        DemoCli.Run(folder, "dose-limits", model, "--series", Path.Combine(series, "series.mrc"), "--masks", Path.Combine(series, "masks.mrc"),
            "-o", run, "--smoothing-frames", options.Quick ? "1" : "5");
        var summary = CsvFiles.ReadTable(Path.Combine(run, "summary.csv"));
        string d50 = summary.Column("dose_50pct_e_per_A2").First(), converged = summary.Column("dose_converged_e_per_A2").First(), f1 = summary.Column("mean_f1_high_dose").First();
        return $"dose series of {(options.Quick ? 6 : 40)} frames, 10-10⁴ e/Å²; demo MSD-net: 50 % dose {Dose(d50)}, converged {Dose(converged)}, mean F1 ≥ 200 e/Å² {(f1.Length > 0 ? f1 : "n/a")}; report in dose-limits/";
    }

    private static string Dose(string v) => v.Length > 0 ? v + " e/Å²" : "not reached";
}
