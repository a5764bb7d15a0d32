using TemKit.Imaging;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Defocus;

namespace TemKit.Pipelines.Training;

/// <summary>
/// Conditions a network on defocus: appends to every training sample a constant input channel holding its image's mean
/// defocus as a <c>temkit defocus</c> run measured it (<see cref="InputChannel.Defocus"/>: Å × 1e-4, i.e. µm, not
/// standardised). The model records the channel list (<see cref="Channels"/>), so <c>temkit segment --defocus-from RUN</c>
/// fills the same channel from each image's measured defocus.
/// </summary>
public static class DefocusChannel
{
    /// <summary>The channel list of a model whose <paramref name="imageChannels"/> standardised image planes are followed by the defocus channel.</summary>
    public static IReadOnlyList<InputChannel> Channels(int imageChannels)
    {
        if (imageChannels < 1) throw new ArgumentOutOfRangeException(nameof(imageChannels), imageChannels, "at least one image channel");
        return [.. Enumerable.Repeat(InputChannel.Standardised, imageChannels), InputChannel.Defocus];
    }

    /// <summary>
    /// The samples with the defocus channel appended. Each sample is looked up in <paramref name="run"/> as
    /// <paramref name="imagesFolder"/>/NAME (one image per file, as a folder dataset has); throws
    /// <see cref="MeasuredDefocusException"/> for an image the run lacks, could not fit, or measured at another pixel size,
    /// and <see cref="ArgumentException"/> for samples cut from a stack (no file per image to look up).
    /// </summary>
    public static List<SegmentationSample> Append(IReadOnlyList<SegmentationSample> samples, string imagesFolder, MeasuredDefocus run)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(imagesFolder);
        ArgumentNullException.ThrowIfNull(run);
        if (!Directory.Exists(imagesFolder))
            throw new ArgumentException($"{imagesFolder}: a defocus channel needs a folder of images (one per file) to look each up in the defocus run", nameof(imagesFolder));
        var result = new List<SegmentationSample>(samples.Count);
        foreach (var s in samples)
        {
            if (s.Name.EndsWith(']')) throw new ArgumentException($"{s.Name}: a frame of a stack; a defocus channel needs one image per file", nameof(samples));
            var pixel = s.PixelSizeAngstrom > 0 ? new VoxelSize(s.PixelSizeAngstrom, s.PixelSizeAngstrom, 0) : VoxelSize.Unknown;
            var (ctf, _) = run.CtfFor(Path.Combine(imagesFolder, s.Name), pixel);
            int plane = s.Width * s.Height;
            var image = new float[s.Image.Length + plane];
            s.Image.CopyTo(image, 0);
            var constant = image.AsSpan(s.Image.Length, plane);
            constant.Fill((float)ctf.MeanDefocusAngstrom);
            SegmentationSample.Normalise(constant, InputChannel.Defocus);
            result.Add(s with { Image = image });
        }
        return result;
    }
}
