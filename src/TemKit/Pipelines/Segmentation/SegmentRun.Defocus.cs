using TemKit.Imaging;
using TemKit.Pipelines.Defocus;

namespace TemKit.Pipelines.Segmentation;

public sealed partial class SegmentRun
{
    /// <summary>The image the network sees (CTF-corrected with the measured CTF when asked), the measured mean defocus
    /// (Å; null without a defocus run) and the run's row for the image (its per-image properties). Throws <see cref="MeasuredDefocusException"/> for an image the run cannot serve.</summary>
    private (Image2D Image, double? DefocusAngstrom, DefocusResult? Row) WithMeasuredCtf(Image2D image, string file)
    {
        if (_defocus is null) return (image, null, null);
        var pixelSize = Options.Segmentation.PixelSizeAngstrom is { } p ? new VoxelSize(p, p, 0) : image.PixelSize;
        var (corrected, defocus) = _defocus.Correct(image, file, Options.CtfCorrection, pixelSize);
        return (corrected, defocus, _defocus.For(file));
    }
}
