using System.Globalization;
using TemKit.CtfEstimation.Fitting;
using TemKit.Plotting;
using TemKit.Reporting;

namespace TemKit.Pipelines.Defocus.Report;

/// <summary>
/// Builds RUN/report.html: dataset histogram of defocus, defocus against acquisition time, the table of images sorted
/// by fit score with outliers flagged, the failed files, and per image the seed's Figure 4 triple (micrograph,
/// spectrum with the fitted rings on its right half, radial profile with smoothed curve, peaks and fit).
/// </summary>
public static partial class DefocusReport
{
    /// <summary>Up to this many images get a per-image section; bigger batches show the worst fits and a sample.</summary>
    public const int MaxImageSections = 60;

    /// <summary>Number of worst-scoring images always shown in a big batch.</summary>
    public const int WorstShown = 50;

    /// <summary>Writes the report of <paramref name="parts"/> (pictures from <paramref name="figuresFolder"/>) to <paramref name="path"/>.</summary>
    /// <param name="path">report.html.</param>
    /// <param name="parts">Every image's part.</param>
    /// <param name="figuresFolder">Thumbnails.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="provenance">Version, command line and settings, listed at the end (null = made now from this process).</param>
    public static void Write(string path, IReadOnlyList<ImagePart> parts, string figuresFolder, DefocusRunOptions options, Provenance? provenance = null)
    {
        var rows = parts.Select(p => p.Result).ToList();
        var ok = rows.Where(r => r.IsOk).ToList();
        var report = new HtmlReport("Defocus report")
        {
            Subtitle = $"{rows.Count} images, {ok.Count} fitted, {rows.Count - ok.Count} failed · {options.Optics.VoltageKilovolts:G4} kV, Cs {options.Optics.CsMillimetres:G4} mm, amplitude contrast {options.Optics.AmplitudeContrast:G3} · TemKit {Provenance.Version}",
            Provenance = provenance ?? DefocusRun.MakeProvenance(options, null),
        };
        AddSummary(report, ok);
        if (ScoreBandStatement(ok, options) is { } statement) report.AddParagraph(statement);
        AddDatasetPlots(report, ok);
        var z = Outliers.RobustZ(rows.Select(r => r.MeanDefocusAngstrom).ToList());
        AddTable(report, rows, z);
        AddErrors(report, rows);
        AddImageSections(report, parts, z, figuresFolder);
        report.Save(path);
    }

