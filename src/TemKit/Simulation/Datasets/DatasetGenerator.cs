using System.Globalization;
using CsvHelper;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Datasets;

/// <summary>A generated dataset: image and mask stacks (frame = particle·epochs + epoch) and one parameter row per frame.</summary>
/// <param name="Images">Detected images (electrons per pixel), one frame per image.</param>
/// <param name="Masks">0/1 particle masks aligned frame by frame with <paramref name="Images"/>.</param>
/// <param name="Records">Parameters of every frame.</param>
/// <param name="Columns">Column labels aligned frame by frame, when asked for.</param>
public sealed record Dataset(ImageStack Images, ImageStack Masks, IReadOnlyList<DatasetImageRecord> Records, DatasetColumns? Columns = null);

/// <summary>The column labels of a dataset (<see cref="ColumnLabels"/>), frame by frame.</summary>
/// <param name="Positions">Column-position labels (Gaussian blobs, 1 at each column).</param>
/// <param name="HeightClasses">Height class maps (0 background), or null when not asked for.</param>
/// <param name="Rows">Every column of every frame (the frame in <see cref="ColumnRow.Frame"/>).</param>
public sealed record DatasetColumns(ImageStack Positions, ImageStack? HeightClasses, IReadOnlyList<ColumnRow> Rows);

