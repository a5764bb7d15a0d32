using CsvHelper.Configuration.Attributes;
using TemKit.IO.Csv;

namespace TemKit.Simulation.Labels;

/// <summary>One row of a column list CSV (units in the column names; pixel (i, j) is the point (i·px, j·px) Å).</summary>
public sealed class ColumnRow
{
    /// <summary>Frame index (0 for a single image).</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Column index within the frame.</summary>
    [Name("column")] public int Column { get; init; }
    /// <summary>x (Å).</summary>
    [Name("x_angstrom")] public double XAngstrom { get; init; }
    /// <summary>y (Å).</summary>
    [Name("y_angstrom")] public double YAngstrom { get; init; }
    /// <summary>x (px).</summary>
    [Name("x_px")] public double XPx { get; init; }
    /// <summary>y (px).</summary>
    [Name("y_px")] public double YPx { get; init; }
    /// <summary>Atoms in the column.</summary>
    [Name("height_atoms")] public int HeightAtoms { get; init; }
    /// <summary>Most frequent element of the column (symbol).</summary>
    [Name("element")] public string Element { get; init; } = "";
}

/// <summary>Reads and writes column lists (<c>columns.csv</c>).</summary>
public static class ColumnListCsv
{
    /// <summary>The rows of <paramref name="columns"/> for frame <paramref name="frame"/> on a grid of <paramref name="pixelSizeAngstrom"/> Å/px.</summary>
    public static IEnumerable<ColumnRow> Rows(IReadOnlyList<AtomicColumn> columns, double pixelSizeAngstrom, int frame = 0)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.Select((c, i) => new ColumnRow
        {
            Frame = frame, Column = i, XAngstrom = c.XAngstrom, YAngstrom = c.YAngstrom,
            XPx = c.XAngstrom / pixelSizeAngstrom, YPx = c.YAngstrom / pixelSizeAngstrom, HeightAtoms = c.AtomCount, Element = c.Element,
        });
    }

    /// <summary>Writes <paramref name="rows"/> atomically.</summary>
    public static void Write(string path, IEnumerable<ColumnRow> rows) => CsvFiles.Write(path, rows);

    /// <summary>Reads the rows of a column list, by frame index.</summary>
    public static ILookup<int, ColumnRow> ReadRows(string path) => CsvFiles.Read<ColumnRow>(path).ToLookup(r => r.Frame);

    /// <summary>Reads a column list; the columns of each frame, by frame index.</summary>
    public static Dictionary<int, AtomicColumn[]> Read(string path) =>
        CsvFiles.Read<ColumnRow>(path).GroupBy(r => r.Frame)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Column).Select(r => new AtomicColumn(r.XAngstrom, r.YAngstrom, r.HeightAtoms, r.Element)).ToArray());
}