    private static void AddSummary(HtmlReport report, List<DefocusResult> ok)
    {
        if (ok.Count == 0)
        {
            report.AddParagraph("No image was fitted; see the failed files below.");
            return;
        }
        var mean = ok.Select(r => r.MeanDefocusAngstrom / 1e4).ToArray();
        var score = ok.Select(r => r.FitScore).ToArray();
        report.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"Mean defocus (underfocus positive): median {Outliers.Median(mean):F3} µm, range {mean.Min():F3}–{mean.Max():F3} µm. Fit score: median {Outliers.Median(score):F3}. " +
            $"Outliers: |robust z| of mean defocus > {Outliers.RobustZLimit} or fit score < {Outliers.LowScore}."));
    }

    /// <summary>
    /// What the fit scores of <paramref name="ok"/> can be compared across (issue 12): on the search range's common band
    /// (every searched defocus shows resolved rings there) they compare fit quality across defocus; on the fitted range
    /// they also follow defocus. Null when the rows do not say (results read from an older results.csv).
    /// </summary>
    internal static string? ScoreBandStatement(IReadOnlyList<DefocusResult> ok, DefocusRunOptions options)
    {
        var kinds = ok.Select(r => OnFittedRange(r, options)).ToList();
        if (kinds.Count == 0 || kinds.Any(k => k is null)) return null;
        var r0 = ok[0];
        string band = string.Create(CultureInfo.InvariantCulture, $"{r0.ScoreBandLowResolutionAngstrom:F1}–{r0.ScoreBandHighResolutionAngstrom:F1} Å");
        string range = string.Create(CultureInfo.InvariantCulture, $"{options.MinDefocusAngstrom / 1e4:G3}–{options.MaxDefocusAngstrom / 1e4:G3} µm");
        if (kinds.All(k => k == false))
            return $"Fit scores are on the common band {band} of the search range {range}, where every searched defocus shows resolved Thon rings: " +
                   "they compare fit quality across defocus (between images of the same size and tile size; docs/defocus.md).";
        if (kinds.All(k => k == true))
            return $"Fit scores are over the fitted range {band}: the search range {range} has no band where every searched defocus shows resolved " +
                   "rings at this tile size, so the scores also follow defocus (lower where the rings alias). To compare fit quality across defocus, " +
                   "give the dataset's defocus range (--min-defocus-angstrom, --max-defocus-angstrom) and a tile size that resolves it (docs/defocus.md).";
        return "Fit scores are on different bands (images of different sizes or pixel sizes): compare them only within one band (score_band_low_A, score_band_high_A in results.csv).";
    }

    /// <summary>Whether the row's score band is the fitted range (true) or the search range's common band (false), decided
    /// as the fitter decides it (<see cref="CtfFitter.ScoreBand"/>); null when the row does not say.</summary>
    private static bool? OnFittedRange(DefocusResult r, DefocusRunOptions options)
    {
        if (!(r.SpectrumSizePx > 0 && r.SpectrumPixelSizeAngstrom > 0 && r.ScoreBandLowResolutionAngstrom > 0)) return null;
        double step = 1 / (r.SpectrumSizePx * r.SpectrumPixelSizeAngstrom);
        var fit = options.ToFitOptions();
        var (first, last) = CtfFitter.FittedRange(r.SpectrumSizePx, step, r.SpectrumPixelSizeAngstrom, fit);
        var model = new PhaseModel(fit.Optics.VoltageKilovolts, fit.Optics.CsMillimetres, fit.Optics.AmplitudeContrast);
        return CtfFitter.ScoreBand(model, step, first, last, fit.PhaseShiftRadians, fit) is null;
    }

    private static void AddDatasetPlots(HtmlReport report, List<DefocusResult> ok)
    {
        if (ok.Count == 0) return;
        var mean = ok.Select(r => r.MeanDefocusAngstrom / 1e4).ToArray();
        var histogram = new SvgPlot("Mean defocus of the dataset", "mean defocus (µm, underfocus positive)", "images");
        histogram.AddHistogramOfValues("images", mean, bins: Math.Clamp((int)Math.Ceiling(Math.Sqrt(mean.Length)) * 2, 5, 60));
        var times = ok.Select(r => ParseTime(r.Acquired)).ToArray();
        var first = times.Where(t => t.HasValue).Select(t => t!.Value).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min();
        var last = times.Where(t => t.HasValue).Select(t => t!.Value).DefaultIfEmpty(first).Max();
        bool minutes = (last - first).TotalHours < 2;
        // A file's modification time is not when it was recorded (copying resets it): say which one is plotted.
        int fromFile = ok.Count(r => r.AcquiredSource != DefocusResult.AcquiredFromMetadata);
        string what = fromFile == 0 ? "acquisition time" : fromFile == ok.Count ? "file modification time" : "acquisition time (file modification time where the metadata has none)";
        var timePlot = new SvgPlot($"Defocus against {(fromFile == 0 ? "acquisition time" : "file time")} (from {first:yyyy-MM-dd HH:mm} UTC)",
            $"{what}: {(minutes ? "min" : "h")} since the first image", "mean defocus (µm)");
        var hours = new List<double>();
        var values = new List<double>();
        for (int i = 0; i < ok.Count; i++)
        {
            if (times[i] is not { } t) continue;
            hours.Add(minutes ? (t - first).TotalMinutes : (t - first).TotalHours);
            values.Add(mean[i]);
        }
        timePlot.AddScatter("images", hours, values);
        report.AddFigureRow(ReportFigure.Plot(histogram), ReportFigure.Plot(timePlot));
    }

    private static void AddTable(HtmlReport report, List<DefocusResult> rows, double[] z)
    {
        var order = Enumerable.Range(0, rows.Count).Where(i => rows[i].IsOk)
            .OrderByDescending(i => rows[i].FitScore).ThenBy(i => rows[i].File, StringComparer.Ordinal).ToList();
        var cells = new List<IReadOnlyList<string>>();
        var classes = new List<string?>();
        foreach (int i in order)
        {
            var r = rows[i];
            string? flag = Outliers.Flag(r, z[i]);
            cells.Add([
                Path.GetFileName(r.File), N(r.MeanDefocusAngstrom / 1e4, "F4"), N(r.Defocus1Angstrom, "F0"), N(r.Defocus2Angstrom, "F0"),
                N(r.AstigmatismAngleDegrees, "F1"), N(r.FitScore, "F3"), N(r.FitResolutionAngstrom, "F2"), N(r.AliasingResolutionAngstrom, "F2"),
                N(r.SecondPeakInverseAngstrom, "F4"), N(r.FftIndexInverseAngstrom, "F4"), N(r.FringeWidthPx, "F2"), flag ?? "",
            ]);
            classes.Add(flag != null ? "flagged" : null);
        }
        report.AddHeading("Images by fit score");
        report.AddTable(["file", "mean defocus (µm)", "Δf1 (Å)", "Δf2 (Å)", "angle (°)", "score", "fit res. (Å)", "rings alias at (Å)", "2nd peak (1/Å)", "fft_index (1/Å)", "fringe (px)", "flag"],
            cells, classes, "Best fit first; flagged rows are outliers. \"Rings alias at\": the finest spacing at which the spectrum's tiles still resolve the fitted rings (empty: resolved to Nyquist); a fit resolution at that value is limited by the tile size, and such a score is lower than the image's quality alone would give.");
    }

    private static void AddErrors(HtmlReport report, List<DefocusResult> rows)
    {
        var failed = rows.Where(r => !r.IsOk).ToList();
        if (failed.Count == 0) return;
        report.AddHeading($"Failed files ({failed.Count})");
        report.AddTable(["file", "error"], failed.Select(r => (IReadOnlyList<string>)[r.File, r.Error]));
    }

    internal static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string N(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
