using System.Globalization;
using TemKit.Reporting;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>The HTML report of a dose-limit run: summary table, definitions, area and F1 figures, overlays.</summary>
public static class DoseLimitReport
{
    /// <summary>The definitions as written in the report and docs/dose-limits.md.</summary>
    public static IReadOnlyList<string> Definitions(DoseLimitOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return
        [
            F($"Segmented area: pixels whose foreground probability is ≥ {o.Threshold:G3}."),
            "Target area: the exact particle mask of the frame where masks are given; otherwise the model's own segmentation of the highest-dose frame (the paper's pseudo-ground truth).",
            F($"Area fraction f = segmented / target area; s = running median of f over {o.SmoothingFrames} frames in dose order."),
            F($"50 % dose: the lowest frame dose from which on s ≥ {o.DetectionFraction:G3} in every later frame (coloured dashed lines)."),
            F($"Convergence dose: the lowest frame dose from which on |s − 1| ≤ {o.ConvergenceTolerance:G3} in every later frame; the black dashed line is the largest convergence dose of the models shown, the grey band the min-max segmented area of all of them beyond it."),
            F($"Mean F1 low dose: frames of {o.LowDoseMinElectronsPerAngstrom2:G3}-{o.LowDoseMaxElectronsPerAngstrom2:G3} e/Å²; high dose: frames ≥ {o.HighDoseElectronsPerAngstrom2:G3} e/Å²."),
        ];
    }

    /// <summary>Builds the report.</summary>
    public static HtmlReport Build(DoseLimitResult analysis, DoseLimitRunParameters parameters, Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(parameters);
        var report = new HtmlReport("Dose limits of segmentation")
        {
            Subtitle = F($"{Path.GetFileName(parameters.SeriesPath)}: {analysis.Models[0].Rows.Count} frames, {analysis.PixelSizeAngstrom:G4} Å/px, {analysis.Models.Count} model(s)"),
            Provenance = provenance,
        };
        report.AddHeading("Summary");
        report.AddTable(["model", "target", "50 % dose (e/Å²)", "converged (e/Å²)", "band min (nm²)", "band max (nm²)", "target area (nm²)", "mean F1", "mean F1 low dose", "mean F1 high dose"],
            DoseLimitRun.SummaryRows(analysis));
        report.AddHeading("Definitions");
        report.AddList(Definitions(analysis.Options));
        report.AddHeading("Segmented area against dose");
        report.AddPlot(DoseLimitPlots.Area(analysis), "As Figs. 2-4, 7-8 of Leth Larsen et al.: grey band = min/max area beyond the convergence dose (black dashed); coloured dashed lines = 50 % doses.");
        if (DoseLimitPlots.F1AgainstDose(analysis) is { } f1)
        {
            report.AddHeading("F1 against the exact masks");
            report.AddPlot(DoseLimitPlots.F1Histogram(analysis)!, "Histogram of the per-frame F1 (SOI Fig. 9a); dashed: means.");
            report.AddPlot(f1, "F1 against dose (SOI Fig. 9b); right: the low-dose range with the mean per model.");
        }
        report.AddHeading("Overlays");
        for (int k = 0; k < analysis.Models.Count; k++)
        {
            var near = analysis.AtOverlayDose[k];
            var largest = analysis.AtLargestArea[k];
            report.AddFigureRow(
                [ReportFigure.Png(DoseLimitPlots.OverlayPng(near, k), F($"{analysis.Models[k].Name}: frame {near.Frame} at {near.DoseElectronsPerAngstrom2:G3} e/Å²")),
                 ReportFigure.Png(DoseLimitPlots.OverlayPng(largest, k), F($"{analysis.Models[k].Name}: largest segmentation, frame {largest.Frame} at {largest.DoseElectronsPerAngstrom2:G3} e/Å²"))],
                "Target in cyan, the model's segmentation in its colour.");
        }
        return report;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
