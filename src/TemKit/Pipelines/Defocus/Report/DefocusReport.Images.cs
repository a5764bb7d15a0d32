using System.Globalization;
using TemKit.Plotting;
using TemKit.Reporting;

namespace TemKit.Pipelines.Defocus.Report;

public static partial class DefocusReport
{
    /// <summary>Which images get a per-image section: all of a small batch, else the worst fits plus an even sample.</summary>
    public static List<int> ChooseImages(IReadOnlyList<DefocusResult> rows)
    {
        var ok = Enumerable.Range(0, rows.Count).Where(i => rows[i].IsOk).ToList();
        if (ok.Count <= MaxImageSections) return ok;
        var worst = ok.OrderBy(i => rows[i].FitScore).ThenBy(i => rows[i].File, StringComparer.Ordinal).Take(WorstShown).ToHashSet();
        var rest = ok.Where(i => !worst.Contains(i)).ToList();
        int sample = MaxImageSections - WorstShown;
        var chosen = new SortedSet<int>(worst);
        for (int k = 0; k < sample && rest.Count > 0; k++) chosen.Add(rest[(int)((long)k * rest.Count / sample)]);
        return [.. chosen];
    }

    private static void AddImageSections(HtmlReport report, IReadOnlyList<ImagePart> parts, double[] z, string figuresFolder)
    {
        var rows = parts.Select(p => p.Result).ToList();
        var chosen = ChooseImages(rows);
        report.AddHeading("Images");
        int ok = rows.Count(r => r.IsOk);
        report.AddParagraph(chosen.Count < ok
            ? $"This batch has {ok} fitted images; shown below are the {WorstShown} with the lowest fit score and an even sample of {chosen.Count - WorstShown} of the others, in file order. Every image is in results.csv and the juncture files."
            : "Every fitted image, in file order: micrograph; power spectrum (log scale) with the fitted CTF zeros drawn on the right half; radial profile with the smoothed curve, background and Thon-ring peaks, and the fit along the fitted rings.");
        foreach (int i in chosen)
        {
            var part = parts[i];
            var r = part.Result;
            string? flag = Outliers.Flag(r, z[i]);
            report.AddHeading(Path.GetFileName(r.File) + (flag != null ? $" — {flag}" : ""), 3);
            var figures = new List<ReportFigure>(3);
            string image = Thumbnails.ImagePath(figuresFolder, r.File);
            string spectrum = Thumbnails.SpectrumPath(figuresFolder, r.File);
            if (File.Exists(image)) figures.Add(ReportFigure.PngFile(image, "micrograph"));
            if (File.Exists(spectrum)) figures.Add(ReportFigure.PngFile(spectrum, "power spectrum, fitted zeros on the right half, fit resolution (yellow circle)"));
            figures.Add(ReportFigure.Plot(ProfileFigure(part), "radial profile and fit"));
            string peak = double.IsFinite(r.SecondPeakPx)
                ? string.Create(CultureInfo.InvariantCulture, $"{r.SecondPeakPx:F2} px = {r.SecondPeakInverseAngstrom:F4} 1/Å")
                : "not found";
            report.AddFigureRow(figures, string.Create(CultureInfo.InvariantCulture,
                $"Δf1 {r.Defocus1Angstrom:F0} Å, Δf2 {r.Defocus2Angstrom:F0} Å, angle {r.AstigmatismAngleDegrees:F1}°, score {r.FitScore:F3}{ScoreBandText(r)}, fit resolution {r.FitResolutionAngstrom:F2} Å{AliasingText(r.AliasingResolutionAngstrom)}, 2nd peak {peak}"));
        }
    }

    /// <summary>Two stacked panels: profile, smoothed curve, background and peaks (log y); normalised data against 2·CTF² − 1.</summary>
    public static SvgFigure ProfileFigure(ImagePart part)
    {
        var profile = new SvgPlot(null, "spatial frequency (1/Å)", "amplitude (a.u.)") { LogY = true, Width = 520, Height = 300 };
        if (part.Smoothed is { } s)
        {
            int from = Math.Min(3, s.Raw.Length);
            profile.AddLine("profile", s.FrequencyInverseAngstrom[from..], s.Raw[from..], width: 1);
            profile.AddLine("smoothed", s.FrequencyInverseAngstrom[from..], s.Smoothed[from..]);
            profile.AddLine("background", s.FrequencyInverseAngstrom[from..], s.Background[from..], dashed: true);
        }
        foreach (var p in part.Peaks.Where(p => p.Kind == "max").Take(8))
            profile.AddVerticalLine(p.FrequencyInverseAngstrom, p.Index == 2 ? "2nd peak" : null, p.Index == 2 ? "#d62728" : "#999999");
        var fit = new SvgPlot(null, "spatial frequency (1/Å)", "normalised") { Width = 520, Height = 220 };
        if (part.Fit is { } f)
        {
            // Only the fitted range (where the local cross-correlation is defined): beyond it the model aliases.
            var inRange = Enumerable.Range(0, f.Normalised.Length).Where(i => double.IsFinite(f.CrossCorrelation[i])).ToArray();
            var xs = inRange.Select(i => f.FrequencyInverseAngstrom[i]).ToArray();
            fit.AddLine("data along fitted rings", xs, inRange.Select(i => f.Normalised[i]).ToArray(), width: 1);
            fit.AddLine("fit 2·CTF²−1", xs, inRange.Select(i => 2 * f.ModelCtfSquared[i] - 1).ToArray());
            fit.AddLine("local correlation", xs, inRange.Select(i => f.CrossCorrelation[i]).ToArray(), dashed: true);
        }
        double resolution = part.Result.FitResolutionAngstrom;
        if (double.IsFinite(resolution) && resolution > 0)
        {
            string label = string.Create(CultureInfo.InvariantCulture, $"fit resolution {resolution:F2} Å");
            fit.AddVerticalLine(1 / resolution, label, "#d62728");
            profile.AddVerticalLine(1 / resolution, null, "#d62728");
        }
        double aliasing = part.Result.AliasingResolutionAngstrom;
        if (double.IsFinite(aliasing) && aliasing > 0)
            fit.AddVerticalLine(1 / aliasing, string.Create(CultureInfo.InvariantCulture, $"rings alias beyond {aliasing:F2} Å"), "#7f7f7f");
        return new SvgFigure(profile, fit);
    }

    /// <summary>Caption part naming the band the score was computed over (Å); empty for results that predate it.</summary>
    internal static string ScoreBandText(DefocusResult r) =>
        double.IsFinite(r.ScoreBandLowResolutionAngstrom) && double.IsFinite(r.ScoreBandHighResolutionAngstrom)
            ? string.Create(CultureInfo.InvariantCulture, $" over {r.ScoreBandLowResolutionAngstrom:F1}-{r.ScoreBandHighResolutionAngstrom:F1} Å")
            : "";

    /// <summary>Caption part for where the fitted rings alias in the spectrum (issue 12: a fit resolution at that spacing
    /// is limited by the tile size); empty when they stay resolved to Nyquist or the result predates the column.</summary>
    internal static string AliasingText(double aliasingAngstrom) => double.IsFinite(aliasingAngstrom) && aliasingAngstrom > 0
        ? string.Create(CultureInfo.InvariantCulture, $", rings alias beyond {aliasingAngstrom:F2} Å")
        : "";
}
