namespace TemKit.Neural.Training;

/// <summary>
/// One training or validation pair: an image normalised to mean 0, standard deviation 1, and its label plane
/// (0/1 for a binary mask, class index otherwise), both row-major Width x Height.
/// </summary>
/// <param name="Name">Where it came from, e.g. "images.mrc[12]".</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Image">Normalised pixels.</param>
/// <param name="Labels">Label per pixel.</param>
/// <param name="PixelSizeAngstrom">Pixel size of the image in Å (0 if unknown).</param>
public sealed record SegmentationSample(string Name, int Width, int Height, float[] Image, float[] Labels, double PixelSizeAngstrom = 0)
{
    /// <summary>Normalises <paramref name="pixels"/> in place to mean 0 and standard deviation 1 (statistics in double; a flat image becomes 0).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Normalise(Span<float> pixels)
    {
        var (m, inv) = NormalisationOf(pixels);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (pixels[i] - m) * inv;
    }

    /// <summary>
    /// The shift and scale of <see cref="Normalise"/>: normalised = (pixel − Mean)·InverseStd, with mean and standard
    /// deviation accumulated in double and InverseStd = 0 for a flat image.
    /// </summary>
    public static (float Mean, float InverseStd) NormalisationOf(ReadOnlySpan<float> pixels)
    {
        double sum = 0, sum2 = 0;
        foreach (float v in pixels)
        {
            sum += v;
            sum2 += (double)v * v;
        }
        double mean = sum / pixels.Length;
        double std = Math.Sqrt(Math.Max(0, sum2 / pixels.Length - mean * mean));
        float inv = std > 1e-12 * Math.Max(1, Math.Abs(mean)) ? (float)(1 / std) : 0f;
        return ((float)mean, inv);
    }
}
