using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Simulation.Labels;

namespace TemKit.Pipelines.Columns;

public static partial class EventSequence
{
    /// <summary>Writes FOLDER/images.mrc (the frames), columns.csv (true columns per frame) and events.csv (true events), each atomically.</summary>
    public static void Write(string folder, EventSequenceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        MrcFile.Write(Path.Combine(folder, "images.mrc"), result.Frames);
        double px = result.Frames.VoxelSize.XAngstrom;
        ColumnListCsv.Write(Path.Combine(folder, "columns.csv"), result.Columns.SelectMany((c, t) => ColumnListCsv.Rows(c, px, t)));
        CsvFiles.Write(Path.Combine(folder, "events.csv"), result.Events.Select(ColumnRun.EventRow));
    }

    /// <summary>Reads an events.csv (of a sequence or a run).</summary>
    public static ColumnEvent[] ReadEvents(string path) =>
        [.. CsvFiles.Read<ColumnEventRow>(path).Select(r => new ColumnEvent(r.FromFrame,
            Enum.TryParse<ColumnEventKind>(r.Kind, ignoreCase: true, out var kind) ? kind : throw new IO.TemKitFormatException(path, $"unknown event kind '{r.Kind}' (appeared, disappeared, moved)"),
            r.XAngstrom, r.YAngstrom, r.DisplacementAngstrom))];
}
