using System.Globalization;
using TemKit.Reporting;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>One question of the seed paper answered by a study.</summary>
/// <param name="Question">The paper's finding, in words.</param>
/// <param name="Paper">What the paper reports.</param>
/// <param name="Measured">What this study measured ("not measured" when a model is missing; models not fully trained
/// are named in brackets).</param>
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

    /// <summary>Frame doses over which the paper compares the low and the high training dose range (Sec. 3.1: "increases
    /// the visibility of the nanoparticle between 40-100 e/Å² by ~50 %"), e/Å².</summary>
    public static (double Min, double Max) DoseRangeComparisonElectronsPerAngstrom2 => (40, 100);

    /// <summary>
    /// The paper's findings checked by the study, from an evaluation: the MSD-net's 50 % and convergence doses, MSD-net vs
    /// U-Net, the training dose range, MTF 4 vs MTF 3 training, and the F1 of the best model at high dose. With
    /// <paramref name="status"/>, every finding names the models behind it that are not fully trained.
    /// </summary>
    public static IReadOnlyList<DoseLimitFinding> Findings(DoseLimitResult result, IReadOnlyList<DoseLimitVariantStatus>? status = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        DoseLimitModelResult? M(string name) => result.Models.FirstOrDefault(m => m.Name == name);
        static string D(double? d) => d is double v ? F($"{v:G3} e/Å²") : "not reached";
        string Note(string measured, params string[] models)
        {
            if (status is null || measured == "not measured") return measured;
            var partial = status.Where(s => models.Contains(s.Variant.Name) && !s.Finished).Select(s => $"{s.Variant.Name} {s.Description}").ToList();
            return partial.Count == 0 ? measured : $"{measured} [{string.Join("; ", partial)}]";
        }
        var msd = M("msd-high-mtf4");
        var unet = M("unet-high-mtf4");
        var low = M("msd-low-mtf4");
        var mtf3 = M("msd-high-mtf3");
        string ratio = "not measured";
        if (msd?.Measures.FiftyPercentDoseElectronsPerAngstrom2 is double a && unet?.Measures.FiftyPercentDoseElectronsPerAngstrom2 is double b)
            ratio = a <= b ? F($"MSD-net {100 * (1 - a / b):F0} % lower ({a:G3} vs {b:G3} e/Å²)") : F($"U-Net {100 * (1 - b / a):F0} % lower ({b:G3} vs {a:G3} e/Å²)");
        else if (msd is not null && unet is not null)
            ratio = $"MSD-net {D(msd.Measures.FiftyPercentDoseElectronsPerAngstrom2)}, U-Net {D(unet.Measures.FiftyPercentDoseElectronsPerAngstrom2)}";
        var (from, to) = DoseRangeComparisonElectronsPerAngstrom2;
        string range = "not measured";
        if (msd is not null && low is not null)
        {
            double fl = MeanAreaFraction(low, from, to), fh = MeanAreaFraction(msd, from, to);
            range = F($"segmented fraction of the particle at {from:G3}-{to:G3} e/Å²: low range {fl:F2}, high range {fh:F2} ({100 * (fl / fh - 1):+0;-0} %); 50 % dose low {D(low.Measures.FiftyPercentDoseElectronsPerAngstrom2)}, high {D(msd.Measures.FiftyPercentDoseElectronsPerAngstrom2)}");
        }
        var best = result.Models.Where(m => double.IsFinite(m.MeanF1HighDose)).MaxBy(m => m.MeanF1HighDose);
        double high = result.Options.HighDoseElectronsPerAngstrom2;
        return
        [
            new("MSD-net (high dose range): 50 % dose and convergence dose on the simulated series", "detection from 20-30 e/Å², convergence near 200 e/Å²",
                Note(msd is null ? "not measured" : LimitsText(msd, result.Options), "msd-high-mtf4")),
            new("MSD-net vs U-Net (same data): which reaches 50 % at lower dose", "MSD-net about 70 % lower", Note(ratio, "msd-high-mtf4", "unet-high-mtf4")),
            new("MSD-net, low (10-10⁴ e/Å²) vs high (10²-10⁶ e/Å²) training dose range", "low range: about 50 % more of the particle segmented at 40-100 e/Å²; both detect from 20-30 e/Å²",
                Note(range, "msd-high-mtf4", "msd-low-mtf4")),
            new(F($"MTF 4 vs MTF 3 training on the MTF-3 series: mean F1 for {result.Options.LowDoseMinElectronsPerAngstrom2:G3}-{result.Options.LowDoseMaxElectronsPerAngstrom2:G3} e/Å²"), "MTF 4 higher",
                Note(msd is null || mtf3 is null ? "not measured" : F($"MTF 4: {msd.MeanF1LowDose:F3}, MTF 3: {mtf3.MeanF1LowDose:F3}"), "msd-high-mtf4", "msd-high-mtf3")),
            new(F($"F1 of the best model above {high:G3} e/Å² against the exact masks"), "≥ 0.9",
                best is null ? "not measured" : Note(F($"{best.Name}: mean F1 {best.MeanF1HighDose:F3}"), best.Name)),
        ];
    }

    /// <summary>
    /// The limits of <paramref name="model"/> against the last frame's segmentation instead of its own target: the
    /// target the paper uses on its experimental series (a network that segments a constant part of the particle at
    /// high dose converges against it, not against exact masks). The target is the model's segmented area in the
    /// highest-dose frame, as <see cref="DoseLimitAnalysis"/> takes it without masks.
    /// </summary>
    public static DoseLimitMeasures LastFrameMeasures(DoseLimitModelResult model, DoseLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Rows.Count == 0) return new DoseLimitMeasures(null, null, double.NaN, double.NaN);
        double last = model.Rows.MaxBy(r => r.DoseElectronsPerAngstrom2)!.AreaPx;
        var dose = model.Rows.Select(r => r.DoseElectronsPerAngstrom2).ToArray();
        var area = model.Rows.Select(r => (double)r.AreaPx).ToArray();
        return DoseLimitMeasures.Measure(dose, area, Enumerable.Repeat(last, dose.Length).ToArray(), options);
    }

    private static string LimitsText(DoseLimitModelResult model, DoseLimitOptions options)
    {
        static string D(double? d) => d is double v ? F($"{v:G3} e/Å²") : "not reached";
        string text = $"50 % dose {D(model.Measures.FiftyPercentDoseElectronsPerAngstrom2)}, convergence dose {D(model.Measures.ConvergenceDoseElectronsPerAngstrom2)}";
        if (!model.TargetIsExact) return text;
        var last = LastFrameMeasures(model, options);
        return $"{text} (exact masks); against the last frame's segmentation (the paper's target on its experimental series): 50 % dose {D(last.FiftyPercentDoseElectronsPerAngstrom2)}, convergence dose {D(last.ConvergenceDoseElectronsPerAngstrom2)}";
    }

    /// <summary>Mean segmented / target area of <paramref name="model"/> over the frames with dose in [from, to] e/Å² (NaN when none).</summary>
    public static double MeanAreaFraction(DoseLimitModelResult model, double fromElectronsPerAngstrom2, double toElectronsPerAngstrom2)
    {
        ArgumentNullException.ThrowIfNull(model);
        var f = model.Rows.Where(r => r.DoseElectronsPerAngstrom2 >= fromElectronsPerAngstrom2 && r.DoseElectronsPerAngstrom2 <= toElectronsPerAngstrom2 && double.IsFinite(r.AreaFraction))
            .Select(r => r.AreaFraction).ToList();
        return f.Count == 0 ? double.NaN : f.Average();
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
        var status = VariantStatus();
        report.AddHeading("Findings");
        report.AddTable(["question", "paper", "this study"], Findings(result, status).Select(f => (IReadOnlyList<string>)[f.Question, f.Paper, f.Measured]));
        report.AddHeading("Variants");
        report.AddTable(["variant", "network", "training data", "training", "evaluated"], status.Select(v => (IReadOnlyList<string>)
            [v.Variant.Name, v.Variant.Network, F($"{v.Variant.Dataset} ({v.Variant.DoseRange} e/Å²)"), v.Description, result.Models.Any(m => m.Name == v.Variant.Name) ? "yes" : "no"]));
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
