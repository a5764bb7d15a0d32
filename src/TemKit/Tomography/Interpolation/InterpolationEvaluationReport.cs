using System.Globalization;
using TemKit.Imaging.Display;
using TemKit.IO.Csv;
using TemKit.Plotting;
using TemKit.Reporting;

namespace TemKit.Tomography.Interpolation;

/// <summary>Writes an evaluation as report.html, frames.csv and volumes.csv.</summary>
public static class InterpolationEvaluationReport
{
    /// <summary>Writes the files into <paramref name="folder"/>; returns report.html's path.</summary>
    public static string Write(string folder, string title, InterpolationEvaluationResult result, string? modelDescription = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        static string F(double v, string f) => double.IsNaN(v) ? "" : double.IsPositiveInfinity(v) ? "inf" : v.ToString(f, CultureInfo.InvariantCulture);
        static string Dose(double d) => d > 0 ? d.ToString("G4", CultureInfo.InvariantCulture) + " e/Å²" : "noise-free";
        CsvFiles.WriteTable(Path.Combine(folder, "frames.csv"), ["method", "gap_frames", "dose_e_per_A2", "psnr_db", "ssim", "mse", "frames", "raw_psnr_db"],
            result.Frames.Select(f => (IReadOnlyList<string>)[f.Method, F(f.GapFrames, "R"), F(f.DoseElectronsPerAngstrom2, "R"), F(f.PsnrDb, "F3"), F(f.Ssim, "F4"), F(f.Mse, "G5"), F(f.Frames, "R"), F(f.RawPsnrDb, "F3")]));
        CsvFiles.WriteTable(Path.Combine(folder, "volumes.csv"), ["series", "factor", "dose_e_per_A2", "psnr_db", "ssim", "mean_fsc", "volumes"],
            result.Volumes.Select(v => (IReadOnlyList<string>)[v.Series, F(v.Factor, "R"), F(v.DoseElectronsPerAngstrom2, "R"), F(v.PsnrDb, "F3"), F(v.Ssim, "F4"), F(v.MeanFsc, "F3"), F(v.Volumes, "R")]));
        var report = new HtmlReport(title) { Subtitle = $"TemKit {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" };
        report.AddParagraph($"{result.SeriesNames.Count} series ({string.Join(", ", result.SeriesNames.Take(12))}{(result.SeriesNames.Count > 12 ? ", …" : "")}); {F(result.Seconds, "F0")} s." +
            (double.IsNaN(result.InferenceSecondsPerFrame) ? "" : $" Learned model: {F(1000 * result.InferenceSecondsPerFrame, "F1")} ms per predicted frame."));
        if (modelDescription is not null) report.AddParagraph(modelDescription);
        report.AddHeading("Predicted frames");
        report.AddParagraph("Methods see every 2d-th frame and predict the frames half-way (inputs 2d frames apart). Each predicted and true frame is min-max normalised to [0, 1] on its own (as TSGNet), so PSNR = 10 log10(1/MSE) per frame, averaged over frames. Noisy inputs are scored against the noise-free truth. Raw PSNR: without normalisation, in the stack's units, data range = the true frame's max − min.");
        var methods = result.Frames.Select(f => f.Method).Distinct().ToArray();
        var doses = result.Frames.Select(f => f.DoseElectronsPerAngstrom2).Distinct().ToArray();
        report.AddTable(["dose", "gap d (frames)", .. methods.Select(m => m + " PSNR (dB)"), .. methods.Select(m => m + " SSIM"), .. methods.Select(m => m + " raw PSNR (dB)")],
            result.Frames.GroupBy(f => (f.DoseElectronsPerAngstrom2, f.GapFrames)).Select(g => (IReadOnlyList<string>)[Dose(g.Key.DoseElectronsPerAngstrom2), F(g.Key.GapFrames, "R"),
                .. methods.Select(m => F(g.FirstOrDefault(f => f.Method == m)?.PsnrDb ?? double.NaN, "F2")),
                .. methods.Select(m => F(g.FirstOrDefault(f => f.Method == m)?.Ssim ?? double.NaN, "F3")),
                .. methods.Select(m => F(g.FirstOrDefault(f => f.Method == m)?.RawPsnrDb ?? double.NaN, "F2"))]));
        foreach (double dose in doses)
        {
            var plot = new SvgPlot($"Frame PSNR, {Dose(dose)}", "gap d (frames)", "PSNR (dB)");
            foreach (string m in methods)
            {
                var pts = result.Frames.Where(f => f.Method == m && f.DoseElectronsPerAngstrom2 == dose).OrderBy(f => f.GapFrames).ToArray();
                plot.AddLine(m, pts.Select(f => (double)f.GapFrames), pts.Select(f => f.PsnrDb));
            }
            report.AddPlot(plot);
        }
        if (result.Example.Count > 0)
            report.AddFigureRow([.. result.Example.Select(e => ReportFigure.Image(e.Image, new DisplayScale(0, 100), e.Name))], "Example (noise-free, largest gap): the true frame and each method's prediction, each min-max normalised");
        if (result.Volumes.Count > 0)
        {
            report.AddHeading("Reconstructions");
            report.AddParagraph("Each volume is scored against the reconstruction from all noise-free (or all recorded) frames: PSNR with that volume's range, 3D SSIM (7³ window), and their FSC averaged over all shells up to Nyquist.");
            report.AddTable(["dose", "series", "PSNR (dB)", "SSIM", "mean FSC", "volumes"],
                result.Volumes.Select(v => (IReadOnlyList<string>)[Dose(v.DoseElectronsPerAngstrom2), v.Series, F(v.PsnrDb, "F2"), F(v.Ssim, "F4"), F(v.MeanFsc, "F3"), F(v.Volumes, "R")]));
        }
        string html = Path.Combine(folder, "report.html");
        report.Save(html);
        return html;
    }
}
