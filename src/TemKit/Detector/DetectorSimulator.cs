using System.Buffers;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.Detector;

/// <summary>
/// Detector noise simulator of SOI Eq. 3, P_total = MTF[P(N_D)] + P(N0): the expected counts (clean intensity scaled
/// to mean N_D electrons per pixel) get Poisson shot noise, are filtered in Fourier space by the MTF of Eq. 1, and
/// then get the readout noise of variance N0 (zero-mean: a dark reference removes its offset, so the frame mean
/// stays the dose). Deterministic for a given <see cref="Random"/> state, whatever the number of threads.
/// </summary>
public static partial class DetectorSimulator
{
    /// <summary>
    /// Applies the detector to a clean image. The output is in detected electrons per pixel (gain-normalised), mean
    /// ≈ <paramref name="doseElectronsPerPixel"/>; pixel size and metadata are kept, the dose is recorded in e/Å²
    /// when the pixel size is known.
    /// </summary>
    /// <param name="intensity">Clean image intensity (any positive scale; normalised to mean 1 here). Negative
    /// pixels count as zero.</param>
    /// <param name="doseElectronsPerPixel">Frame dose N_D in electrons per pixel (≥ 0).</param>
    /// <param name="model">Detector MTF and readout noise.</param>
    /// <param name="rng">Random source; one value is drawn from it per call.</param>
    public static Image2D Apply(Image2D intensity, double doseElectronsPerPixel, DetectorModel model, Random rng)
    {
        ArgumentNullException.ThrowIfNull(intensity);
        var result = new Image2D(intensity.Width, intensity.Height, intensity.PixelSize, WithDose(intensity, doseElectronsPerPixel));
        Apply(intensity.Pixels, result.Pixels, intensity.Width, intensity.Height, doseElectronsPerPixel, model, rng);
        return result;
    }

    /// <summary>
    /// A vacuum frame (uniform illumination) of <paramref name="width"/> × <paramref name="height"/> pixels at dose
    /// <paramref name="doseElectronsPerPixel"/> e/px through the detector <paramref name="model"/>.
    /// </summary>
    /// <param name="width">Frame width (px).</param>
    /// <param name="height">Frame height (px).</param>
    /// <param name="doseElectronsPerPixel">Frame dose N_D in electrons per pixel (≥ 0).</param>
    /// <param name="model">Detector MTF and readout noise.</param>
    /// <param name="rng">Random source; one value is drawn from it per call.</param>
    /// <param name="pixelSize">Pixel size recorded on the image (Å); optional.</param>
    public static Image2D Vacuum(int width, int height, double doseElectronsPerPixel, DetectorModel model, Random rng, VoxelSize pixelSize = default)
    {
        var metadata = new ImageMetadata
        {
            DoseElectronsPerAngstrom2 = pixelSize.IsKnown ? doseElectronsPerPixel / (pixelSize.XAngstrom * pixelSize.YAngstrom) : null,
        };
        var result = new Image2D(width, height, pixelSize, metadata);
        Simulate(default, result.Pixels, width, height, doseElectronsPerPixel, model, rng, vacuum: true);
        return result;
    }

    /// <summary>
    /// Span form of <see cref="Apply(Image2D, double, DetectorModel, Random)"/>: reads <paramref name="intensity"/>
    /// and writes the detected frame to <paramref name="destination"/> (both width*height, row-major; they may be the
    /// same span).
    /// </summary>
    public static void Apply(ReadOnlySpan<float> intensity, Span<float> destination, int width, int height,
        double doseElectronsPerPixel, DetectorModel model, Random rng)
    {
        if (intensity.Length != (long)width * height)
            throw new ArgumentException($"intensity holds {intensity.Length} values, {width}x{height} needs {(long)width * height}", nameof(intensity));
        Simulate(intensity, destination, width, height, doseElectronsPerPixel, model, rng, vacuum: false);
    }

    private static ImageMetadata WithDose(Image2D image, double dosePerPixel) => image.PixelSize.IsKnown
        ? image.Metadata with { DoseElectronsPerAngstrom2 = dosePerPixel / (image.PixelSize.XAngstrom * image.PixelSize.YAngstrom) }
        : image.Metadata;

    private static void Simulate(ReadOnlySpan<float> intensity, Span<float> destination, int width, int height,
        double dose, DetectorModel model, Random rng, bool vacuum)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (destination.Length != (long)width * height)
            throw new ArgumentException($"destination holds {destination.Length} values, {width}x{height} needs {(long)width * height}", nameof(destination));
        if (!(dose >= 0) || !double.IsFinite(dose)) throw new ArgumentOutOfRangeException(nameof(dose), dose, "dose must be a finite number ≥ 0 e/px");
        model.Validate();

        double scale = dose;
        if (!vacuum)
        {
            double mean = PositiveMean(intensity);
            if (!(mean > 0) || !double.IsFinite(mean))
                throw new ArgumentException("clean intensity has no positive mean: cannot scale it to a dose", nameof(intensity));
            scale = dose / mean;
        }

        long seed = rng.NextInt64();
        float[] counts = ArrayPool<float>.Shared.Rent(width * height);
        try
        {
            ShotNoise(vacuum ? default : intensity, counts.AsSpan(0, width * height), width, height, scale, seed, vacuum);
            if (double.IsPositiveInfinity(model.C0)) counts.AsSpan(0, width * height).CopyTo(destination);
            else FilterByMtf(counts.AsSpan(0, width * height), destination, width, height, model);
            AddReadoutNoise(destination, width, height, model, seed);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(counts);
        }
    }

    private static double PositiveMean(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) if (v > 0) sum += v;
        return sum / values.Length;
    }
}
