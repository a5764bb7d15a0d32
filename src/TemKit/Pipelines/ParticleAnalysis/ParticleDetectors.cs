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

    /// <summary>Warnings about using this detector on <paramref name="frame"/>, without detecting (e.g. a pixel size
    /// outside a model's training range); none by default.</summary>
    IReadOnlyList<string> Warnings(Image2D frame) => [];
}

/// <summary>
/// A detector that predicts on a grid coarser than the frame (e.g. a network trained at 8x the frame's pixel size):
/// <see cref="ParticleFrameAnalysis"/> then labels the particles on that grid and brings the probability to the frame's
/// grid only inside each particle's box (<see cref="Imaging.Resampling.Resize.ImageRegion"/>), which gives the same
/// particles as thresholding the whole resampled map without ever holding a frame-sized map.
/// </summary>
public interface ICoarseParticleDetector : IParticleDetector
{
    /// <summary>Foreground probability of frame <paramref name="frameIndex"/> on the detector's grid, covering the
    /// frame's field of view, and the threshold at which a pixel of the frame is foreground.</summary>
    CoarseProbability DetectCoarse(Image2D frame, int frameIndex);
}

/// <summary>A probability map on a grid covering a frame's field of view.</summary>
/// <param name="Probability">Foreground probability (0..1), row-major.</param>
/// <param name="Width">Grid width (px).</param>
/// <param name="Height">Grid height (px).</param>
/// <param name="Threshold">Foreground at or above this probability.</param>
public sealed record CoarseProbability(float[] Probability, int Width, int Height, double Threshold);

/// <summary>Detection by a trained segmentation network through <see cref="Segmenter"/> (tiled, Hamming-blended); when
/// the model's pixel size is coarser than the frame's, the network sees the frame binned to it
/// (<see cref="ICoarseParticleDetector"/>).</summary>
/// <param name="Model">The network and its input description.</param>
/// <param name="Options">Threshold, tiles and pixel-size policy.</param>
/// <param name="ModelName">Name of the model file for the report.</param>
public sealed record NetworkParticleDetector(ModelCheckpoint Model, SegmentationOptions Options, string ModelName) : ICoarseParticleDetector
{
    /// <inheritdoc/>
    public string Description => $"network {ModelName} ({Model.Network.Kind}), threshold {Threshold}{(Options.Threshold is null && Model.Output.MaskThreshold is not null ? " (calibrated, recorded in the model)" : "")}";

    /// <summary>The mask threshold used: <see cref="SegmentationOptions.ThresholdFor"/> of the model's outputs.</summary>
    public double Threshold => Options.ThresholdFor(Model.Output);

    /// <inheritdoc/>
    public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex)
    {
        // Only the probability: the components are labelled once, by the caller.
        var probability = Segmenter.ForegroundProbability(frame, Model, Options).Probability;
        var mask = new byte[probability.Length];
        float threshold = (float)Threshold;
        for (int i = 0; i < mask.Length; i++) mask[i] = probability[i] >= threshold ? (byte)1 : (byte)0;
        return (probability, mask);
    }

    /// <summary>The warnings <c>temkit segment</c> gives for this frame and model (<see cref="Segmenter.PlanScale"/>): a model
    /// without a training pixel size, or a frame pixel size outside the model's training range (the frame is then
    /// resampled to the model's pixel size, which is how an 8x-binned detector is meant to be used; a frame coarser
    /// than the model means the network sees particles smaller than it was trained on).</summary>
    public IReadOnlyList<string> Warnings(Image2D frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var pixel = Options.PixelSizeAngstrom is { } p ? VoxelSize.Isotropic(p) : frame.PixelSize;
        return Segmenter.PlanScale(pixel, Model.Input, Options).Warnings;
    }

    /// <inheritdoc/>
    public CoarseProbability DetectCoarse(Image2D frame, int frameIndex)
    {
        var map = Segmenter.ForegroundProbabilityAtModelScale(frame, Model, Options);
        return new CoarseProbability(map.Probability, map.NetworkWidth, map.NetworkHeight, Threshold);
    }
}

/// <summary>Detection read from mask files with one frame per input frame, in the same order (e.g. the true masks of
/// a simulation); the probability is the mask clamped to 0..1. The files are opened one at a time.</summary>
public sealed class MaskStackDetector : IParticleDetector, IDisposable
{
    private readonly IReadOnlyList<FrameRef> _frames;
    private readonly float _threshold;
    private IFrameSource? _open;

    /// <summary>Uses the frames of <paramref name="paths"/> in order; pixels at or above <paramref name="threshold"/> are foreground.</summary>
    public MaskStackDetector(IReadOnlyList<string> paths, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("no mask files", nameof(paths));
        _frames = FrameList.Of(paths);
        _threshold = (float)threshold;
        Description = $"masks {string.Join(", ", paths.Select(Path.GetFileName))}";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frameIndex >= _frames.Count) throw new ArgumentException($"the masks hold {_frames.Count} frame(s), frame {frameIndex} needs one more");
        var f = _frames[frameIndex];
        if (_open is null || _open.Path != f.File)
        {
            _open?.Dispose();
            _open = IO.ImageFile.Open(f.File);
        }
        if (_open.Width != frame.Width || _open.Height != frame.Height)
            throw new ArgumentException($"{f.File}: masks are {_open.Width}x{_open.Height} px, the frame {frame.Width}x{frame.Height} px");
        var probability = new float[frame.Width * frame.Height];
        _open.ReadFrame(f.FrameInFile, probability);
        var mask = new byte[probability.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            probability[i] = Math.Clamp(probability[i], 0, 1);
            mask[i] = probability[i] >= _threshold ? (byte)1 : (byte)0;
        }
        return (probability, mask);
    }

    /// <inheritdoc/>
    public void Dispose() => _open?.Dispose();
}
