using System.Globalization;
using CsvHelper;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Simulation.Datasets;

namespace TemKit.Simulation.FocalSeries;

/// <summary>A generated focal-series dataset: 3·N images (triplet-major), N class maps, one parameter row per triplet, every labelled column.</summary>
/// <param name="Images">Detected images; frames 3t, 3t + 1, 3t + 2 are triplet t at its three defoci.</param>
/// <param name="Labels">Class maps, one per triplet.</param>
/// <param name="Records">Parameters of every triplet.</param>
/// <param name="Columns">Every labelled column of every triplet.</param>
/// <param name="ClassNames">Names of the label classes (background, metal, X2, X1).</param>
public sealed record FocalSeriesDataset(ImageStack Images, ImageStack Labels, IReadOnlyList<FocalSeriesRecord> Records, IReadOnlyList<ColumnRecord> Columns, string[] ClassNames)
{
    /// <summary>
    /// Generates <paramref name="count"/> triplets in parallel; triplet t draws from its own stream
    /// <see cref="DatasetGenerator.ItemSeed"/>(seed, t), so the result does not depend on thread scheduling and datasets
    /// made with different seeds can be combined (shard by seed). <paramref name="advance"/> is called per triplet.
    /// </summary>
    public static FocalSeriesDataset Generate(FocalSeriesRanges ranges, int count, long seed, Action? advance = null, int maxParallelism = -1)
    {
        ranges.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int n = ranges.GridPixels, plane = n * n;
        long bytes = 4L * count * plane * sizeof(float);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available / 2)
            throw new ArgumentException($"{count} triplets of {n}x{n} need {bytes / (1 << 20)} MiB, more than half the memory available ({available / (1 << 20)} MiB): make several datasets with different seeds");
        var images = new float[3L * count * plane];
        var labels = new float[(long)count * plane];
        var records = new FocalSeriesRecord[count];
        var columns = new List<ColumnRecord>[count];
        string[] names = [];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, t =>
        {
            int tripletSeed = DatasetGenerator.ItemSeed(seed, t);
            var sample = FocalSeriesSimulator.Simulate(ranges, new Random(tripletSeed), t, tripletSeed);
            sample.Images.Data.CopyTo(images.AsSpan((int)(3L * t * plane), 3 * plane));
            sample.Labels.Pixels.CopyTo(labels.AsSpan(t * plane, plane));
            records[t] = sample.Record;
            columns[t] = [.. sample.ColumnRows(t)];
            names = sample.ClassNames;
            advance?.Invoke();
        });
        double px = records.Average(r => r.PixelSizeAngstrom);
        var voxel = new VoxelSize(px, px, 0);
        var metadata = new ImageMetadata { VoltageKilovolts = ranges.VoltageKilovolts };
        return new FocalSeriesDataset(
            new ImageStack(n, n, 3 * count, images, StackKind.ImageStack, voxel, metadata),
            new ImageStack(n, n, count, labels, StackKind.ImageStack, voxel, metadata),
            records, [.. columns.SelectMany(c => c)], names);
    }

    /// <summary>Writes DS/images.mrc (3 frames per triplet), DS/labels.mrc, DS/params.csv (one row per triplet),
    /// DS/columns.csv, DS/classes.txt (one class name per line) and DS/ranges.yaml, each atomically.</summary>
    public void Write(string directory, FocalSeriesRanges ranges)
    {
        Directory.CreateDirectory(directory);
        MrcFile.Write(Path.Combine(directory, "images.mrc"), Images);
        MrcFile.Write(Path.Combine(directory, "labels.mrc"), Labels);
        WriteCsv(Path.Combine(directory, "params.csv"), Records);
        WriteCsv(Path.Combine(directory, "columns.csv"), Columns);
        AtomicFile.WriteAllText(Path.Combine(directory, "classes.txt"), string.Join('\n', ClassNames) + "\n");
        AtomicFile.WriteAllText(Path.Combine(directory, "ranges.yaml"), FocalSeriesRangesYaml.Format(ranges));
    }

    /// <summary>Writes <paramref name="rows"/> as CSV atomically (invariant culture, header from the [Name] attributes).</summary>
    public static void WriteCsv<T>(string path, IEnumerable<T> rows) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteRecords(rows);
    });
}
