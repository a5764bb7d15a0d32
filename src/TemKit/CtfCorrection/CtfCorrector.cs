using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.Optics;

namespace TemKit.CtfCorrection;

/// <summary>
/// Corrects an image for a known CTF (CTFFIND convention, <see cref="Ctf"/>): phase flipping or a Wiener filter,
/// applied to the image minus its mean (the mean is restored afterwards, since the CTF of a weak phase object carries
/// contrast, not the mean). The image of a weak phase object is 1 + 2·CTF∗φ, so after flipping it is 1 + 2·|CTF|∗φ:
/// every frequency of the object's phase keeps one sign (objects denser than the medium come out bright).
/// </summary>
public static class CtfCorrector
{
    /// <summary>
    /// Returns a corrected copy of <paramref name="image"/> (pixel size from the image, Å/px, must be known); the input is
    /// not modified. <see cref="CtfCorrectionKind.None"/> returns a copy unchanged.
    /// </summary>
    public static Image2D Correct(Image2D image, CtfParameters ctf, CtfCorrectionOptions options, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(ctf);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var result = image.Clone();
        if (options.Kind == CtfCorrectionKind.None) return result;
        if (!image.PixelSize.IsKnown) throw new ArgumentException("CTF correction needs the image's pixel size");
        Correct(result.Pixels, image.Width, image.Height, image.PixelSize.XAngstrom, ctf, options, fft);
        return result;
    }

    /// <summary>Span form: corrects <paramref name="pixels"/> (width × height, row-major) in place.</summary>
    public static void Correct(Span<float> pixels, int width, int height, double pixelSizeAngstrom, CtfParameters ctf, CtfCorrectionOptions options, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(ctf);
        ArgumentNullException.ThrowIfNull(options);
        if (pixels.Length != (long)width * height) throw new ArgumentException($"pixels hold {pixels.Length} values, {width}x{height} needs {(long)width * height}");
        OpticsLimits.PixelSizeAngstrom.Check(pixelSizeAngstrom, "pixel size");
        options.Validate();
        if (options.Kind == CtfCorrectionKind.None) return;
        fft ??= Fft.Default;
        float mean = System.Numerics.Tensors.TensorPrimitives.Average(pixels);
        System.Numerics.Tensors.TensorPrimitives.Subtract(pixels, mean, pixels);
        int h = width / 2 + 1;
        var spectrum = new ComplexF[h * height];
        fft.ForwardReal(pixels, spectrum, width, height);
        var model = new Ctf(ctf);
        var filter = new float[h];
        double inverseSnr = 1 / options.WienerSnr;
        for (int j = 0; j < height; j++)
        {
            double ky = FftFrequency.InverseAngstrom(j, height, pixelSizeAngstrom);
            for (int i = 0; i < h; i++)
            {
                double kx = i / (width * pixelSizeAngstrom);
                double c = model.Value(Math.Sqrt(kx * kx + ky * ky), Math.Atan2(ky, kx));
                filter[i] = options.Kind == CtfCorrectionKind.PhaseFlip ? (c >= 0 ? 1f : -1f) : (float)(c / (c * c + inverseSnr));
            }
            var row = spectrum.AsSpan(j * h, h);
            for (int i = 0; i < h; i++) row[i] *= filter[i];
        }
        fft.InverseReal(spectrum, pixels, width, height);
        System.Numerics.Tensors.TensorPrimitives.Add(pixels, mean, pixels);
    }
}
