using System.Numerics.Tensors;
using TemKit.Imaging;

namespace TemKit.Fourier;

/// <summary>Power spectra of whole images, for display and for <c>temkit fft</c>.</summary>
public static class ImageSpectra
{
    /// <summary>
    /// |F|² of the mean-subtracted <paramref name="image"/> with DC at (nx/2, ny/2), same size and pixel size as the
    /// image (frequency step 1/(n·pixel) 1/Å); the DC pixel is set to the mean of its four neighbours so it does not
    /// dominate a display. <paramref name="fft"/>: the backend (default <see cref="Fft.Default"/>).
    /// </summary>
    public static Image2D CentredPowerSpectrum(Image2D image, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        int nx = image.Width, ny = image.Height;
        var centred = image.Pixels.ToArray();
        float mean = TensorPrimitives.Sum<float>(centred) / centred.Length;
        TensorPrimitives.Subtract(centred, mean, centred);
        var half = new ComplexF[ny * (nx / 2 + 1)];
        (fft ?? Fft.Default).ForwardReal(centred, half, nx, ny);
        var power = new Image2D(nx, ny, image.PixelSize);
        PowerSpectra.HalfToCentredFull(half, nx, ny, power.Pixels);
        int cx = nx / 2, cy = ny / 2;
        float sum = 0;
        int count = 0;
        foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
            if (cx + dx < nx && cy + dy < ny && cx + dx >= 0 && cy + dy >= 0) { sum += power[cx + dx, cy + dy]; count++; }
        power[cx, cy] = count > 0 ? sum / count : 0;
        return power;
    }
}