/// <summary>
/// Training datasets as in the seed paper: <c>count</c> random supported particles, each imaged <c>epochs</c> times with
/// independently drawn optics, dose and detector noise. Particles run in parallel; every particle draws from its own
/// random stream derived from (seed, particle index), so the result does not depend on thread scheduling.
/// </summary>
public static class DatasetGenerator
{
    /// <summary>Generates the dataset in memory; <paramref name="advance"/> is called once per finished particle; with
    /// <paramref name="columnLabels"/> the particles' column labels are made too (the same for every epoch of a particle).</summary>
    public static Dataset Generate(DatasetRanges ranges, int count, int epochs, long seed, Action? advance = null, int maxParallelism = -1, ColumnLabelOptions? columnLabels = null)
    {
        ranges.Validate();
        columnLabels?.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        int n = ranges.GridPixels;
        long frames = (long)count * epochs;
        int planes = 2 + (columnLabels is null ? 0 : columnLabels.HeightClasses > 0 ? 2 : 1);
        long bytes = frames * n * n * sizeof(float) * planes;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available / 2)
            throw new ArgumentException($"{frames} frames of {n}x{n} need {bytes / (1 << 20)} MiB for images and labels, more than half the memory available ({available / (1 << 20)} MiB): make several datasets with different seeds");
        var images = new float[frames * n * n];
        var masks = new float[frames * n * n];
        var records = new DatasetImageRecord[frames];
        var pixelSizes = new double[count];
        var blobs = columnLabels is null ? null : new float[frames * n * n];
        var classes = columnLabels is { HeightClasses: > 0 } ? new float[frames * n * n] : null;
        var columnRows = new ColumnRow[count][];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, item =>
        {
            int itemSeed = ItemSeed(seed, item);
            long offset = (long)item * epochs * n * n;
            var (rows, labels) = SimulateParticle(ranges, epochs, item, itemSeed, images.AsMemory((int)offset, epochs * n * n), masks.AsMemory((int)offset, epochs * n * n), columnLabels);
            rows.CopyTo(records, item * epochs);
            if (labels is not null)
            {
                for (int e = 0; e < epochs; e++)
                {
                    labels.Positions.Pixels.CopyTo(blobs.AsSpan((int)offset + e * n * n, n * n));
                    labels.HeightClasses?.Pixels.CopyTo(classes.AsSpan((int)offset + e * n * n, n * n));
                }
                columnRows[item] = [.. Enumerable.Range(0, epochs).SelectMany(e => ColumnListCsv.Rows(labels.Columns, rows[e].PixelSizeAngstrom, item * epochs + e))];
            }
            pixelSizes[item] = rows[0].PixelSizeAngstrom;
            advance?.Invoke();
        });
        double px = pixelSizes.Average();
        var voxel = new VoxelSize(px, px, 0);
        var metadata = new ImageMetadata { VoltageKilovolts = ranges.VoltageKilovolts };
        var columns = blobs is null ? null : new DatasetColumns(
            new ImageStack(n, n, (int)frames, blobs, StackKind.ImageStack, voxel, metadata),
            classes is null ? null : new ImageStack(n, n, (int)frames, classes, StackKind.ImageStack, voxel, metadata),
            [.. columnRows.SelectMany(r => r)]);
        return new Dataset(
            new ImageStack(n, n, (int)frames, images, StackKind.ImageStack, voxel, metadata),
            new ImageStack(n, n, (int)frames, masks, StackKind.ImageStack, voxel, metadata),
            records, columns);
    }

    /// <summary>The seed of particle <paramref name="item"/>'s random stream: SplitMix64 of (seed, item), folded to 31 bits.</summary>
    public static int ItemSeed(long seed, int item)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)item + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    private static (DatasetImageRecord[] Rows, ColumnLabelSet? Labels) SimulateParticle(DatasetRanges ranges, int epochs, int item, int itemSeed, Memory<float> images, Memory<float> masks, ColumnLabelOptions? columnLabels)
    {
        var rng = new Random(itemSeed);
        int n = ranges.GridPixels;
        var grid = new SimulationGrid(n, n, ranges.PixelSizeAngstrom.Uniform(rng));
        var particle = ranges.ParticleFor(ranges.DiameterNanometres.Uniform(rng));
        var detectorRange = DetectorModelRange.Preset(ranges.MtfModel);
        var potential = new PotentialParameters(ranges.SliceThicknessAngstrom);
        grid.Validate();
        var (built, geometry) = SupportedParticleBuilder.Build(particle, grid.CellXAngstrom, grid.CellYAngstrom, rng, 0.5 * potential.SliceThicknessAngstrom);
        var specimen = Datasets.SurfaceDisorder.Apply(built, ranges.SurfaceDisorder(), rng);
        var sim = ParticleSimulation.Simulate(specimen, geometry, grid, potential, new MultisliceParameters(ranges.VoltageKilovolts));
        var imager = new WaveImager(sim.ExitWave);
        var labels = columnLabels is null ? null : ColumnLabels.Compute(sim.Specimen.Particle, n, n, grid.PixelSizeAngstrom, columnLabels);
        var mask = sim.Mask.Pixels;
        double maskFraction = System.Numerics.Tensors.TensorPrimitives.Sum(mask) / mask.Length;
        double meanIntensity = sim.ExitWave.MeanIntensity;
        var rows = new DatasetImageRecord[epochs];
        for (int e = 0; e < epochs; e++)
        {
            var optics = ranges.DrawImaging(rng);
            double dose = ranges.DoseElectronsPerAngstrom2.LogUniform(rng);
            var detector = detectorRange.Draw(rng);
            var (detected, _) = ParticleSimulation.RenderEpoch(imager, optics, dose, detector, rng);
            detected.Pixels.CopyTo(images.Span.Slice(e * n * n, n * n));
            mask.CopyTo(masks.Span.Slice(e * n * n, n * n));
            var g = sim.Geometry!;
            rows[e] = new DatasetImageRecord
            {
                Frame = item * epochs + e, Particle = item, Epoch = e, ParticleSeed = itemSeed,
                Element = particle.Element, LatticeConstantAngstrom = particle.ResolvedLatticeConstantAngstrom, DiameterNanometres = particle.DiameterNanometres,
                ParticleAtoms = g.ParticleAtoms, SupportAtoms = g.SupportAtoms, TiltDegrees = g.TiltDegrees, TiltAxisDegrees = g.TiltAxisDegrees,
                RotationDegrees = g.RotationDegrees, TruncationLayers = g.TruncationLayers,
                PixelSizeAngstrom = grid.PixelSizeAngstrom, VoltageKilovolts = ranges.VoltageKilovolts,
                SliceThicknessAngstrom = sim.SliceThicknessAngstrom, Slices = sim.SliceCount, ExitWaveMeanIntensity = meanIntensity,
                DefocusAngstrom = optics.DefocusAngstrom, CsMillimetres = optics.CsMillimetres, AstigmatismAngstrom = optics.AstigmatismAngstrom,
                AstigmatismAngleDegrees = optics.AstigmatismAngleDegrees, FocalSpreadAngstrom = optics.FocalSpreadAngstrom,
                ConvergenceSemiAngleMilliradians = optics.ConvergenceSemiAngleMilliradians, BlurAngstrom = optics.BlurAngstrom,
                DoseElectronsPerAngstrom2 = dose, DoseElectronsPerPixel = dose * grid.PixelSizeAngstrom * grid.PixelSizeAngstrom,
                MtfModel = ranges.MtfModel, MtfC0 = detector.C0, MtfC3 = detector.C3, MtfFloor = detector.C,
                ReadoutNoiseElectronsPerPixel = detector.ReadoutNoiseElectronsPerPixel, MaskFraction = maskFraction,
            };
        }
        return (rows, labels);
    }

    /// <summary>Writes DS/images.mrc, DS/masks.mrc, DS/params.csv and DS/ranges.yaml, each atomically; with column labels
    /// also DS/columns.mrc, DS/columns.csv and (height classes) DS/column_classes.mrc.</summary>
    public static void Write(string directory, Dataset dataset, DatasetRanges ranges)
    {
        Directory.CreateDirectory(directory);
        MrcFile.Write(Path.Combine(directory, "images.mrc"), dataset.Images);
        MrcFile.Write(Path.Combine(directory, "masks.mrc"), dataset.Masks);
        AtomicFile.Write(Path.Combine(directory, "params.csv"), stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteRecords(dataset.Records);
        });
        AtomicFile.WriteAllText(Path.Combine(directory, "ranges.yaml"), DatasetRangesYaml.Format(ranges));
        if (dataset.Columns is { } columns)
        {
            MrcFile.Write(Path.Combine(directory, "columns.mrc"), columns.Positions);
            ColumnListCsv.Write(Path.Combine(directory, "columns.csv"), columns.Rows);
            if (columns.HeightClasses is { } classes) MrcFile.Write(Path.Combine(directory, "column_classes.mrc"), classes);
        }
    }
}
