using System.Globalization;
using TemKit.IO;
using TemKit.IO.Csv;

namespace TemKit.Pipelines.Defocus;

/// <summary>Reads and writes RUN/results.csv: one <see cref="DefocusResult"/> per row, numbers to
/// <see cref="Cells.SignificantDigits"/> significant digits (the junctures keep full precision).</summary>
public static class ResultsTable
{
    /// <summary>Column names, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "file", "status", "error", "defocus1_A", "defocus2_A", "astigmatism_angle_deg", "mean_defocus_A", "fit_score",
        "fit_resolution_A", "second_peak_px", "second_peak_inv_A", "fft_index", "fringe_width_px", "mean_intensity",
        "acquired", "pixel_size_A", "spectrum_pixel_size_A", "spectrum_size_px", "acquired_source", "aliasing_resolution_A",
        "score_band_low_A", "score_band_high_A",
    ];

    /// <summary>Columns added later: a results file from an older run may lack them (defaults are used).</summary>
    private static readonly HashSet<string> s_optional = ["acquired_source", "aliasing_resolution_A", "score_band_low_A", "score_band_high_A"];

    /// <summary>Writes the rows atomically.</summary>
    public static void Write(string path, IEnumerable<DefocusResult> rows) =>
        CsvFiles.WriteTable(path, (IReadOnlyList<string>)Columns, rows.Select(ToCells));

    /// <summary>Reads a results file; throws <see cref="TemKitFormatException"/> naming a missing column or bad cell.</summary>
    public static List<DefocusResult> Read(string path)
    {
        var table = CsvFiles.ReadTable(path);
        var index = new Dictionary<string, int>();
        foreach (string c in Columns)
        {
            int i = table.ColumnIndex(c);
            if (i < 0 && !s_optional.Contains(c)) throw new TemKitFormatException(path, $"column '{c}' is missing");
            index[c] = i;
        }
        var rows = new List<DefocusResult>(table.Rows.Count);
        int line = 1;
        foreach (var r in table.Rows)
        {
            line++;
            double D(string c) => Cells.ParseDouble(r[index[c]], path, line, c);
            double Optional(string c) => index[c] >= 0 ? D(c) : double.NaN;
            rows.Add(new DefocusResult
            {
                File = r[index["file"]],
                Status = r[index["status"]],
                Error = r[index["error"]],
                Defocus1Angstrom = D("defocus1_A"),
                Defocus2Angstrom = D("defocus2_A"),
                AstigmatismAngleDegrees = D("astigmatism_angle_deg"),
                FitScore = D("fit_score"),
                FitResolutionAngstrom = D("fit_resolution_A"),
                SecondPeakPx = D("second_peak_px"),
                SecondPeakInverseAngstrom = D("second_peak_inv_A"),
                FftIndexInverseAngstrom = D("fft_index"),
                FringeWidthPx = D("fringe_width_px"),
                MeanIntensity = D("mean_intensity"),
                Acquired = r[index["acquired"]],
                PixelSizeAngstrom = D("pixel_size_A"),
                SpectrumPixelSizeAngstrom = D("spectrum_pixel_size_A"),
                SpectrumSizePx = (int)Cells.ParseDouble(r[index["spectrum_size_px"]], path, line, "spectrum_size_px"),
                AcquiredSource = index["acquired_source"] >= 0 ? r[index["acquired_source"]] : DefocusResult.AcquiredFromFile,
                AliasingResolutionAngstrom = Optional("aliasing_resolution_A"),
                ScoreBandLowResolutionAngstrom = Optional("score_band_low_A"),
                ScoreBandHighResolutionAngstrom = Optional("score_band_high_A"),
            });
        }
        return rows;
    }

    private static string[] ToCells(DefocusResult r) =>
    [
        r.File, r.Status, r.Error, Cells.Short(r.Defocus1Angstrom), Cells.Short(r.Defocus2Angstrom),
        Cells.Short(r.AstigmatismAngleDegrees), Cells.Short(r.MeanDefocusAngstrom), Cells.Short(r.FitScore),
        Cells.Short(r.FitResolutionAngstrom), Cells.Short(r.SecondPeakPx), Cells.Short(r.SecondPeakInverseAngstrom),
        Cells.Short(r.FftIndexInverseAngstrom), Cells.Short(r.FringeWidthPx), Cells.Short(r.MeanIntensity), r.Acquired,
        Cells.Short(r.PixelSizeAngstrom), Cells.Short(r.SpectrumPixelSizeAngstrom), r.SpectrumSizePx.ToString(CultureInfo.InvariantCulture), r.AcquiredSource,
        Cells.Short(r.AliasingResolutionAngstrom), Cells.Short(r.ScoreBandLowResolutionAngstrom), Cells.Short(r.ScoreBandHighResolutionAngstrom),
    ];
}

/// <summary>Number formatting shared by the juncture files: round-trip ("R"), invariant culture, NaN as an empty cell.</summary>
public static class Cells
{
    /// <summary>Formats a number so that parsing it gives back the same double.</summary>
    public static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Significant digits of the numbers in results.csv: far beyond any measurement's precision, short to read.</summary>
    public const int SignificantDigits = CsvFiles.ResultSignificantDigits;

    /// <summary>Formats a number to <see cref="SignificantDigits"/> significant digits (invariant culture, NaN empty).</summary>
    public static string Short(double value) => CsvFiles.ResultNumber(value);

    /// <summary>Parses a cell written by <see cref="Format"/>; empty = NaN.</summary>
    public static double ParseDouble(string cell, string path, int line, string column)
    {
        if (cell.Length == 0) return double.NaN;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new TemKitFormatException(path, $"line {line}, column '{column}': '{cell}' is not a number");
    }
}
