namespace TemKit.Neural.Training;

/// <summary>
/// One training or validation pair: an image of one or more channels (each normalised to mean 0, standard deviation 1,
/// e.g. the three frames of a focal series, unless the model's channel list passes a channel through with a fixed scale) and its label planes (one plane of 0/1 for a binary mask or of class indices
/// for several classes; one plane per output channel of regressed values for a mean-squared-error network), every plane
/// row-major Width x Height, planes one after the other.
/// </summary>
/// <param name="Name">Where it came from, e.g. "images.mrc[12]".</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Image">Normalised pixels, <see cref="Channels"/> planes.</param>
/// <param name="Labels">Label per pixel, <see cref="LabelPlanes"/> planes.</param>
/// <param name="PixelSizeAngstrom">Pixel size of the image in Å (0 if unknown).</param>
public sealed record SegmentationSample(string Name, int Width, int Height, float[] Image, float[] Labels, double PixelSizeAngstrom = 0)
{
    /// <summary>Input channels: the image's length over Width·Height.</summary>
    public int Channels => Image.Length / Math.Max(1, Width * Height);

    /// <summary>Label planes: the labels' length over Width·Height.</summary>
    public int LabelPlanes => Labels.Length / Math.Max(1, Width * Height);

    /// <summary>Throws unless image and labels are whole planes of Width x Height with the given counts.</summary>
    public void RequirePlanes(int channels, int labelPlanes)
    {
        int plane = Width * Height;
        if (plane <= 0 || Image.Length != channels * plane)
            throw new ArgumentException($"{Name}: {Image.Length} image values are not {channels} channel(s) of {Width}x{Height}");
        if (Labels.Length != labelPlanes * plane)
            throw new ArgumentException($"{Name}: {Labels.Length} label values are not {labelPlanes} plane(s) of {Width}x{Height}");
    }

    /// <summary>Normalises <paramref name="pixels"/> in place to mean 0 and standard deviation 1 (statistics in double; a flat image becomes 0).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Normalise(Span<float> pixels)
    {
        var (m, inv) = NormalisationOf(pixels);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (pixels[i] - m) * inv;
    }

    /// <summary>
    /// Prepares one input channel in place as <paramref name="channel"/> says (standardised, or times a fixed scale): the one
    /// rule training (<see cref="SegmentationDataset.Load"/>) and the segmenters apply, via <see cref="ChannelNormalisation"/>.
    /// </summary>
    public static void Normalise(Span<float> pixels, Models.InputChannel channel)
    {
        var (offset, scale) = ChannelNormalisation(channel, pixels);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (pixels[i] - offset) * scale;
    }

    /// <summary>
    /// The shift and scale that prepare a channel, prepared = (pixel − Offset)·Scale: (mean, 1/standard deviation) of
    /// <paramref name="pixels"/> for a standardised channel (<see cref="NormalisationOf"/>), (0, fixed scale) otherwise.
    /// </summary>
    public static (float Offset, float Scale) ChannelNormalisation(Models.InputChannel channel, ReadOnlySpan<float> pixels)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.FixedScale is { } s ? (0f, (float)s) : NormalisationOf(pixels);
    }

    /// <summary>
    /// The shift and scale of <see cref="Normalise(Span{float})"/>: normalised = (pixel − Mean)·InverseStd, with mean and standard
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
