using System.Globalization;
using CsvHelper;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Numerics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>Result of <see cref="DoseSeries.Simulate"/>.</summary>
/// <param name="Case">Atoms, exit wave and (undrifted) mask of the particle.</param>
/// <param name="Images">Detected frames (e/px), in dose order.</param>
/// <param name="Masks">Exact 0/1 particle mask of every frame (drift applied).</param>
/// <param name="Frames">Dose and drawn parameters of every frame.</param>
public sealed record DoseSeriesResult(ParticleCase Case, ImageStack Images, ImageStack Masks, IReadOnlyList<DoseSeriesFrame> Frames);

/// <summary>
/// A continuously increasing dose series of one particle, the cheap way the seed paper describes: one multislice exit
/// wave, then per frame (image epoch) the lens transfer with freshly drawn optics, optional drift, and the detector
/// (<see cref="DetectorSimulator"/>: dose, MTF, readout noise). <c>temkit simulate series</c> is this job plus
/// <see cref="Write"/>. Frames run in parallel; each draws from its own random stream derived from (seed, frame), so
/// the result does not depend on thread scheduling.
/// </summary>
public static class DoseSeries
{
    /// <summary>File names of a written series.</summary>
    public const string ImagesFile = "series.mrc", MasksFile = "masks.mrc", FramesFile = "frames.csv", StructureFile = "structure.xyz";

    /// <summary>Runs the simulation; <paramref name="progress"/> sees the exit wave, then every finished frame.</summary>
    public static DoseSeriesResult Simulate(DoseSeriesParameters parameters, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var rng = new Random(parameters.Seed);
        int stage = 0;
        var sim = ParticleSimulation.Simulate(parameters.Particle, parameters.Grid, parameters.Potential, parameters.Multislice, rng,
            () => progress?.Report(new JobProgress("exit wave", ++stage, 2)));
        var imager = new WaveImager(sim.ExitWave);
        int nx = parameters.Grid.Nx, ny = parameters.Grid.Ny, plane = nx * ny, n = parameters.Frames;
        var drift = DriftWalk(parameters, new NoiseRandom(parameters.Seed, -1));
        var images = new float[(long)n * plane];
        var masks = new float[(long)n * plane];
        var rows = new DoseSeriesFrame[n];
        double px = parameters.Grid.PixelSizeAngstrom;
        int done = 0;
        Parallel.For(0, n, i =>
        {
            var frameRng = new Random(DatasetGenerator.ItemSeed(parameters.Seed, i));
            var optics = parameters.DrawImaging(frameRng);
            var detector = parameters.DrawDetector(frameRng);
            double dose = parameters.Doses.PerA2(i, n);
            var intensity = imager.Intensity(optics);
            var (dx, dy) = drift[i];
            var shifted = new float[plane];
            PeriodicShift.Apply(intensity.Pixels, shifted, nx, ny, dx, dy);
            var detected = DetectorSimulator.Apply(new Image2D(nx, ny, shifted, intensity.PixelSize, intensity.Metadata), dose * px * px, detector, frameRng);
            detected.Pixels.CopyTo(images.AsSpan((int)((long)i * plane), plane));
            var mask = masks.AsSpan((int)((long)i * plane), plane);
            PeriodicShift.Apply(sim.Mask.Pixels, mask, nx, ny, dx, dy);
            rows[i] = new DoseSeriesFrame
            {
                Frame = i, DoseElectronsPerAngstrom2 = dose, DoseElectronsPerPixel = dose * px * px,
                DefocusAngstrom = optics.DefocusAngstrom, CsMillimetres = optics.CsMillimetres, FocalSpreadAngstrom = optics.FocalSpreadAngstrom,
                ConvergenceSemiAngleMilliradians = optics.ConvergenceSemiAngleMilliradians, BlurAngstrom = optics.BlurAngstrom,
                MtfModel = parameters.MtfModel, MtfC0 = detector.C0, MtfC3 = detector.C3, MtfFloor = detector.C,
                ReadoutNoiseElectronsPerPixel = detector.ReadoutNoiseElectronsPerPixel,
                DriftXPx = dx, DriftYPx = dy, MaskFraction = System.Numerics.Tensors.TensorPrimitives.Sum((ReadOnlySpan<float>)mask) / plane,
            };
            progress?.Report(new JobProgress("frames", Interlocked.Increment(ref done), n));
        });
        var voxel = new VoxelSize(px, px, 0);
        var metadata = new ImageMetadata { VoltageKilovolts = parameters.Multislice.VoltageKilovolts };
        return new DoseSeriesResult(sim,
            new ImageStack(nx, ny, n, images, StackKind.ImageStack, voxel, metadata),
            new ImageStack(nx, ny, n, masks, StackKind.ImageStack, voxel, metadata),
            rows);
    }

    /// <summary>The cumulative whole-pixel drift of every frame: a Gaussian random walk with step
    /// <see cref="DoseSeriesParameters.DriftPxPerFrame"/> per axis, rounded; frame 0 is not shifted.</summary>
    private static (int Dx, int Dy)[] DriftWalk(DoseSeriesParameters p, NoiseRandom rng)
    {
        var walk = new (int, int)[p.Frames];
        double x = 0, y = 0;
        for (int i = 1; i < p.Frames; i++)
        {
            if (p.DriftPxPerFrame > 0)
            {
                x += p.DriftPxPerFrame * rng.NextGaussian();
                y += p.DriftPxPerFrame * rng.NextGaussian();
            }
            walk[i] = ((int)Math.Round(x), (int)Math.Round(y));
        }
        return walk;
    }

    /// <summary>
    /// Writes series.mrc (frames, e/px), masks.mrc (0/1), frames.csv (dose and parameters per frame), structure.xyz and
    /// first/last frame PNG previews into <paramref name="folder"/> (created), each atomically.
    /// </summary>
    public static void Write(string folder, DoseSeriesResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        MrcFile.Write(Path.Combine(folder, ImagesFile), result.Images);
        MrcFile.Write(Path.Combine(folder, MasksFile), result.Masks);
        AtomicFile.Write(Path.Combine(folder, FramesFile), stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteRecords(result.Frames);
        });
        var sim = result.Case;
        XyzFile.Write(Path.Combine(folder, StructureFile), sim.Specimen, sim.SliceCount * sim.SliceThicknessAngstrom);
        PngWriter.WriteImage(Path.Combine(folder, "first.png"), result.Images.FrameImage(0));
        PngWriter.WriteImage(Path.Combine(folder, "last.png"), result.Images.FrameImage(result.Images.Nz - 1));
        PngWriter.WriteImage(Path.Combine(folder, "mask.png"), result.Masks.FrameImage(0), DisplayScale.Fixed(0, 1));
    }
}
