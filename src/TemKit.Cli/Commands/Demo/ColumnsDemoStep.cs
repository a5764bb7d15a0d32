using System.Globalization;
using TemKit.IO.Csv;
using TemKit.Pipelines.Columns;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: a drifting Au [110] particle sequence with known column events at the seed's experimental-replica
/// imaging conditions (`temkit simulate column-events --conditions experimental-replica`), then atomic columns and
/// diffusion events found back (`temkit columns --track`) by the shipped replica network. A sanity check, not a benchmark
/// (docs/columns.md has the validation): fails when fewer than two thirds of the true events are found or fewer than
/// half of the detected ones are true.</summary>
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
            "--pixel-size-angstrom", "0.15", "--diameter-nm", options.Quick ? "1.5" : "2.5", "--dose-e-per-A2", "1000",
            "--conditions", "experimental-replica", "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
        ];
        string[] columns =
        [
            "columns", Path.Combine(sequence, "images.mrc"), "-o", run, "--model", DemoCli.ShippedModel("columns-au-msd-replica.tkm"), "--threshold", "0.4", "--min-spacing-angstrom", "1.5", "--track",
            "--truth", Path.Combine(sequence, "columns.csv"), "--truth-events", Path.Combine(sequence, "events.csv"),
        ];
        DemoCli.Run(folder, simulate);
        DemoCli.Run(folder, columns);
        var counts = CsvFiles.ReadTable(Path.Combine(run, "counts.csv"));
        var score = EventScore.Of(EventSequence.ReadEvents(Path.Combine(sequence, "events.csv")), EventSequence.ReadEvents(Path.Combine(run, "events.csv")));
        if (3 * score.Matched < 2 * score.TrueEvents || 2 * score.Matched < score.DetectedEvents)
            throw new InvalidOperationException($"column events: {score.Matched} of {score.TrueEvents} true events found, {score.DetectedEvents} detected (criterion: at least 2/3 found, at least half of the detected true)");
        return $"seed 001's experimental conditions (defocus 48-50 Å, Cs 7-8 µm), 1000 e/Å², shipped network models/columns-au-msd-replica.tkm: columns in frame 0 {counts.Column("columns").First()} found, " +
               $"{counts.Column("true_columns").First()} true (F1 {Fmt(counts.Column("f1").First())}); events {score.Matched} of {score.TrueEvents} found, " +
               $"{score.DetectedEvents} detected (precision {score.Precision:F2}); strip in columns-run/strip.png";
    }

    private static string Fmt(string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d.ToString("F2", CultureInfo.InvariantCulture) : v;
}
