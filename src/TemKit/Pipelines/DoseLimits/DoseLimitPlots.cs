using System.Globalization;
using TemKit.Imaging.Display;
using TemKit.IO.Png;
using TemKit.Plotting;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>The figures of a dose-limit analysis, in the style of the seed paper's Figs. 2-4, 7-8 and SOI Fig. 9.</summary>
public static class DoseLimitPlots
{
    /// <summary>Segmented area against frame dose (log x): one series per model, the grey band and black dashed line of
    /// the common convergence, a coloured dashed line at each model's 50 % dose, and the exact target area when known.</summary>
    public static SvgPlot Area(DoseLimitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool nm = double.IsFinite(result.PixelSizeAngstrom);
        double scale = nm ? result.PixelSizeAngstrom * result.PixelSizeAngstrom / 100 : 1;
        var plot = new SvgPlot("Segmented area against frame dose", "frame dose (e/Å²)", nm ? "segmented area (nm²)" : "segmented area (px)")
        {
            LogX = true, YMin = 0, Legend = LegendPosition.TopLeft,
        };
        var doses = result.Models.SelectMany(m => m.Rows).Select(r => r.DoseElectronsPerAngstrom2).ToList();
        if (result.ConvergenceDoseElectronsPerAngstrom2 is double c)
        {
            double top = doses.Max();
            plot.AddBand("min-max area beyond convergence", [c, top], [result.BandMinAreaPx * scale, result.BandMinAreaPx * scale],
                [result.BandMaxAreaPx * scale, result.BandMaxAreaPx * scale], "#808080", 0.3);
            plot.AddVerticalLine(c, F($"converged {c:G3} e/Å²"), "#000000");
        }
        if (result.Models[0].TargetIsExact)
        {
            var rows = result.Models[0].Rows;
            plot.AddLine("exact target area", rows.Select(r => r.DoseElectronsPerAngstrom2), rows.Select(r => r.TargetPx * scale), "#00b0c8", 1.25);
        }
        for (int k = 0; k < result.Models.Count; k++)
        {
            var m = result.Models[k];
            string color = Palette.Color(k);
            plot.AddScatter(m.Name, m.Rows.Select(r => r.DoseElectronsPerAngstrom2), m.Rows.Select(r => r.AreaPx * scale), color, size: 1.8);
            if (m.Measures.FiftyPercentDoseElectronsPerAngstrom2 is double d50) plot.AddVerticalLine(d50, F($"{m.Name}: 50 % at {d50:G3} e/Å²"), color);
        }
        return plot;
    }

    /// <summary>SOI Fig. 9b: F1 against frame dose (all frames), with a second panel for the low-dose range holding each
    /// model's mean there. Null without exact masks.</summary>
    public static SvgFigure? F1AgainstDose(DoseLimitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Models[0].TargetIsExact) return null;
        double lo = result.Options.LowDoseMinElectronsPerAngstrom2, hi = result.Options.LowDoseMaxElectronsPerAngstrom2;
        var all = new SvgPlot("F1 against frame dose", "frame dose (e/Å²)", "F1") { LogX = true, YMin = 0, YMax = 1, Legend = LegendPosition.BottomRight };
        var inset = new SvgPlot(F($"low dose, {lo:G3}-{hi:G3} e/Å² (lines: mean)"), "frame dose (e/Å²)", "F1") { LogX = true, XMin = lo, XMax = hi, YMin = 0, YMax = 1 };
        for (int k = 0; k < result.Models.Count; k++)
        {
            var m = result.Models[k];
            string color = Palette.Color(k);
            all.AddScatter(m.Name, m.Rows.Select(r => r.DoseElectronsPerAngstrom2), m.Rows.Select(r => r.F1), color, size: 1.8);
            var low = m.Rows.Where(r => r.DoseElectronsPerAngstrom2 >= lo && r.DoseElectronsPerAngstrom2 <= hi).ToList();
            if (low.Count == 0) continue;
            inset.AddScatter(m.Name, low.Select(r => r.DoseElectronsPerAngstrom2), low.Select(r => r.F1), color, size: 2);
            if (double.IsFinite(m.MeanF1LowDose)) inset.AddHorizontalLine(m.MeanF1LowDose, F($"mean {m.MeanF1LowDose:F3}"), color, dashed: false);
        }
        return new SvgFigure(all, inset) { Title = "F1 against frame dose (as SOI Fig. 9b of Leth Larsen et al.)" };
    }

    /// <summary>SOI Fig. 9a: histogram of the per-frame F1 of each model with a dashed line at its mean. Null without masks.</summary>
    public static SvgPlot? F1Histogram(DoseLimitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Models[0].TargetIsExact) return null;
        var plot = new SvgPlot("F1 of every frame (as SOI Fig. 9a)", "F1", "frames") { XMin = 0, XMax = 1, YMin = 0, Legend = LegendPosition.TopLeft };
        var edges = Enumerable.Range(0, 41).Select(i => i / 40.0).ToArray();
        for (int k = 0; k < result.Models.Count; k++)
        {
            var m = result.Models[k];
            var counts = new double[edges.Length - 1];
            foreach (var r in m.Rows.Where(r => double.IsFinite(r.F1))) counts[Math.Min(counts.Length - 1, (int)(r.F1 * counts.Length))]++;
            plot.AddHistogram(m.Name, edges, counts, Palette.Color(k));
            if (double.IsFinite(m.MeanF1)) plot.AddVerticalLine(m.MeanF1, F($"mean {m.MeanF1:F3}"), Palette.Color(k));
        }
        return plot;
    }

    /// <summary>An overlay PNG: the frame in grey, the target in cyan, the model's segmentation in the model's colour
    /// (where they overlap the two blend).</summary>
    public static byte[] OverlayPng(DoseLimitOverlay overlay, int modelIndex)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var gray = DisplayScaling.ToGray8(overlay.Image.Pixels, new DisplayScale());
        var canvas = RgbCanvas.FromGray(gray, overlay.Image.Width, overlay.Image.Height);
        var model = RgbColor.FromHex(Palette.Color(modelIndex));
        var cyan = new RgbColor(0, 255, 255);
        for (int i = 0; i < gray.Length; i++)
        {
            int x = i % canvas.Width, y = i / canvas.Width;
            if (overlay.Target[i] != 0) canvas.Blend(x, y, cyan, 0.4);
            if (overlay.Segmented[i] != 0) canvas.Blend(x, y, model, 0.5);
        }
        return PngWriter.EncodeCanvas(canvas);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
