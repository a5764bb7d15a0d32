using TemKit.Imaging;
using TemKit.Neural.Models;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>Finds particles in one frame: a foreground probability and a 0/1 mask of the frame's size.</summary>
public interface IParticleDetector
{
    /// <summary>One line saying what detects the particles (for the report).</summary>
    string Description { get; }

    /// <summary>The probability (0..1) and mask (0/1) of frame <paramref name="frameIndex"/> (0-based over the run).</summary>
    (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex);
}

/// <summary>Detection by a trained segmentation network through <see cref="Segmenter"/> (tiled, Hamming-blended).</summary>
/// <param name="Model">The network and its input description.</param>
/// <param name="Options">Threshold, tiles and pixel-size policy.</param>
/// <param name="ModelName">Name of the model file for the report.</param>
public sealed record NetworkParticleDetector(ModelCheckpoint Model, SegmentationOptions Options, string ModelName) : IParticleDetector
{
    /// <inheritdoc/>
    public string Description => $"network {ModelName} ({Model.Network.Kind}), threshold {Options.Threshold}";

    /// <inheritdoc/>
    public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex)
    {
        var result = Segmenter.Segment(frame, Model, Options);
        return (result.Probability, result.Mask);
    }
}

/// <summary>Detection read from a stack of masks with one frame per input frame (e.g. the true masks of a
/// simulation); the probability is the mask.</summary>
public sealed class MaskStackDetector : IParticleDetector, IDisposable
{
    private readonly IFrameSource _masks;
    private readonly float _threshold;

    /// <summary>Opens <paramref name="masks"/>; pixels at or above <paramref name="threshold"/> are foreground.</summary>
    public MaskStackDetector(IFrameSource masks, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(masks);
        _masks = masks;
        _threshold = (float)threshold;
    }

    /// <inheritdoc/>
    public string Description => $"masks {Path.GetFileName(_masks.Path)}";

    /// <inheritdoc/>
    public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frameIndex >= _masks.FrameCount) throw new ArgumentException($"{_masks.Path}: has {_masks.FrameCount} mask frame(s), frame {frameIndex} needs one more");
        if (_masks.Width != frame.Width || _masks.Height != frame.Height)
            throw new ArgumentException($"{_masks.Path}: masks are {_masks.Width}x{_masks.Height} px, the frame {frame.Width}x{frame.Height} px");
        var probability = new float[frame.Width * frame.Height];
        _masks.ReadFrame(frameIndex, probability);
        var mask = new byte[probability.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            probability[i] = Math.Clamp(probability[i], 0, 1);
            mask[i] = probability[i] >= _threshold ? (byte)1 : (byte)0;
        }
        return (probability, mask);
    }

    /// <inheritdoc/>
    public void Dispose() => _masks.Dispose();
}
