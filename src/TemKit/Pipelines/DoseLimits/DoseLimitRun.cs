using System.Globalization;
using CsvHelper;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.Neural.Models;
using TemKit.Reporting;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>Everything <c>temkit dose-limits</c> needs.</summary>
/// <param name="ModelPaths">Model files (.tkm); each is named by its file name without extension.</param>
/// <param name="SeriesPath">The image stack.</param>
/// <param name="DosePath">Per-frame dose CSV; null = frames.csv beside the stack, else the header.</param>
/// <param name="MasksPath">Exact mask stack, or null (the last frame's segmentation is then the target).</param>
/// <param name="PixelSizeAngstrom">Pixel size overriding the stack's header (Å/px), or null.</param>
/// <param name="Options">Analysis settings.</param>
public sealed record DoseLimitRunParameters(IReadOnlyList<string> ModelPaths, string SeriesPath, string? DosePath, string? MasksPath,
    double? PixelSizeAngstrom, DoseLimitOptions Options);

/// <summary>What <see cref="DoseLimitRun.Run"/> wrote.</summary>
/// <param name="Analysis">The numbers.</param>
/// <param name="Folder">The run folder.</param>
/// <param name="FramesCsv">RUN/frames.csv: one row per model and frame.</param>
/// <param name="SummaryCsv">RUN/summary.csv: one row per model.</param>
/// <param name="ReportPath">RUN/report.html.</param>
public sealed record DoseLimitRunResult(DoseLimitResult Analysis, string Folder, string FramesCsv, string SummaryCsv, string ReportPath);

/// <summary>
/// <c>temkit dose-limits</c> as a library job: checks the inputs (dose of every frame, mask stack size, model pixel
/// sizes) before writing anything, locks the run folder, runs <see cref="DoseLimitAnalysis"/> and writes frames.csv,
/// summary.csv, the SVG figures, overlay PNGs, provenance.json and report.html, each atomically.
/// </summary>
public static class DoseLimitRun
{
    /// <summary>Columns of summary.csv.</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
        ["model", "target", "dose_50pct_e_per_A2", "dose_converged_e_per_A2", "band_min_nm2", "band_max_nm2", "target_area_nm2", "mean_f1", "mean_f1_low_dose", "mean_f1_high_dose"];

    /// <summary>Runs the analysis into <paramref name="folder"/>; throws <see cref="TemKitFormatException"/> naming the
    /// file for a bad input (nothing is written then) and <see cref="RunFolderInUseException"/> when another process
    /// holds the folder.</summary>
    public static DoseLimitRunResult Run(DoseLimitRunParameters parameters, string folder, IProgress<JobProgress>? progress = null, string? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Options.Validate();
        if (parameters.ModelPaths.Count == 0) throw new ArgumentException("at least one model is needed");
        using var input = DoseSeriesInput.Open(parameters.SeriesPath, parameters.DosePath, parameters.MasksPath, parameters.PixelSizeAngstrom);
        var models = new List<DoseLimitModel>();
        foreach (string path in parameters.ModelPaths)
        {
            var model = ModelFile.Load(path);
            input.CheckModel(path, model);
            models.Add(new DoseLimitModel(UniqueName(models, Path.GetFileNameWithoutExtension(path)), model));
        }
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        using var held = RunFolderLock.ForFolder(folder);
        RunFolderKind.Claim(folder, "dose-limits");
        var provenance = Provenance.Now(parameters, commandLine);
        provenance.Save(Path.Combine(folder, "provenance.json"));
        var analysis = DoseLimitAnalysis.Analyse(input.Frames(), models, parameters.Options, progress, input.FrameCount);
        string frames = Path.Combine(folder, "frames.csv"), summary = Path.Combine(folder, "summary.csv"), report = Path.Combine(folder, "report.html");
        CsvFiles.Write(frames, analysis.Models.SelectMany(m => m.Rows));
        WriteSummary(summary, analysis);
        DoseLimitPlots.Area(analysis).Save(Path.Combine(folder, "area_vs_dose.svg"));
        DoseLimitPlots.F1AgainstDose(analysis)?.Save(Path.Combine(folder, "f1_vs_dose.svg"));
        DoseLimitPlots.F1Histogram(analysis)?.Save(Path.Combine(folder, "f1_histogram.svg"));
        string overlays = Path.Combine(folder, "overlays");
        Directory.CreateDirectory(overlays);
        for (int k = 0; k < analysis.Models.Count; k++)
        {
            AtomicFile.WriteAllBytes(Path.Combine(overlays, $"{analysis.Models[k].Name}_at_dose.png"), DoseLimitPlots.OverlayPng(analysis.AtOverlayDose[k], k));
            AtomicFile.WriteAllBytes(Path.Combine(overlays, $"{analysis.Models[k].Name}_largest.png"), DoseLimitPlots.OverlayPng(analysis.AtLargestArea[k], k));
        }
        DoseLimitReport.Build(analysis, parameters, provenance).Save(report);
        return new DoseLimitRunResult(analysis, folder, frames, summary, report);
    }

    /// <summary>The summary table: one row per model (the cells of summary.csv and the report).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SummaryRows(DoseLimitResult analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        double nm2 = analysis.PixelSizeAngstrom * analysis.PixelSizeAngstrom / 100;
        static string N(double? v, string format) => v is double d && double.IsFinite(d) ? d.ToString(format, CultureInfo.InvariantCulture) : "";
        return analysis.Models.Select(m => (IReadOnlyList<string>)
        [
            m.Name, m.TargetIsExact ? "exact masks" : "last frame",
            N(m.Measures.FiftyPercentDoseElectronsPerAngstrom2, "G4"), N(m.Measures.ConvergenceDoseElectronsPerAngstrom2, "G4"),
            N(m.Measures.BandMinAreaPx * nm2, "F3"), N(m.Measures.BandMaxAreaPx * nm2, "F3"),
            N(m.Rows.Count > 0 ? m.Rows[^1].TargetPx * nm2 : double.NaN, "F3"),
            N(m.MeanF1, "F4"), N(m.MeanF1LowDose, "F4"), N(m.MeanF1HighDose, "F4"),
        ]).ToList();
    }

    private static void WriteSummary(string path, DoseLimitResult analysis) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        using var csv = new CsvWriter(writer, CsvFiles.Configuration());
        foreach (string c in SummaryColumns) csv.WriteField(c);
        csv.NextRecord();
        foreach (var row in SummaryRows(analysis))
        {
            foreach (string cell in row) csv.WriteField(cell);
            csv.NextRecord();
        }
    });

    private static string UniqueName(List<DoseLimitModel> models, string name)
    {
        string unique = name;
        for (int i = 2; models.Any(m => m.Name == unique); i++) unique = $"{name}_{i}";
        return unique;
    }
}
