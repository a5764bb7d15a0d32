using System.Globalization;
using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography;
using TemKit.Tomography.Interpolation;

namespace TemKit.Pipelines.Interpolation;

/// <summary>One cluster of a <c>simulate tilt-dataset</c> folder.</summary>
/// <param name="Index">Cluster index.</param>
/// <param name="Folder">Its tilt-series folder.</param>
/// <param name="Split">"train", "validation" or "test".</param>
public sealed record InterpolationCluster(int Index, string Folder, string Split);

/// <summary>A cluster's noise-free series as simulated, with what is needed to add noise at another dose.</summary>
/// <param name="Cluster">Which cluster.</param>
/// <param name="Noiseless">Expected counts per pixel at <paramref name="DoseElectronsPerAngstrom2"/>, one frame per tilt.</param>
/// <param name="TiltsDegrees">Tilt of each frame (degrees).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose the expected counts were simulated for (e/Å²).</param>
/// <param name="PixelSizeAngstrom">Pixel size (Å).</param>
public sealed record ClusterSeries(InterpolationCluster Cluster, ImageStack Noiseless, double[] TiltsDegrees, double DoseElectronsPerAngstrom2, double PixelSizeAngstrom)
{
    /// <summary>
    /// The series at <paramref name="doseElectronsPerAngstrom2"/>: the noise-free series itself for 0, else Poisson counts
    /// of the expected counts scaled to that dose, drawn by the tilt-series simulator's own noise path (frame f from
    /// stream (seed, f)).
    /// </summary>
    public ImageStack AtDose(double doseElectronsPerAngstrom2, int seed)
    {
        if (doseElectronsPerAngstrom2 <= 0) return Noiseless;
        float scale = (float)(doseElectronsPerAngstrom2 / DoseElectronsPerAngstrom2);
        var expected = new float[Noiseless.Array.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(Noiseless.Array, scale, expected);
        var counts = TiltSeriesSimulator.Poisson(expected, Noiseless.FrameLength, seed);
        return new ImageStack(Noiseless.Nx, Noiseless.Ny, Noiseless.Nz, counts, StackKind.ImageStack, Noiseless.VoxelSize, Noiseless.Metadata);
    }

    /// <summary>
    /// <see cref="AtDose"/> divided by the dose ratio, so that its expectation is <see cref="Noiseless"/> itself: noisy
    /// inputs and the noise-free target in the same units (what the learned interpolator's shared input range needs).
    /// </summary>
    public ImageStack AtDoseInNoiselessUnits(double doseElectronsPerAngstrom2, int seed)
    {
        var counts = AtDose(doseElectronsPerAngstrom2, seed);
        if (doseElectronsPerAngstrom2 > 0) System.Numerics.Tensors.TensorPrimitives.Multiply(counts.Array, (float)(DoseElectronsPerAngstrom2 / doseElectronsPerAngstrom2), counts.Array);
        return counts;
    }
}

/// <summary>
/// Interpolation samples from a tilt-series dataset (<see cref="TiltDataset"/>): frames i and i + 2d in, frame i + d
/// out, split by cluster as the dataset's clusters.csv says (a cluster is never in two splits). Clusters are read one at
/// a time from disk (<see cref="Load"/>); nothing holds the whole dataset.
/// </summary>
public static class InterpolationDataset
{
    /// <summary>The clusters of <paramref name="split"/> whose series folder is complete, in index order.</summary>
    public static IReadOnlyList<InterpolationCluster> Clusters(string datasetFolder, string split)
    {
        string csv = Path.Combine(datasetFolder, "clusters.csv");
        if (!File.Exists(csv)) throw new TemKitFormatException(datasetFolder, "is not a tilt dataset (no clusters.csv; make one with temkit simulate tilt-dataset)");
        var table = CsvFiles.ReadTable(csv);
        int iIndex = table.ColumnIndex("index"), iFolder = table.ColumnIndex("folder"), iSplit = table.ColumnIndex("split");
        if (iIndex < 0 || iFolder < 0 || iSplit < 0) throw new TemKitFormatException(csv, "needs the columns index, folder and split");
        var clusters = new List<InterpolationCluster>();
        foreach (var row in table.Rows)
        {
            if (row[iSplit] != split) continue;
            string folder = Path.Combine(datasetFolder, "clusters", row[iFolder]);
            if (File.Exists(Path.Combine(folder, TiltSeriesWriter.NoiselessFile)))
                clusters.Add(new InterpolationCluster(int.Parse(row[iIndex], CultureInfo.InvariantCulture), folder, split));
        }
        return clusters;
    }

