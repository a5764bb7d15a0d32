using System.Buffers.Binary;
using System.IO.Compression;
using TemKit.Imaging;
using TemKit.Imaging.Display;

namespace TemKit.IO.Png;

/// <summary>
/// Writes PNG files (8/16-bit grey, 8-bit RGB and RGBA; non-interlaced) atomically through
/// <see cref="AtomicFile"/>, and encodes PNGs in memory for reports. Pixels are row-major, x fastest,
/// top row first.
/// </summary>
public static class PngWriter
{
    /// <summary>Writes an 8-bit greyscale PNG.</summary>
    public static void WriteGray8(string path, ReadOnlySpan<byte> pixels, int width, int height) =>
        Save(path, EncodeGray8(pixels, width, height));

    /// <summary>Writes a 16-bit greyscale PNG.</summary>
    public static void WriteGray16(string path, ReadOnlySpan<ushort> pixels, int width, int height) =>
        Save(path, EncodeGray16(pixels, width, height));

    /// <summary>Writes an 8-bit RGB PNG from interleaved r, g, b bytes (3 per pixel).</summary>
    public static void WriteRgb8(string path, ReadOnlySpan<byte> rgb, int width, int height) =>
        Save(path, EncodeRgb8(rgb, width, height));

    /// <summary>Writes <paramref name="canvas"/> as an RGB PNG (atomically).</summary>
    public static void WriteCanvas(string path, RgbCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        WriteRgb8(path, canvas.Pixels, canvas.Width, canvas.Height);
    }

    /// <summary>PNG bytes of <paramref name="canvas"/> (RGB, 8 bits per channel).</summary>
    public static byte[] EncodeCanvas(RgbCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        return EncodeRgb8(canvas.Pixels, canvas.Width, canvas.Height);
    }

    /// <summary>Writes an 8-bit RGBA PNG from interleaved r, g, b, a bytes (4 per pixel, straight alpha).</summary>
    public static void WriteRgba8(string path, ReadOnlySpan<byte> rgba, int width, int height) =>
        Save(path, EncodeRgba8(rgba, width, height));

    /// <summary>
    /// Writes a float image as an 8-bit greyscale preview, scaled by <paramref name="scale"/>
    /// (default: 0.5 and 99.5 percentiles to black and white, linear).
    /// </summary>
    public static void WriteImage(string path, Image2D image, DisplayScale? scale = null) =>
        Save(path, EncodeImage(image, scale));

    /// <summary>Writes a float image through a colour map (e.g. <see cref="Colormap.Perceptual"/>) as an 8-bit RGB PNG.</summary>
    public static void WriteImage(string path, Image2D image, DisplayScale? scale, Colormap colormap)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(colormap);
        Save(path, EncodeRgb8(colormap.Apply(image.Pixels, scale ?? new DisplayScale()), image.Width, image.Height));
    }

    /// <summary>Writes a float image as a 16-bit greyscale PNG, scaled by <paramref name="scale"/> (default percentiles 0.5/99.5).</summary>
    public static void WriteImage16(string path, Image2D image, DisplayScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ushort[] grey = DisplayScaling.ToGray16(image.Pixels, scale ?? new DisplayScale());
        Save(path, EncodeGray16(grey, image.Width, image.Height));
    }

    /// <summary>Encodes an 8-bit greyscale PNG in memory.</summary>
    public static byte[] EncodeGray8(ReadOnlySpan<byte> pixels, int width, int height) =>
        PngEncoder.Encode(pixels, width, height, PngColorType.Gray, 8);

    /// <summary>Encodes a 16-bit greyscale PNG in memory.</summary>
    public static byte[] EncodeGray16(ReadOnlySpan<ushort> pixels, int width, int height)
    {
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"{pixels.Length} samples given, a {width}x{height} image needs {(long)width * height}", nameof(pixels));
        var bigEndian = new byte[pixels.Length * 2];
        for (int i = 0; i < pixels.Length; i++)
            BinaryPrimitives.WriteUInt16BigEndian(bigEndian.AsSpan(2 * i), pixels[i]);
        return PngEncoder.Encode(bigEndian, width, height, PngColorType.Gray, 16);
    }

    /// <summary>Encodes an 8-bit RGB PNG in memory.</summary>
    public static byte[] EncodeRgb8(ReadOnlySpan<byte> rgb, int width, int height) =>
        PngEncoder.Encode(rgb, width, height, PngColorType.Rgb, 8);

    /// <summary>Encodes an 8-bit RGBA PNG in memory.</summary>
    public static byte[] EncodeRgba8(ReadOnlySpan<byte> rgba, int width, int height) =>
        PngEncoder.Encode(rgba, width, height, PngColorType.Rgba, 8);

    /// <summary>Encodes a float image as an 8-bit greyscale PNG (see <see cref="WriteImage(string, Image2D, DisplayScale?)"/>).</summary>
    public static byte[] EncodeImage(Image2D image, DisplayScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] grey = DisplayScaling.ToGray8(image.Pixels, scale ?? new DisplayScale());
        return EncodeGray8(grey, image.Width, image.Height);
    }

    /// <summary>Encodes with an explicit zlib effort (fastest for large previews, smallest for archives).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> samples, int width, int height, PngColorType colorType, int bitDepth, CompressionLevel level)
        => PngEncoder.Encode(samples, width, height, colorType, bitDepth, level);

    private static void Save(string path, byte[] png) => AtomicFile.Write(path, s => s.Write(png));
}
