using TemKit.Imaging;

namespace TemKit.IO.Png;

/// <summary>
/// A decoded PNG: samples interleaved per pixel, row-major, top row first, at their stored bit depth
/// (a 1-bit mask holds 0 and 1, an 8-bit image 0–255, a 16-bit one 0–65535). Palette images are
/// expanded to <see cref="PngColorType.Rgb"/> (or <see cref="PngColorType.Rgba"/> with a tRNS chunk) at 8 bits.
/// </summary>
public sealed class PngImage
{
    internal PngImage(int width, int height, PngColorType colorType, int bitDepth, ushort[] samples)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        BitDepth = bitDepth;
        Samples = samples;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Colour type of <see cref="Samples"/> (never <see cref="PngColorType.Indexed"/>).</summary>
    public PngColorType ColorType { get; }

    /// <summary>Bits per sample of <see cref="Samples"/>: 1, 2, 4, 8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>Samples per pixel (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA).</summary>
    public int Channels => ColorType.Channels();

    /// <summary>Largest sample value at this bit depth (2^<see cref="BitDepth"/> − 1).</summary>
    public int MaxValue => (1 << BitDepth) - 1;

    /// <summary>All samples, <see cref="Channels"/> per pixel.</summary>
    public ushort[] Samples { get; }

    /// <summary>
    /// One grey value per pixel in stored units (not normalised, so mask labels keep their values):
    /// grey as is, colour as the Rec. 601 luma 0.299 R + 0.587 G + 0.114 B; alpha is ignored.
    /// </summary>
    public float[] ToGray()
    {
        int n = Width * Height, c = Channels;
        var gray = new float[n];
        ushort[] s = Samples;
        if (c <= 2)
        {
            for (int i = 0; i < n; i++) gray[i] = s[i * c];
        }
        else
        {
            for (int i = 0; i < n; i++)
                gray[i] = (float)(0.299 * s[i * c] + 0.587 * s[i * c + 1] + 0.114 * s[i * c + 2]);
        }
        return gray;
    }

    /// <summary>The grey values of <see cref="ToGray"/> as an image (pixel size unknown).</summary>
    public Image2D ToImage() => new(Width, Height, ToGray());
}
