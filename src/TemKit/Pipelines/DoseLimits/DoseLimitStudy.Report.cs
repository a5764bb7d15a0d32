using System.Globalization;
using TemKit.Reporting;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>One question of the seed paper answered by a study.</summary>
/// <param name="Question">The paper's finding, in words.</param>
/// <param name="Paper">What the paper reports.</param>
/// <param name="Measured">What this study measured ("not measured" when a model is missing).</param>
public sealed record DoseLimitFinding(string Question, string Paper, string Measured);

public sealed partial class DoseLimitStudy
{
    /// <summary>The comparisons of the paper's figures: title and the variants shown.</summary>
    public static IReadOnlyList<(string Title, string[] Models)> Figures { get; } =
    [
        ("Fig. 2: MSD-net, high vs low dose range (MTF 4)", ["msd-high-mtf4", "msd-low-mtf4"]),
        ("Fig. 3: U-Net, high vs low dose range (MTF 4)", ["unet-high-mtf4", "unet-low-mtf4"]),
        ("Fig. 4: MSD-net vs U-Net, high dose range (MTF 4)", ["msd-high-mtf4", "unet-high-mtf4"]),
        ("Fig. 7: MSD-net on MTF 1-3", ["msd-high-mtf1", "msd-high-mtf2", "msd-high-mtf3"]),
        ("Fig. 8: MSD-net on MTF 2, 4, 5", ["msd-high-mtf2", "msd-high-mtf4", "msd-high-mtf5"]),
        ("SOI Fig. 9: MSD-net on MTF 4 vs MTF 3", ["msd-high-mtf4", "msd-high-mtf3"]),
    ];

    /// <summary>The four findings the issue asks the study to check, from an evaluation.</summary>
    public static IReadOnlyList<DoseLimitFinding> Findings(DoseLimitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        DoseLimitModelResult? M(string name) => result.Models.FirstOrDefault(m => m.Name == name);
        static string D(double? d) => d is double v ? F($"{v:G3} e/Å²") : "not reached";
        var msd = M("msd-high-mtf4");
        var unet = M("unet-high-mtf4");
        var mtf3 = M("msd-high-mtf3");
        string ratio = "not measured";
        if (msd?.Measures.FiftyPercentDoseElectronsPerAngstrom2 is double a && unet?.Measures.FiftyPercentDoseElectronsPerAngstrom2 is double b)
            ratio = a <= b ? F($"MSD-net {100 * (1 - a / b):F0} % lower ({a:G3} vs {b:G3} e/Å²)") : F($"U-Net {100 * (1 - b / a):F0} % lower ({b:G3} vs {a:G3} e/Å²)");
        else if (msd is not null && unet is not null)
            ratio = $"MSD-net {D(msd.Measures.FiftyPercentDoseElectronsPerAngstrom2)}, U-Net {D(unet.Measures.FiftyPercentDoseElectronsPerAngstrom2)}";
        var best = result.Models.Where(m => double.IsFinite(m.MeanF1HighDose)).MaxBy(m => m.MeanF1HighDose);
        double high = result.Options.HighDoseElectronsPerAngstrom2;
        return
        [
            new("MSD-net (high dose range): 50 % dose and convergence dose on the simulated series", "detection from 20-30 e/Å², convergence near 200 e/Å²",
                msd is null ? "not measured" : $"50 % dose {D(msd.Measures.FiftyPercentDoseElectronsPerAngstrom2)}, convergence dose {D(msd.Measures.ConvergenceDoseElectronsPerAngstrom2)}"),
            new("MSD-net vs U-Net (same data): which reaches 50 % at lower dose", "MSD-net about 70 % lower", ratio),
            new(F($"MTF 4 vs MTF 3 training on the MTF-3 series: mean F1 for {result.Options.LowDoseMinElectronsPerAngstrom2:G3}-{result.Options.LowDoseMaxElectronsPerAngstrom2:G3} e/Å²"), "MTF 4 higher",
                msd is null || mtf3 is null ? "not measured" : F($"MTF 4: {msd.MeanF1LowDose:F3}, MTF 3: {mtf3.MeanF1LowDose:F3}")),
            new(F($"F1 of the best model above {high:G3} e/Å² against the exact masks"), "≥ 0.9",
                best is null ? "not measured" : F($"{best.Name}: mean F1 {best.MeanF1HighDose:F3}")),
        ];
    }

    /// <summary>Writes RUN/report.html: the findings, the settings, and per figure of the paper the area plot of its models.</summary>
    public void WriteReport(DoseLimitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = Parameters.Settings;
        var report = new HtmlReport("Dose limits of segmentation: the study of Leth Larsen et al.")
        {
            Subtitle = F($"scale {Parameters.Scale}: {s.Structures} structures x {s.ImageEpochs} image epochs of {s.GridPx}² px at {s.PixelSizeAngstrom:G3} Å/px, {s.TrainingEpochs} training epochs; series of {s.SeriesFrames} frames (MTF 3)"),
            Provenance = Provenance.Now(Parameters),
        };
        report.AddHeading("Findings");
        report.AddTable(["question", "paper", "this study"], Findings(result).Select(f => (IReadOnlyList<string>)[f.Question, f.Paper, f.Measured]));
        report.AddHeading("All models");
        report.AddTable(["model", "target", "50 % dose (e/Å²)", "converged (e/Å²)", "band min (nm²)", "band max (nm²)", "target area (nm²)", "mean F1", "mean F1 low dose", "mean F1 high dose"],
            DoseLimitRun.SummaryRows(result));
        report.AddList(DoseLimitReport.Definitions(result.Options));
        foreach (var (title, models) in Figures)
        {
            if (DoseLimitSelection.Select(result, models) is not { } subset) continue;
            report.AddHeading(title);
            report.AddPlot(DoseLimitPlots.Area(subset));
            if (title.StartsWith("SOI", StringComparison.Ordinal))
            {
                if (DoseLimitPlots.F1Histogram(subset) is { } histogram) report.AddPlot(histogram);
                if (DoseLimitPlots.F1AgainstDose(subset) is { } f1) report.AddPlot(f1);
            }
        }
        report.Save(ReportPath);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
