using System.Globalization;
using CsvHelper;
using TemKit.IO;

namespace TemKit.Cli.Commands.Detector;

/// <summary>Writes records as CSV (invariant culture) through <see cref="AtomicFile"/>.</summary>
internal static class CsvOut
{
    public static void Write<T>(string path, IEnumerable<T> records) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteRecords(records);
    });
}
