using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace TemKit.IO.Csv;

/// <summary>
/// CSV files for tables of results, always in the invariant culture (decimal point, comma separator)
/// whatever the machine's locale, written atomically through <see cref="AtomicFile"/>.
/// <para>
/// Numbers: <c>double</c> and <c>float</c> are written in the shortest form that parses back to the
/// identical value ("R" format: at most 17 significant digits for double, 9 for float), so a CSV written
/// and read back reproduces every bit. Column names come from CsvHelper's <c>[Name]</c> attributes on the
/// record (use snake_case with units, e.g. <c>defocus_A</c>), else from the property names.
/// </para>
/// </summary>
public static class CsvFiles
{
    /// <summary>The configuration used for every TemKit CSV: invariant culture, header row, comma-separated.</summary>
    public static CsvConfiguration Configuration(bool hasHeader = true) => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = hasHeader,
        NewLine = "\n",
    };

    /// <summary>The reading configuration: as <see cref="Configuration"/> but accepting \n, \r\n and \r line ends (a CSV
    /// saved on Windows or by Excel must not leave a \r in its last column).</summary>
    private static CsvConfiguration ReadConfiguration() => new(CultureInfo.InvariantCulture) { HasHeaderRecord = true };

    /// <summary>Significant digits of the numbers in result tables meant for people (a microscopist's results,
    /// not junctures or ground truth read back by programs): enough for any measured quantity, short enough to read.</summary>
    public const int ResultSignificantDigits = 6;

    /// <summary>A number for a result table: <see cref="ResultSignificantDigits"/> significant digits in the invariant
    /// culture, empty for NaN (not measured), "inf" / "-inf" for infinities.</summary>
    public static string ResultNumber(double value) =>
        double.IsNaN(value) ? "" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("G" + ResultSignificantDigits, CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="records"/> with a header row; numbers round-trip exactly unless
    /// <paramref name="significantDigits"/> is given (e.g. <see cref="ResultSignificantDigits"/> for result tables).</summary>
    public static void Write<T>(string path, IEnumerable<T> records, int? significantDigits = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (significantDigits is < 1 or > 17) throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, "1-17 significant digits");
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            using var csv = new CsvWriter(writer, Configuration());
            NumberFormat(csv.Context, significantDigits is { } digits ? $"G{digits}" : "R");
            csv.WriteRecords(records);
        });
    }

    /// <summary>Reads every record of a CSV with a header row; problems raise a <see cref="TemKitFormatException"/> naming the row and field.</summary>
    public static List<T> Read<T>(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        try
        {
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, ReadConfiguration());
            return csv.GetRecords<T>().ToList();
        }
        catch (CsvHelperException e)
        {
            throw new TemKitFormatException(path, Describe(e), e);
        }
    }

    /// <summary>Writes a table whose columns are known only at run time; cells are written as given (quoted where needed).</summary>
    public static void WriteTable(string path, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            using var csv = new CsvWriter(writer, Configuration());
            foreach (string h in headers) csv.WriteField(h);
            csv.NextRecord();
            int line = 1;
            foreach (var row in rows)
            {
                line++;
                if (row.Count != headers.Count)
                    throw new ArgumentException($"row {line - 1} has {row.Count} cells, the header {headers.Count}", nameof(rows));
                foreach (string cell in row) csv.WriteField(cell);
                csv.NextRecord();
            }
        });
    }

    /// <summary>Reads a CSV with a header row as strings; every row must have as many cells as the header.</summary>
    public static CsvTable ReadTable(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        try
        {
            using var reader = new StreamReader(path);
            using var parser = new CsvParser(reader, ReadConfiguration());
            if (!parser.Read()) throw new TemKitFormatException(path, "empty file, a header row is expected");
            string[] headers = parser.Record!;
            var rows = new List<string[]>();
            while (parser.Read())
            {
                string[] row = parser.Record!;
                if (row.Length == 1 && row[0].Length == 0) continue;
                if (row.Length != headers.Length)
                    throw new TemKitFormatException(path, $"line {parser.RawRow} has {row.Length} fields, the header has {headers.Length}");
                rows.Add(row);
            }
            return new CsvTable(headers, rows);
        }
        catch (CsvHelperException e)
        {
            throw new TemKitFormatException(path, Describe(e), e);
        }
    }

    private static void NumberFormat(CsvContext context, string format)
    {
        context.TypeConverterOptionsCache.GetOptions<double>().Formats = [format];
        context.TypeConverterOptionsCache.GetOptions<float>().Formats = [format];
        context.TypeConverterOptionsCache.GetOptions<double?>().Formats = [format];
        context.TypeConverterOptionsCache.GetOptions<float?>().Formats = [format];
    }

    /// <summary>"no column(s) 'a', 'b' (the file has: x, y)": what a reader needed and did not find.</summary>
    private static string Missing(string[] needed, string[] present) =>
        $"no column{(needed.Length > 1 ? "s" : "")} {string.Join(", ", needed.Select(n => $"'{n}'"))} (the file has: {string.Join(", ", present)})";

    private static string Describe(CsvHelperException e)
    {
        var ctx = e.Context;
        string where = ctx?.Parser is { } p ? $"line {p.RawRow}" : "CSV";
        string field = e is ReaderException or TypeConverterException && ctx?.Reader?.HeaderRecord is { } header && ctx.Reader.CurrentIndex >= 0 && ctx.Reader.CurrentIndex < header.Length
            ? $", column '{header[ctx.Reader.CurrentIndex]}'"
            : "";
        string first = e switch
        {
            BadDataException => "malformed field (a quote inside an unquoted field, or an unclosed quote); expected comma-separated values with fields quoted as \"…\"",
            HeaderValidationException h => Missing([.. h.InvalidHeaders.SelectMany(i => i.Names)], ctx?.Reader?.HeaderRecord ?? []),
            _ => e.Message.Split('\n')[0].Trim(),
        };
        return $"{where}{field}: {first}";
    }
}

/// <summary>A CSV read as strings: the header row and the data rows (each as long as the header).</summary>
public sealed record CsvTable(string[] Headers, IReadOnlyList<string[]> Rows)
{
    /// <summary>Index of the column named <paramref name="header"/> (ordinal comparison); −1 when absent.</summary>
    public int ColumnIndex(string header) => Array.IndexOf(Headers, header);

    /// <summary>The cells of column <paramref name="header"/>; throws when absent.</summary>
    public IEnumerable<string> Column(string header)
    {
        int i = ColumnIndex(header);
        if (i < 0) throw new KeyNotFoundException($"no column '{header}' (columns: {string.Join(", ", Headers)})");
        return Rows.Select(r => r[i]);
    }
}