    /// <summary>Reads one cluster's noise-free series, tilts, dose and pixel size.</summary>
    public static ClusterSeries Load(InterpolationCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        string stack = Path.Combine(cluster.Folder, TiltSeriesWriter.NoiselessFile);
        var series = ImageFile.Read(stack);
        var tilts = TiltAngleFile.Read(Path.ChangeExtension(stack, ".rawtlt"));
        TiltAngleFile.Validate(tilts, series.Nz, stack);
        string parameters = Path.Combine(cluster.Folder, TiltSeriesWriter.ParametersFile);
        using var json = JsonDocument.Parse(File.ReadAllText(parameters));
        double dose = json.RootElement.TryGetProperty("dose_electrons_per_angstrom2", out var d) ? d.GetDouble() : 0;
        double step = json.RootElement.TryGetProperty("step_angstrom", out var s) ? s.GetDouble() : series.VoxelSize.XAngstrom;
        if (dose <= 0) throw new TemKitFormatException(parameters, "dose_electrons_per_angstrom2 is 0: the expected counts have no dose to scale from");
        return new ClusterSeries(cluster, series, tilts, dose, step);
    }

    /// <summary>
    /// The sample centred on frame <paramref name="frame"/>: frames frame − d and frame + d of <paramref name="inputs"/>
    /// in, frame <paramref name="frame"/> of <paramref name="truth"/> as the target, all three mapped with the inputs'
    /// shared range (<see cref="FrameNormalisation.PairRange"/>), so the target is in the inputs' normalised units.
    /// </summary>
    public static InterpolationSample Sample(ImageStack inputs, ImageStack truth, IReadOnlyList<double> tiltsDegrees, int frame, int gapFrames, double doseElectronsPerAngstrom2, int clusterIndex)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(tiltsDegrees);
        if (frame - gapFrames < 0 || frame + gapFrames >= inputs.Nz) throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} ± {gapFrames} is outside the {inputs.Nz} frames");
        var a = inputs.Frame(frame - gapFrames);
        var b = inputs.Frame(frame + gapFrames);
        var (min, max) = FrameNormalisation.PairRange(a, b);
        float[] Map(ReadOnlySpan<float> f)
        {
            var copy = new float[f.Length];
            FrameNormalisation.Normalise(f, copy, min, max);
            return copy;
        }
        return new InterpolationSample(Map(a), Map(b), Map(truth.Frame(frame)), inputs.Nx, inputs.Ny,
            Math.Abs(tiltsDegrees[frame + gapFrames] - tiltsDegrees[frame - gapFrames]) / 2, gapFrames, doseElectronsPerAngstrom2, clusterIndex, frame);
    }

    /// <summary>
    /// The training samples of one epoch, streamed: the clusters in a seeded order (seed, epoch), read
    /// <see cref="InterpolationSampling.ClustersInMemory"/> at a time; from each, <see cref="InterpolationSampling.SamplesPerCluster"/>
    /// random (dose, gap, frame) draws with fresh Poisson noise per epoch, shuffled within the group.
    /// </summary>
    public static IEnumerable<InterpolationSample> Epoch(IReadOnlyList<InterpolationCluster> clusters, InterpolationSampling sampling, int epoch)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(sampling);
        sampling.Validate();
        var rng = new Random(Seeds.Mix(sampling.Seed, epoch, 17));
        var order = clusters.ToArray();
        rng.Shuffle(order);
        for (int g0 = 0; g0 < order.Length; g0 += sampling.ClustersInMemory)
        {
            var group = order.Skip(g0).Take(sampling.ClustersInMemory).Select(Load).ToArray();
            var draws = new List<(int Cluster, int Dose, int Gap, int Frame)>();
            for (int c = 0; c < group.Length; c++)
                for (int s = 0; s < sampling.SamplesPerCluster; s++)
                {
                    int gap = sampling.GapsFrames[rng.Next(sampling.GapsFrames.Count)];
                    if (group[c].Noiseless.Nz <= 2 * gap) continue;
                    draws.Add((c, rng.Next(sampling.DosesElectronsPerAngstrom2.Count), gap, gap + rng.Next(group[c].Noiseless.Nz - 2 * gap)));
                }
            rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(draws));
            var noisy = new Dictionary<(int, int), ImageStack>();
            foreach (var (c, dose, gap, frame) in draws)
            {
                var series = group[c];
                if (!noisy.TryGetValue((c, dose), out var inputs))
                    noisy[(c, dose)] = inputs = series.AtDoseInNoiselessUnits(sampling.DosesElectronsPerAngstrom2[dose], Seeds.Mix(sampling.Seed, epoch, series.Cluster.Index, dose));
                yield return Sample(inputs, series.Noiseless, series.TiltsDegrees, frame, gap, sampling.DosesElectronsPerAngstrom2[dose], series.Cluster.Index);
            }
        }
    }
}
