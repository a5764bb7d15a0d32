using System.Globalization;
using TemKit.IO;
using TemKit.IO.Csv;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// The juncture files of a run (the seed's CSV checkpoints between stages), in long format, one row per file and bin:
/// junctures/profiles.csv, smoothed.csv, peaks.csv and fits.csv. Numbers round-trip exactly.
/// </summary>
public static class Junctures
{
    /// <summary>Stage names accepted by <c>--from</c>, in pipeline order.</summary>
    public static IReadOnlyList<string> Stages { get; } = ["profiles", "smoothed", "peaks"];

    private static readonly string[] s_profileColumns = ["file", "radius_px", "frequency_inv_A", "value"];
    private static readonly string[] s_smoothedColumns = ["file", "radius_px", "frequency_inv_A", "raw", "smoothed", "background", "signal"];
    private static readonly string[] s_peakColumns = ["file", "index", "kind", "radius_px", "frequency_inv_A", "height", "prominence"];
    private static readonly string[] s_fitColumns = ["file", "radius_px", "frequency_inv_A", "normalised", "model_ctf2", "cross_correlation", "defocus1_A", "defocus2_A", "astigmatism_angle_deg", "phase_shift_rad"];

    /// <summary>Writes the four juncture files of <paramref name="parts"/> (in the given order) into <paramref name="folder"/>.</summary>
    public static void WriteAll(string folder, IReadOnlyList<ImagePart> parts)
    {
        Directory.CreateDirectory(folder);
        WriteProfiles(Path.Combine(folder, "profiles.csv"), parts);
        WriteSmoothed(Path.Combine(folder, "smoothed.csv"), parts);
        WritePeaks(Path.Combine(folder, "peaks.csv"), parts);
        WriteFits(Path.Combine(folder, "fits.csv"), parts);
    }

    /// <summary>Writes junctures/profiles.csv.</summary>
    public static void WriteProfiles(string path, IEnumerable<ImagePart> parts) =>
        CsvFiles.WriteTable(path, s_profileColumns, parts.Where(p => p.Profile != null).SelectMany(p =>
            Enumerable.Range(0, p.Profile!.Value.Length).Select(i => (IReadOnlyList<string>)
                [p.Result.File, F(p.Profile.RadiusPx[i]), F(p.Profile.FrequencyInverseAngstrom[i]), F(p.Profile.Value[i])])));

    /// <summary>Writes junctures/smoothed.csv.</summary>
    public static void WriteSmoothed(string path, IEnumerable<ImagePart> parts) =>
        CsvFiles.WriteTable(path, s_smoothedColumns, parts.Where(p => p.Smoothed != null).SelectMany(p =>
        {
            var s = p.Smoothed!;
            return Enumerable.Range(0, s.Signal.Length).Select(i => (IReadOnlyList<string>)
                [p.Result.File, F(s.RadiusPx[i]), F(s.FrequencyInverseAngstrom[i]), F(s.Raw[i]), F(s.Smoothed[i]), F(s.Background[i]), F(s.Signal[i])]);
        }));

    /// <summary>Writes junctures/peaks.csv (every maximum and zero of every image).</summary>
    public static void WritePeaks(string path, IEnumerable<ImagePart> parts) =>
        CsvFiles.WriteTable(path, s_peakColumns, parts.SelectMany(p => p.Peaks.Select(k => (IReadOnlyList<string>)
            [p.Result.File, k.Index.ToString(CultureInfo.InvariantCulture), k.Kind, F(k.RadiusPx), F(k.FrequencyInverseAngstrom), F(k.Height), F(k.Prominence)])));

