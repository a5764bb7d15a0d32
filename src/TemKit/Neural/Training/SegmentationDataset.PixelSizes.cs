using System.Globalization;
using TemKit.IO;
using TemKit.IO.Csv;

namespace TemKit.Neural.Training;

public static partial class SegmentationDataset
{
    /// <summary>
    /// Per-frame pixel sizes (Å/px) of an image stack from the params.csv beside it (`temkit simulate dataset` draws a
    /// pixel size per particle, and the stack header can only hold their mean); null when there is no such file or it
    /// has no pixel_size_angstrom column. A params.csv whose row count differs from the frame count is an error.
    /// With <paramref name="samples"/> (several frames per sample) the table may instead hold one row per sample; the
    /// result has one value per sample either way.
    /// </summary>
    public static double[]? DatasetPixelSizes(string imagesPath, int frames, int? samples = null)
    {
        if (!File.Exists(imagesPath)) return null;
        string paramsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(imagesPath))!, "params.csv");
        if (!File.Exists(paramsPath)) return null;
        var table = CsvFiles.ReadTable(paramsPath);
        int column = table.ColumnIndex("pixel_size_angstrom");
        if (column < 0) return null;
        int n = samples ?? frames;
        if (table.Rows.Count != frames && table.Rows.Count != n)
            throw new TemKitFormatException(paramsPath, $"{table.Rows.Count} rows for the {frames} frames of {imagesPath}");
        int stride = table.Rows.Count / n;
        var sizes = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = table.Rows[i * stride];
            if (!double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out sizes[i]) || !(sizes[i] > 0))
                throw new TemKitFormatException(paramsPath, $"row {i * stride + 1}: pixel_size_angstrom '{row[column]}' is not a positive number");
        }
        return sizes;
    }
}
