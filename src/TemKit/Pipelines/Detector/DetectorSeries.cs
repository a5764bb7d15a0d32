using TemKit.Detector;
using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;

namespace TemKit.Pipelines.Detector;

/// <summary>A simulated or noised stack with the true detector parameters of every frame.</summary>
/// <param name="Stack">The frames (pixels in detected e/px).</param>
/// <param name="Truth">One row per frame that was produced.</param>
/// <param name="FailedFrames">Frames the detector could not be applied to (reported through the problem callback).</param>
public sealed record DetectorSeriesResult(ImageStack Stack, IReadOnlyList<DetectorTruthRow> Truth, int FailedFrames)
{
    /// <summary>Writes the stack to <paramref name="path"/> (MRC) and the truth to <see cref="DetectorSeries.TruthPath"/>.</summary>
    public void Write(string path)
    {
        MrcFile.Write(path, Stack);
        CsvFiles.Write(DetectorSeries.TruthPath(path), Truth);
    }
}

/// <summary>
/// Dose series through a detector (SOI Eq. 3): vacuum simulated from scratch, or the detector applied to clean
/// images; every frame draws its detector from a <see cref="DetectorModelRange"/> with one seeded generator, so a seed
/// gives the same stack in the CLI and in a notebook.
/// </summary>
public static class DetectorSeries
{
    /// <summary>&lt;output folder&gt;/&lt;output name&gt;_truth.csv, where the true parameters of <paramref name="output"/> go.</summary>
    public static string TruthPath(string output) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileNameWithoutExtension(output) + "_truth.csv");

    /// <summary>
    /// <paramref name="frames"/> vacuum frames of <paramref name="sizePx"/>² px at <paramref name="pixelSizeAngstrom"/>
    /// (Å/px) with doses from <paramref name="dose"/>, through detectors drawn from <paramref name="detector"/>.
    /// </summary>
    public static DetectorSeriesResult SimulateVacuum(int sizePx, int frames, DoseSchedule dose, double pixelSizeAngstrom,
        DetectorModelRange detector, int seed, IProgress<JobProgress>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizePx, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(detector);
        if (!(pixelSizeAngstrom > 0) || !double.IsFinite(pixelSizeAngstrom)) throw new ArgumentOutOfRangeException(nameof(pixelSizeAngstrom), pixelSizeAngstrom, "pixel size must be > 0 Å");
        dose.Validate();
        var rng = new Random(seed);
        var voxel = VoxelSize.Isotropic(pixelSizeAngstrom);
        var stack = new ImageStack(sizePx, sizePx, frames, StackKind.ImageStack, voxel);
        var truth = new List<DetectorTruthRow>();
        for (int z = 0; z < frames; z++)
        {
            double perA2 = dose.PerA2(z, frames), perPixel = perA2 * pixelSizeAngstrom * pixelSizeAngstrom;
            var model = detector.Draw(rng);
            DetectorSimulator.Vacuum(sizePx, sizePx, perPixel, model, rng, voxel).Pixels.CopyTo(stack.Frame(z));
            truth.Add(DetectorTruthRow.From(z, perA2, perPixel, model));
            progress?.Report(new JobProgress("simulating", z + 1, frames));
        }
        return new DetectorSeriesResult(stack, truth, 0);
    }

    /// <summary>
    /// The detector applied to every frame of <paramref name="clean"/> (intensity, any scale) at doses from
    /// <paramref name="dose"/> and pixel size <paramref name="pixelSizeAngstrom"/> (Å/px); a frame the detector cannot
    /// take is reported to <paramref name="problem"/> and counted in <see cref="DetectorSeriesResult.FailedFrames"/>.
    /// </summary>
    public static DetectorSeriesResult Apply(ImageStack clean, DoseSchedule dose, double pixelSizeAngstrom, DetectorModelRange detector,
        int seed, IProgress<JobProgress>? progress = null, Action<int, string>? problem = null)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(detector);
        if (!(pixelSizeAngstrom > 0) || !double.IsFinite(pixelSizeAngstrom)) throw new ArgumentOutOfRangeException(nameof(pixelSizeAngstrom), pixelSizeAngstrom, "pixel size must be > 0 Å");
        dose.Validate();
        var rng = new Random(seed);
        var voxel = new VoxelSize(pixelSizeAngstrom, pixelSizeAngstrom, clean.VoxelSize.ZAngstrom);
        var result = new ImageStack(clean.Nx, clean.Ny, clean.Nz, clean.Kind, voxel, clean.Metadata);
        var truth = new List<DetectorTruthRow>();
        int failed = 0;
        for (int z = 0; z < clean.Nz; z++)
        {
            double perA2 = dose.PerA2(z, clean.Nz), perPixel = perA2 * pixelSizeAngstrom * pixelSizeAngstrom;
            var model = detector.Draw(rng);
            try
            {
                DetectorSimulator.Apply(clean.Frame(z), result.Frame(z), clean.Nx, clean.Ny, perPixel, model, rng);
                truth.Add(DetectorTruthRow.From(z, perA2, perPixel, model));
            }
            catch (ArgumentException e)
            {
                problem?.Invoke(z, e.Message);
                failed++;
            }
            progress?.Report(new JobProgress("applying detector", z + 1, clean.Nz));
        }
        return new DetectorSeriesResult(result, truth, failed);
    }
}
