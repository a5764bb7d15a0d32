using System.Globalization;
using CsvHelper;

namespace TemKit.Pipelines.Detector;

/// <summary>
/// Frame doses given by the user: a CSV with a <c>frame</c> column (0-based), <c>dose_e_per_px</c> or
/// <c>dose_e_per_A2</c>, and optionally <c>file</c> (file name, matched without folder; rows without it apply to every
/// file).
/// </summary>
public sealed class DoseTable
{
    private readonly Dictionary<(string File, int Frame), double> _perPixel = new();
    private readonly Dictionary<(string File, int Frame), double> _perA2 = new();

    /// <summary>Reads the table at <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or
    /// <see cref="InvalidDataException"/> with a message naming the file, line and column at fault.</summary>
    public static DoseTable Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        var table = new DoseTable();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null) throw new InvalidDataException($"{path}: no header row");
        var header = csv.HeaderRecord;
        bool hasFile = header.Contains("file"), perPixel = header.Contains("dose_e_per_px"), perA2 = header.Contains("dose_e_per_A2");
        if (!header.Contains("frame") || !(perPixel || perA2))
            throw new InvalidDataException($"{path}: needs columns frame and dose_e_per_px or dose_e_per_A2");
        while (csv.Read())
        {
            int line = csv.Parser.Row;
            if (!int.TryParse(csv.GetField("frame"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int frame) || frame < 0)
                throw new InvalidDataException($"{path} line {line}: frame '{csv.GetField("frame")}' is not a frame index ≥ 0");
            string file = hasFile ? Path.GetFileName(csv.GetField("file") ?? "") : "";
            string column = perPixel ? "dose_e_per_px" : "dose_e_per_A2";
            if (!double.TryParse(csv.GetField(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double dose) || !(dose > 0))
                throw new InvalidDataException($"{path} line {line}: {column} '{csv.GetField(column)}' is not a positive number");
            (perPixel ? table._perPixel : table._perA2)[(file, frame)] = dose;
        }
        return table;
    }

    /// <summary>The dose of frame <paramref name="frame"/> of <paramref name="file"/> in e/px, or null if the table has
    /// none. Throws <see cref="InvalidDataException"/> if only e/Å² is given and <paramref name="pixelSizeAngstrom"/>
    /// (Å) is unknown (not &gt; 0).</summary>
    public double? DoseElectronsPerPixel(string file, int frame, double pixelSizeAngstrom)
    {
        string name = Path.GetFileName(file);
        if (_perPixel.TryGetValue((name, frame), out double d) || _perPixel.TryGetValue(("", frame), out d)) return d;
        if (_perA2.TryGetValue((name, frame), out d) || _perA2.TryGetValue(("", frame), out d))
        {
            if (!(pixelSizeAngstrom > 0)) throw new InvalidDataException("dose given in e/Å² but the file has no pixel size; give --pixel-size-angstrom");
            return d * pixelSizeAngstrom * pixelSizeAngstrom;
        }
        return null;
    }
}
