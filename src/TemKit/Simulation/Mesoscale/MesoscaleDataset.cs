using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Simulation.Datasets;

namespace TemKit.Simulation.Mesoscale;

/// <summary>What one call of <see cref="MesoscaleDataset.Run"/> did.</summary>
/// <param name="InShard">Fields this run (shard) owns.</param>
/// <param name="Skipped">Fields already complete (resumed).</param>
/// <param name="Simulated">Fields simulated now.</param>
/// <param name="Complete">True when every field of the dataset exists and fields.csv and masks.mrc were written.</param>
public sealed record MesoscaleDatasetSummary(int InShard, int Skipped, int Simulated, bool Complete);

/// <summary>
/// A dataset of mesoscale fields in a folder, resumable and shardable like the tilt dataset: DS/dataset.json (count,
/// seed, ranges), per field DS/images/fNNNNN.mrc (detected frame, the true defocus in its header), DS/masks/fNNNNN.mrc
/// (0/1) and DS/records/fNNNNN.json (its truth; written last, so it marks the field complete); when every field
/// exists, DS/fields.csv (one row per field) and DS/masks.mrc (the masks as one stack in field order, for
/// <c>temkit segment --truth</c>). Field i draws from its own random stream (<see cref="DatasetGenerator.ItemSeed"/>),
/// so shards and reruns give the same fields.
/// </summary>
public static class MesoscaleDataset
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Image path of field <paramref name="index"/>, relative to the dataset folder.</summary>
    public static string ImagePath(int index) => $"images/f{index:D5}.mrc";

    /// <summary>Mask path of field <paramref name="index"/>, relative to the dataset folder.</summary>
    public static string MaskPath(int index) => $"masks/f{index:D5}.mrc";

    private static string RecordPath(int index) => $"records/f{index:D5}.json";

    /// <summary>
    /// Simulates the fields of shard <paramref name="shardIndex"/> of <paramref name="shardCount"/> (fields with index mod
    /// N = K) that are not complete yet, calling <paramref name="fieldDone"/> after each; throws
    /// <see cref="InvalidOperationException"/> when the folder holds a dataset made with another count, seed or ranges.
    /// </summary>
    public static MesoscaleDatasetSummary Run(string folder, MesoscaleDatasetRanges ranges, int count, long seed, int shardIndex = 0, int shardCount = 1,
        Action<MesoscaleFieldRecord>? fieldDone = null, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ranges.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) throw new ArgumentException($"shard {shardIndex}/{shardCount}: K must be in 0..N-1");
        folder = Path.GetFullPath(folder);
        foreach (string sub in new[] { "images", "masks", "records" }) Directory.CreateDirectory(Path.Combine(folder, sub));
        CheckPlan(folder, ranges, count, seed);
        var mine = Enumerable.Range(0, count).Where(i => i % shardCount == shardIndex).ToList();
        var todo = mine.Where(i => !IsComplete(folder, i)).ToList();
        var gate = new object();
        Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, index =>
        {
            var record = SimulateField(folder, ranges, seed, index);
            if (fieldDone != null) lock (gate) fieldDone(record);
        });
        bool complete = Enumerable.Range(0, count).All(i => IsComplete(folder, i));
        if (complete) WriteTables(folder, count);
        return new MesoscaleDatasetSummary(mine.Count, mine.Count - todo.Count, todo.Count, complete);
    }

    /// <summary>Field <paramref name="index"/> of the dataset (seed, ranges) as it is simulated, in memory.</summary>
    public static MesoscaleField Field(MesoscaleDatasetRanges ranges, long seed, int index)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var rng = new Random(DatasetGenerator.ItemSeed(seed, index));
        var (px, imaging) = ranges.Draw(rng);
        return MesoscaleField.Simulate(ranges.Specimen, ranges.SizePx, px, imaging, rng);
    }

    /// <summary>Reads DS/fields.csv.</summary>
    public static List<MesoscaleFieldRecord> ReadFields(string folder)
    {
        string path = Path.Combine(folder, "fields.csv");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (is the dataset complete?)", path);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<MesoscaleFieldRecord>().ToList();
    }

    private static MesoscaleFieldRecord SimulateField(string folder, MesoscaleDatasetRanges ranges, long seed, int index)
    {
        var field = Field(ranges, seed, index);
        var record = MesoscaleFieldRecord.Of(index, DatasetGenerator.ItemSeed(seed, index), field);
        MrcFile.Write(Path.Combine(folder, MaskPath(index)), field.Specimen.MaskImage);
        MrcFile.Write(Path.Combine(folder, ImagePath(index)), field.Detected);
        AtomicFile.WriteAllText(Path.Combine(folder, RecordPath(index)), JsonSerializer.Serialize(record, s_json));
        return record;
    }

    private static bool IsComplete(string folder, int index) =>
        File.Exists(Path.Combine(folder, RecordPath(index))) && File.Exists(Path.Combine(folder, ImagePath(index))) && File.Exists(Path.Combine(folder, MaskPath(index)));

    private sealed record Plan(int Count, long Seed, MesoscaleDatasetRanges Ranges);

    /// <summary>Writes DS/dataset.json, or checks a present one describes the same dataset.</summary>
    private static void CheckPlan(string folder, MesoscaleDatasetRanges ranges, int count, long seed)
    {
        string path = Path.Combine(folder, "dataset.json");
        string text = JsonSerializer.Serialize(new Plan(count, seed, ranges), s_json);
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, text);
            return;
        }
        if (File.ReadAllText(path) != text)
            throw new InvalidOperationException($"{path}: this folder holds a dataset made with another count, seed or ranges; give a new folder or the same settings to resume");
    }

    private static void WriteTables(string folder, int count)
    {
        var records = Enumerable.Range(0, count)
            .Select(i => JsonSerializer.Deserialize<MesoscaleFieldRecord>(File.ReadAllText(Path.Combine(folder, RecordPath(i))), s_json)
                ?? throw new TemKitFormatException(Path.Combine(folder, RecordPath(i)), "empty field record"))
            .ToList();
        AtomicFile.Write(Path.Combine(folder, "fields.csv"), stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteRecords(records);
        });
        var first = MrcFile.Read(Path.Combine(folder, MaskPath(0)));
        int n = first.Nx * first.Ny;
        var stack = new float[(long)n * count];
        for (int i = 0; i < count; i++)
        {
            var m = i == 0 ? first : MrcFile.Read(Path.Combine(folder, MaskPath(i)));
            if (m.Nx != first.Nx || m.Ny != first.Ny) throw new TemKitFormatException(Path.Combine(folder, MaskPath(i)), $"mask is {m.Nx}x{m.Ny}, field 0's {first.Nx}x{first.Ny}");
            m.Array.AsSpan(0, n).CopyTo(stack.AsSpan(i * n, n));
        }
        MrcFile.Write(Path.Combine(folder, "masks.mrc"), new ImageStack(first.Nx, first.Ny, count, stack, StackKind.ImageStack, first.VoxelSize));
    }
}
