using TemKit.IO.Csv;

namespace TemKit.Tests.IO.Csv;

/// <summary>CSV files saved with Windows (\r\n) or old Mac (\r) line ends read like Unix ones: no \r is left in the last
/// column's name or values (a `temkit stats` table from Excel once failed with "no column 'b'").</summary>
public sealed class CsvLineEndingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "temkit-csv-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void EveryLineEndReadsTheSameTable(string newline)
    {
        File.WriteAllText(_path, string.Join(newline, "a,b", "1,2", "2,4", "3,7") + newline);
        var table = CsvFiles.ReadTable(_path);
        Assert.Equal(["a", "b"], table.Headers);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["3", "7"], table.Rows[2]);
    }

    [Fact]
    public void TypedRecordsReadFromWindowsLineEnds()
    {
        File.WriteAllText(_path, "a,b\r\n1,2.5\r\n");
        var rows = CsvFiles.Read<Row>(_path);
        Assert.Equal(2.5, Assert.Single(rows).B);
    }

    private sealed class Row
    {
        [CsvHelper.Configuration.Attributes.Name("a")] public int A { get; set; }
        [CsvHelper.Configuration.Attributes.Name("b")] public double B { get; set; }
    }
}
