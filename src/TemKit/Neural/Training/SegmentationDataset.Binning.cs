using TemKit.Imaging;
using TemKit.Imaging.Resampling;

namespace TemKit.Neural.Training;

public static partial class SegmentationDataset
{
    /// <summary>
    /// The size of a <paramref name="width"/> x <paramref name="height"/> image binned by <paramref name="factor"/>:
    /// each side divided by the factor and rounded (at least 1 px), the rule <c>Segmenter</c> uses when it resamples an
    /// image to a model's pixel size. The binned pixel size is the original times width / binned width.
    /// </summary>
    public static (int Width, int Height) BinnedSize(int width, int height, int factor)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "the bin factor must be at least 1");
        return factor == 1 ? (width, height) : (Math.Max(1, (int)Math.Round(width / (double)factor)), Math.Max(1, (int)Math.Round(height / (double)factor)));
    }

    /// <summary>
    /// Resamples <paramref name="source"/> (<paramref name="width"/> x <paramref name="height"/>) to
    /// <paramref name="destination"/> (<paramref name="newWidth"/> x <paramref name="newHeight"/>) with
    /// <see cref="Resize.Image(ReadOnlySpan{float}, int, int, Span{float}, int, int)"/>, the resampling <c>Segmenter</c> applies before the network (an area average when
    /// shrinking), so a model trained on binned images sees at training what it sees at segmentation: training at
    /// 8 x the frame's pixel size (<c>temkit train --bin-factor 8</c>) makes a detector for <c>temkit particles</c>
    /// that predicts on a 64x smaller grid. Same size: a plain copy.
    /// </summary>
    public static void Bin(ReadOnlySpan<float> source, int width, int height, Span<float> destination, int newWidth, int newHeight)
    {
        if (newWidth == width && newHeight == height)
        {
            source.CopyTo(destination);
            return;
        }
        Resize.Image(source, width, height, destination, newWidth, newHeight);
    }

    /// <summary>
    /// Labels of one mask frame on the (binned) sample grid: binary labels (value &gt; 0) averaged over each binned pixel
    /// and foreground when at least half of it is (a majority vote, matching a 0.5 probability threshold); regression
    /// targets averaged; class maps only unbinned.
    /// </summary>
    private static void BinLabels(string maskName, Image2D mask, Span<float> labels, int width, int height, int classes, bool regression)
    {
        if (mask.Width == width && mask.Height == height)
        {
            ToLabels(maskName, mask.Pixels, labels, classes, regression);
            return;
        }
        var full = new float[mask.Width * mask.Height];
        ToLabels(maskName, mask.Pixels, full, classes, regression);
        Resize.Image(full, mask.Width, mask.Height, labels, width, height);
        if (regression) return;
        for (int k = 0; k < labels.Length; k++) labels[k] = labels[k] >= 0.5f ? 1f : 0f;
    }
}
