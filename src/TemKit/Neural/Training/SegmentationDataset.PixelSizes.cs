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
    /// </summary>
    public static double[]? DatasetPixelSizes(string imagesPath, int frames)
    {
        if (!File.Exists(imagesPath)) return null;
        string paramsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(imagesPath))!, "params.csv");
        if (!File.Exists(paramsPath)) return null;
        var table = CsvFiles.ReadTable(paramsPath);
        int column = table.ColumnIndex("pixel_size_angstrom");
        if (column < 0) return null;
        if (table.Rows.Count != frames)
            throw new TemKitFormatException(paramsPath, $"{table.Rows.Count} rows for the {frames} frames of {imagesPath}");
        var sizes = new double[frames];
        for (int i = 0; i < frames; i++)
        {
            if (!double.TryParse(table.Rows[i][column], NumberStyles.Float, CultureInfo.InvariantCulture, out sizes[i]) || !(sizes[i] > 0))
                throw new TemKitFormatException(paramsPath, $"row {i + 1}: pixel_size_angstrom '{table.Rows[i][column]}' is not a positive number");
        }
        return sizes;
    }
}
