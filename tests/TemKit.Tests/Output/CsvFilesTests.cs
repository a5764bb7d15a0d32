using System.Globalization;
using CsvHelper.Configuration.Attributes;
using TemKit.IO;
using TemKit.IO.Csv;

namespace TemKit.Tests.Output;

public class CsvFilesTests
{
    public sealed class Row
    {
        [Name("file")] public string File { get; set; } = "";
        [Name("defocus_A")] public double DefocusAngstrom { get; set; }
        [Name("score")] public float Score { get; set; }
        [Name("frames")] public int Frames { get; set; }
        [Name("tilt_deg")] public double? TiltDegrees { get; set; }
    }

    /// <summary>
    /// A culture formatting numbers the German way (decimal comma, dot grouping). Built by hand because
    /// the project runs with invariant globalization, where "de-DE" has no locale data.
    /// </summary>
    internal static CultureInfo CommaDecimalCulture()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = ".";
        c.TextInfo.ListSeparator = ";";
        return c;
    }

    [Fact]
    public void RecordsRoundTripBitForBitUnderACommaDecimalCulture()
    {
        var rows = new[]
        {
            new Row { File = "a.mrc", DefocusAngstrom = 0.1, Score = 0.1f, Frames = 40, TiltDegrees = null },
            new Row { File = "b, \"quoted\".mrc", DefocusAngstrom = 1.0 / 3, Score = float.Epsilon, Frames = -1, TiltDegrees = -60.000000000000007 },
            new Row { File = "c.mrc", DefocusAngstrom = double.MaxValue, Score = 3.4028235e38f, Frames = 0, TiltDegrees = 5e-324 },
            new Row { File = "d.mrc", DefocusAngstrom = double.NaN, Score = -0.333333343f, Frames = 7, TiltDegrees = 12345.678901234567 },
        };
        string path = Path.Combine(PngTests.TempDir(), "t.csv");
        var saved = CultureInfo.CurrentCulture;
        List<Row> back;
        try
        {
            CultureInfo.CurrentCulture = CommaDecimalCulture();
            Assert.Equal("0,1", 0.1.ToString(CultureInfo.CurrentCulture));
            CsvFiles.Write(path, rows);
            back = CsvFiles.Read<Row>(path);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("file,defocus_A,score,frames,tilt_deg", lines[0]);
        Assert.Equal("a.mrc,0.1,0.1,40,", lines[1]);
        Assert.StartsWith("\"b, \"\"quoted\"\".mrc\",0.3333333333333333,", lines[2]);
        Assert.Equal(rows.Length, back.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i].File, back[i].File);
            Assert.Equal(BitConverter.DoubleToInt64Bits(rows[i].DefocusAngstrom), BitConverter.DoubleToInt64Bits(back[i].DefocusAngstrom));
            Assert.Equal(BitConverter.SingleToInt32Bits(rows[i].Score), BitConverter.SingleToInt32Bits(back[i].Score));
            Assert.Equal(rows[i].Frames, back[i].Frames);
            Assert.Equal(rows[i].TiltDegrees, back[i].TiltDegrees);
        }
    }

    [Fact]
    public void DynamicTablesRoundTrip()
    {
        string path = Path.Combine(PngTests.TempDir(), "table.csv");
        string[] headers = ["name", "value (Å)", "note"];
        string[][] rows = [["x", "1.5", "plain"], ["y", "-2", "has, comma"], ["z", "", "line\nbreak \"q\""]];
        CsvFiles.WriteTable(path, headers, rows);
        var table = CsvFiles.ReadTable(path);
        Assert.Equal(headers, table.Headers);
        Assert.Equal(rows, table.Rows);
        Assert.Equal(["1.5", "-2", ""], table.Column("value (Å)"));
        Assert.Throws<KeyNotFoundException>(() => table.Column("missing"));
        Assert.Throws<ArgumentException>(() => CsvFiles.WriteTable(path, headers, [["only one"]]));
        Assert.Equal(rows, CsvFiles.ReadTable(path).Rows); // the failed write left the file intact
    }

    [Fact]
    public void BadCellsAreReportedWithLineAndColumn()
    {
        string path = Path.Combine(PngTests.TempDir(), "bad.csv");
        File.WriteAllText(path, "file,defocus_A,score,frames,tilt_deg\na.mrc,1.5,0.5,3,\nb.mrc,12;5,0.5,3,\n");
        var e = Assert.Throws<TemKitFormatException>(() => CsvFiles.Read<Row>(path));
        Assert.StartsWith("bad.csv: line 3, column 'defocus_A'", e.Message);

        File.WriteAllText(path, "a,b\n1,2\n3\n");
        var e2 = Assert.Throws<TemKitFormatException>(() => CsvFiles.ReadTable(path));
        Assert.Equal("bad.csv: line 3 has 1 fields, the header has 2", e2.Message);
    }
}
