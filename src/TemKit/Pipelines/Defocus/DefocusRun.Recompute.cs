using TemKit.IO;

namespace TemKit.Pipelines.Defocus;

public sealed partial class DefocusRun
{
    /// <summary>
    /// Recomputes the stages after <paramref name="stage"/> from the saved juncture files, without reading images:
    /// from "profiles" smoothing, peaks and the 2nd-peak columns; from "smoothed" the peaks and those columns; from
    /// "peaks" only the 2nd-peak columns. The CTF fit needs the 2D spectrum, so its columns are kept as saved.
    /// Rewrites the later juncture files, results.csv and the report. Returns the number of error rows.
    /// </summary>
    /// <param name="root">Run folder holding results.csv and junctures/.</param>
    /// <param name="stage">profiles, smoothed or peaks.</param>
    /// <param name="options">Smoothing and peak settings to use (the microscope constants are kept from run.json).</param>
    public static int Recompute(string root, string stage, DefocusRunOptions options)
    {
        if (!Junctures.Stages.Contains(stage)) throw new ArgumentException($"--from must be one of {string.Join(", ", Junctures.Stages)}, got '{stage}'", nameof(stage));
        var folder = RunFolder.At(root);
        if (!File.Exists(folder.ResultsPath)) throw new TemKitFormatException(folder.ResultsPath, "results.csv not found; run the pipeline first");
        var saved = folder.LoadOptions();
        var effective = saved == null ? options : saved with
        {
            SmoothingSigmaPx = options.SmoothingSigmaPx,
            MinRadiusPx = options.MinRadiusPx,
            MinRelativeProminence = options.MinRelativeProminence,
        };
        effective.Validate();
        // Rows from the parts (full precision) where they exist; results.csv keeps only 6 significant digits.
        var store = new PartStore(folder.PartsFolder);
        var rows = ResultsTable.Read(folder.ResultsPath).Select(r => store.TryLoad(r.File)?.Result ?? r).ToList();
        var profiles = stage == "profiles" ? Junctures.ReadProfiles(folder.Juncture("profiles")) : null;
        var smoothed = stage == "peaks" ? null : stage == "smoothed" ? Junctures.ReadSmoothed(folder.Juncture("smoothed")) : [];
        var peaks = stage == "peaks" ? Junctures.ReadPeaks(folder.Juncture("peaks")) : null;
        var fits = Junctures.ReadFits(folder.Juncture("fits"));
        var parts = new List<ImagePart>(rows.Count);
        foreach (var row in rows)
        {
            ProfileCurve? profile = null;
            if (profiles != null && profiles.TryGetValue(row.File, out var p))
            {
                profile = p;
                smoothed![row.File] = ProfileStages.Smooth(p, row.SpectrumPixelSizeAngstrom, row.SpectrumSizePx, effective);
            }
            SmoothedCurve? curve = smoothed != null && smoothed.TryGetValue(row.File, out var s) ? s : null;
            IReadOnlyList<RingPeak> rings = peaks != null
                ? peaks.TryGetValue(row.File, out var k) ? k : []
                : curve != null ? ProfileStages.FindPeaks(curve, row.SpectrumPixelSizeAngstrom, row.SpectrumSizePx, effective) : [];
            bool hasStages = profile != null || curve != null || rings.Count > 0;
            var updated = hasStages ? ProfileStages.WithSecondPeak(row, rings) : row;
            parts.Add(new ImagePart(updated, profile, curve, rings, fits.GetValueOrDefault(row.File)));
        }
        if (stage == "profiles") Junctures.WriteSmoothed(folder.Juncture("smoothed"), parts);
        if (stage != "peaks") Junctures.WritePeaks(folder.Juncture("peaks"), parts);
        if (saved != null) folder.SaveOptions(effective);
        ResultsTable.Write(folder.ResultsPath, parts.Select(p => p.Result));
        var forReport = stage == "peaks" ? WithSmoothed(parts, folder) : parts;
        Report.DefocusReport.Write(folder.ReportPath, forReport, folder.FiguresFolder, effective);
        return parts.Count(p => !p.Result.IsOk);
    }

    /// <summary>The report's profile plots need the smoothed curves; with --from peaks they come from the saved file.</summary>
    private static List<ImagePart> WithSmoothed(List<ImagePart> parts, RunFolder folder)
    {
        string path = folder.Juncture("smoothed");
        if (!File.Exists(path)) return parts;
        var smoothed = Junctures.ReadSmoothed(path);
        return parts.Select(p => p with { Smoothed = smoothed.GetValueOrDefault(p.Result.File) }).ToList();
    }
}
