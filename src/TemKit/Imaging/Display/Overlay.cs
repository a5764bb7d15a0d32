namespace TemKit.Imaging.Display;

/// <summary>
/// Composes an 8-bit grey image with a mask or a probability map drawn in a colour: the result is
/// interleaved RGB bytes (3 per pixel) ready for <c>PngWriter.WriteRgb8</c>.
/// </summary>
public static class Overlay
{
    /// <summary>Grey levels as RGB bytes.</summary>
    public static byte[] ToRgb(ReadOnlySpan<byte> gray)
    {
        var rgb = new byte[gray.Length * 3];
        for (int i = 0; i < gray.Length; i++)
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray[i];
        return rgb;
    }

    /// <summary>Pixels where <paramref name="mask"/> is non-zero are tinted with <paramref name="color"/> at opacity <paramref name="alpha"/> (0–1).</summary>
    public static byte[] Mask(ReadOnlySpan<byte> gray, ReadOnlySpan<byte> mask, RgbColor color, double alpha = 0.45)
    {
        CheckLength(gray, mask.Length, nameof(mask));
        var rgb = ToRgb(gray);
        for (int i = 0; i < mask.Length; i++)
            if (mask[i] != 0) Blend(rgb, i, color, alpha);
        return rgb;
    }

    /// <summary>Pixels where <paramref name="mask"/> is true are tinted with <paramref name="color"/> at opacity <paramref name="alpha"/> (0–1).</summary>
    public static byte[] Mask(ReadOnlySpan<byte> gray, ReadOnlySpan<bool> mask, RgbColor color, double alpha = 0.45)
    {
        CheckLength(gray, mask.Length, nameof(mask));
        var rgb = ToRgb(gray);
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) Blend(rgb, i, color, alpha);
        return rgb;
    }

    /// <summary>
    /// Only the boundary of the mask (mask pixels with a 4-neighbour outside it) is drawn, fully opaque:
    /// the image under the segmented region stays visible.
    /// </summary>
    public static byte[] Outline(ReadOnlySpan<byte> gray, ReadOnlySpan<byte> mask, int width, RgbColor color)
    {
        CheckLength(gray, mask.Length, nameof(mask));
        if (width <= 0 || gray.Length % width != 0) throw new ArgumentException($"width {width} does not divide {gray.Length} pixels", nameof(width));
        int height = gray.Length / width;
        var rgb = ToRgb(gray);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                if (mask[i] == 0) continue;
                bool edge = x == 0 || y == 0 || x == width - 1 || y == height - 1
                    || mask[i - 1] == 0 || mask[i + 1] == 0 || mask[i - width] == 0 || mask[i + width] == 0;
                if (edge) Blend(rgb, i, color, 1);
            }
        }
        return rgb;
    }

    /// <summary>
    /// Tints each pixel with <paramref name="color"/> at opacity <c>p · maxAlpha</c>, p being the
    /// probability clamped to 0–1 (NaN counts as 0).
    /// </summary>
    public static byte[] Probability(ReadOnlySpan<byte> gray, ReadOnlySpan<float> probability, RgbColor color, double maxAlpha = 0.6)
    {
        CheckLength(gray, probability.Length, nameof(probability));
        var rgb = ToRgb(gray);
        for (int i = 0; i < probability.Length; i++)
        {
            float p = probability[i];
            if (p > 0) Blend(rgb, i, color, Math.Min(p, 1f) * maxAlpha);
        }
        return rgb;
    }

    private static void Blend(byte[] rgb, int pixel, RgbColor color, double alpha)
    {
        alpha = Math.Clamp(alpha, 0, 1);
        int o = 3 * pixel;
        rgb[o] = RgbColor.Mix(rgb[o], color.R, alpha);
        rgb[o + 1] = RgbColor.Mix(rgb[o + 1], color.G, alpha);
        rgb[o + 2] = RgbColor.Mix(rgb[o + 2], color.B, alpha);
    }

    private static void CheckLength(ReadOnlySpan<byte> gray, int length, string name)
    {
        if (gray.Length != length) throw new ArgumentException($"{name} has {length} pixels, the image {gray.Length}", name);
    }
}
