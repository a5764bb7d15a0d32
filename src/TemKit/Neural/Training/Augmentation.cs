namespace TemKit.Neural.Training;

/// <summary>Random square crops with one of the 8 symmetries of the square (flips and 90° rotations).</summary>
public static class Augmentation
{
    /// <summary>
    /// Copies a random <paramref name="crop"/> x <paramref name="crop"/> window of the sample into the image and label
    /// destinations, transformed by a random element of the dihedral group D4. Same transform for every image channel and
    /// label plane; the destinations hold crop² values per channel or plane.
    /// </summary>
    public static void RandomCrop(SegmentationSample sample, int crop, Random rng, Span<float> image, Span<float> labels, bool augment = true)
    {
        if (crop > sample.Width || crop > sample.Height)
            throw new ArgumentException($"crop {crop} px is larger than {sample.Name} ({sample.Width}x{sample.Height})");
        int x0 = rng.Next(sample.Width - crop + 1), y0 = rng.Next(sample.Height - crop + 1);
        int symmetry = augment ? rng.Next(8) : 0;
        int plane = sample.Width * sample.Height, n = crop * crop;
        for (int c = 0; c < sample.Channels; c++)
            Transform(sample.Image.AsSpan(c * plane, plane), sample.Width, x0, y0, crop, symmetry, image.Slice(c * n, n));
        for (int c = 0; c < sample.LabelPlanes; c++)
            Transform(sample.Labels.AsSpan(c * plane, plane), sample.Width, x0, y0, crop, symmetry, labels.Slice(c * n, n));
    }

    /// <summary>dst(x, y) = src(x0 + u, y0 + v) where (u, v) is (x, y) after optional transpose and flips (bit 0: transpose, bit 1: flip x, bit 2: flip y).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Transform(ReadOnlySpan<float> src, int srcWidth, int x0, int y0, int n, int symmetry, Span<float> dst)
    {
        bool transpose = (symmetry & 1) != 0, flipX = (symmetry & 2) != 0, flipY = (symmetry & 4) != 0;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                int u = transpose ? y : x, v = transpose ? x : y;
                if (flipX) u = n - 1 - u;
                if (flipY) v = n - 1 - v;
                dst[y * n + x] = src[(y0 + v) * srcWidth + x0 + u];
            }
    }
}