    /// <summary>Writes junctures/fits.csv (the fit in 1D, for plots).</summary>
    public static void WriteFits(string path, IEnumerable<ImagePart> parts) =>
        CsvFiles.WriteTable(path, s_fitColumns, parts.Where(p => p.Fit != null).SelectMany(p =>
        {
            var f = p.Fit!;
            return Enumerable.Range(0, f.Normalised.Length).Select(i => (IReadOnlyList<string>)
                [p.Result.File, F(f.RadiusPx[i]), F(f.FrequencyInverseAngstrom[i]), F(f.Normalised[i]), F(f.ModelCtfSquared[i]), F(f.CrossCorrelation[i]),
                 F(f.Defocus1Angstrom), F(f.Defocus2Angstrom), F(f.AstigmatismAngleDegrees), F(f.PhaseShiftRadians)]);
        }));

    /// <summary>Reads junctures/profiles.csv, grouped by file.</summary>
    public static Dictionary<string, ProfileCurve> ReadProfiles(string path) =>
        ReadGrouped(path, s_profileColumns, rows => new ProfileCurve(rows[0], rows[1], rows[2]));

    /// <summary>Reads junctures/smoothed.csv, grouped by file.</summary>
    public static Dictionary<string, SmoothedCurve> ReadSmoothed(string path) =>
        ReadGrouped(path, s_smoothedColumns, c => new SmoothedCurve(c[0], c[1], c[2], c[3], c[4], c[5]));

    /// <summary>Reads junctures/fits.csv, grouped by file (empty when the file does not exist).</summary>
    public static Dictionary<string, FitCurve> ReadFits(string path) =>
        !File.Exists(path) ? [] : ReadGrouped(path, s_fitColumns, c => new FitCurve(c[0], c[1], c[2], c[3], c[4], c[5][0], c[6][0], c[7][0], c[8][0]));

    /// <summary>Reads junctures/peaks.csv, grouped by file.</summary>
    public static Dictionary<string, List<RingPeak>> ReadPeaks(string path)
    {
        var table = Open(path, s_peakColumns);
        var result = new Dictionary<string, List<RingPeak>>(StringComparer.Ordinal);
        int line = 1;
        foreach (var r in table.Rows)
        {
            line++;
            if (!int.TryParse(r[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
                throw new TemKitFormatException(path, $"line {line}, column 'index': '{r[1]}' is not an integer");
            if (r[2] is not ("max" or "min")) throw new TemKitFormatException(path, $"line {line}, column 'kind': '{r[2]}' is not max or min");
            var peak = new RingPeak(index, r[2], P(r[3], path, line, "radius_px"), P(r[4], path, line, "frequency_inv_A"), P(r[5], path, line, "height"), P(r[6], path, line, "prominence"));
            if (!result.TryGetValue(r[0], out var list)) result[r[0]] = list = [];
            list.Add(peak);
        }
        return result;
    }

    private static Dictionary<string, T> ReadGrouped<T>(string path, string[] columns, Func<double[][], T> build)
    {
        var table = Open(path, columns);
        var grouped = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
        var order = new List<string>();
        int line = 1;
        foreach (var r in table.Rows)
        {
            line++;
            var values = new double[columns.Length - 1];
            for (int c = 1; c < columns.Length; c++) values[c - 1] = P(r[c], path, line, columns[c]);
            if (!grouped.TryGetValue(r[0], out var list)) { grouped[r[0]] = list = []; order.Add(r[0]); }
            list.Add(values);
        }
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (string file in order)
        {
            var rows = grouped[file];
            var cols = new double[columns.Length - 1][];
            for (int c = 0; c < cols.Length; c++)
            {
                cols[c] = new double[rows.Count];
                for (int i = 0; i < rows.Count; i++) cols[c][i] = rows[i][c];
            }
            result[file] = build(cols);
        }
        return result;
    }

    private static CsvTable Open(string path, string[] columns)
    {
        var table = CsvFiles.ReadTable(path);
        for (int c = 0; c < columns.Length; c++)
            if (c >= table.Headers.Length || table.Headers[c] != columns[c])
                throw new TemKitFormatException(path, $"column {c + 1} should be '{columns[c]}' (header: {string.Join(",", table.Headers)})");
        return table;
    }

    private static string F(double v) => Cells.Format(v);

    private static double P(string cell, string path, int line, string column) => Cells.ParseDouble(cell, path, line, column);
}
