using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: a drifting Au particle sequence with known column events (`temkit simulate column-events`), then
/// atomic columns and diffusion events found back with the network-free baseline (`temkit columns --track`).</summary>
internal sealed class ColumnsDemoStep : IDemoStep
{
    public int Order => 65;

    public string Title => "Atomic columns and diffusion events";

    public string Run(string folder, DemoOptions options)
    {
        string sequence = Path.Combine(folder, "sequence");
        string run = Path.Combine(folder, "columns-run");
        string[] simulate =
        [
            "simulate", "column-events", "-o", sequence, "--frames", options.Quick ? "2" : "4", "--grid", options.Quick ? "128" : "256",
            "--pixel-size-angstrom", options.Quick ? "0.2" : "0.15", "--diameter-nm", options.Quick ? "1.5" : "2.5", "--dose-e-per-A2", "10000",
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
        ];
        string[] columns =
        [
            "columns", Path.Combine(sequence, "images.mrc"), "-o", run, "--track", "--baseline-sigma-angstrom", "0.3",
            "--truth", Path.Combine(sequence, "columns.csv"), "--truth-events", Path.Combine(sequence, "events.csv"),
        ];
        DemoCli.Run(folder, simulate);
        DemoCli.Run(folder, columns);
        var counts = CsvFiles.ReadTable(Path.Combine(run, "counts.csv"));
        var events = CsvFiles.ReadTable(Path.Combine(run, "pairs.csv"));
        return $"columns in frame 0: {counts.Column("columns").First()} found, {counts.Column("true_columns").First()} true (F1 {Fmt(counts.Column("f1").First())}, baseline without a network); " +
               $"{events.Column("appeared").Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Sum() + events.Column("disappeared").Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Sum() + events.Column("moved").Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Sum()} events detected; strip in columns-run/strip.png";
    }

    private static string Fmt(string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d.ToString("F2", CultureInfo.InvariantCulture) : v;
}
