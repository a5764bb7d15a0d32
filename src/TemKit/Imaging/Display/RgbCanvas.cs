
namespace TemKit.Imaging.Display;

/// <summary>
/// An 8-bit RGB image to draw annotations on: anti-aliased lines, circles, ellipses and arcs (fitted
/// Thon rings on a power spectrum), crosses and filled discs. Coordinates are in pixels with (0, 0) the
/// centre of the top-left pixel, y pointing down; angles are in degrees, counter-clockwise on screen
/// from the +x axis (so +90° points up).
/// </summary>
public sealed partial class RgbCanvas
{
    /// <summary>A blank canvas filled with <paramref name="background"/> (black when omitted).</summary>
    public RgbCanvas(int width, int height, RgbColor background = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
        if (background != default)
            for (int i = 0; i < width * height; i++)
            {
                Pixels[3 * i] = background.R;
                Pixels[3 * i + 1] = background.G;
                Pixels[3 * i + 2] = background.B;
            }
    }

    private RgbCanvas(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>A canvas showing 8-bit grey levels.</summary>
    public static RgbCanvas FromGray(ReadOnlySpan<byte> gray, int width, int height)
    {
        if (gray.Length != (long)width * height) throw new ArgumentException($"{gray.Length} grey levels for a {width}x{height} canvas", nameof(gray));
        return new RgbCanvas(width, height, Overlay.ToRgb(gray));
    }

    /// <summary>A canvas holding a copy of interleaved RGB bytes.</summary>
    public static RgbCanvas FromRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (rgb.Length != 3L * width * height) throw new ArgumentException($"{rgb.Length} bytes for a {width}x{height} RGB canvas", nameof(rgb));
        return new RgbCanvas(width, height, rgb.ToArray());
    }

    /// <summary>A canvas showing a float image scaled by <paramref name="scale"/> (default percentiles 0.5/99.5).</summary>
    public static RgbCanvas FromImage(Image2D image, DisplayScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return FromGray(DisplayScaling.ToGray8(image.Pixels, scale ?? new DisplayScale()), image.Width, image.Height);
    }

    /// <summary>Width of the canvas in pixels.</summary>
    public int Width { get; }

    /// <summary>Height of the canvas in pixels.</summary>
    public int Height { get; }

    /// <summary>Interleaved r, g, b bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Colour of pixel (x, y).</summary>
    public RgbColor this[int x, int y]
    {
        get
        {
            int o = 3 * (y * Width + x);
            return new(Pixels[o], Pixels[o + 1], Pixels[o + 2]);
        }
        set => Blend(x, y, value, 1);
    }

    /// <summary>Draws <paramref name="color"/> over pixel (x, y) with opacity <paramref name="alpha"/>; pixels outside the canvas are ignored.</summary>
    public void Blend(int x, int y, RgbColor color, double alpha)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || alpha <= 0) return;
        alpha = Math.Min(alpha, 1);
        int o = 3 * (y * Width + x);
        Pixels[o] = RgbColor.Mix(Pixels[o], color.R, alpha);
        Pixels[o + 1] = RgbColor.Mix(Pixels[o + 1], color.G, alpha);
        Pixels[o + 2] = RgbColor.Mix(Pixels[o + 2], color.B, alpha);
    }
}
