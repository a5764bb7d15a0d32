using TemKit.Imaging.Components;
using TemKit.Neural.Models;

namespace TemKit.Pipelines.Segmentation;

/// <summary>What to do when an image's pixel size is outside the range a model was trained at.</summary>
public enum PixelSizeMismatchPolicy
{
    /// <summary>Resample the image to the model's pixel size, segment, and map the probabilities back to the input grid.</summary>
    Rescale,

    /// <summary>Refuse the image with a <see cref="PixelSizeMismatchException"/>.</summary>
    Refuse,
}

/// <summary>Settings of <see cref="Segmenter"/>: threshold, tiling, pixel-size handling and particle labelling.</summary>
public sealed record SegmentationOptions
{
    /// <summary>
    /// Default foreground probability threshold, used by <c>temkit segment</c> and the demo. Chosen by measurement on
    /// the demo's held-out image (docs/segmentation.md, "Threshold").
    /// </summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>A pixel is in the mask when its foreground probability is at or above this value (0 &lt; t ≤ 1); null =
    /// the threshold calibrated for the model (<see cref="ModelOutput.MaskThreshold"/>, e.g. by <c>temkit calibrate-mask</c>),
    /// else <see cref="DefaultThreshold"/> (<see cref="ThresholdFor"/>).</summary>
    public double? Threshold { get; init; }

    /// <summary>The threshold used with a model whose outputs are <paramref name="output"/>: <see cref="Threshold"/>, else
    /// the model's calibrated <see cref="ModelOutput.MaskThreshold"/>, else <see cref="DefaultThreshold"/>.</summary>
    public double ThresholdFor(ModelOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Threshold ?? output.MaskThreshold ?? DefaultThreshold;
    }

    /// <summary>Tile side for large images (px); a multiple of the network's size multiple.</summary>
    public int TileSizePx { get; init; } = 256;

    /// <summary>Minimum overlap of neighbouring tiles (px), blended with Hamming weights.</summary>
    public int TileOverlapPx { get; init; } = 64;

    /// <summary>Pixel size (Å/px) that overrides the image header; null = use the header.</summary>
    public double? PixelSizeAngstrom { get; init; }

    /// <summary>What to do when the image's pixel size is outside the model's training range (widened by <see cref="PixelSizeTolerance"/>).</summary>
    public PixelSizeMismatchPolicy PixelSizeMismatch { get; init; } = PixelSizeMismatchPolicy.Rescale;

    /// <summary>
    /// Relative widening of the model's training pixel-size range within which an image is used as it is (0.05 = 5 %):
    /// a model trained at 0.14-0.16 Å/px accepts 0.133-0.168 Å/px.
    /// </summary>
    public double PixelSizeTolerance { get; init; } = 0.05;

    /// <summary>
    /// Components whose equivalent diameter is below this (nm) are specks, not particles: they stay in the mask and
    /// its area but are not listed or counted as particles. 0.3 nm is about one atom's diameter. Ignored when the pixel
    /// size is unknown; 0 lists every component.
    /// </summary>
    public double MinParticleDiameterNm { get; init; } = 0.3;

    /// <summary>Neighbourhood joining mask pixels into particles.</summary>
    public Connectivity Connectivity { get; init; } = Connectivity.Eight;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Threshold is { } t && !(t > 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(Threshold), t, "threshold must be in (0, 1]");
        if (TileSizePx < 1) throw new ArgumentOutOfRangeException(nameof(TileSizePx), TileSizePx, "tile size must be ≥ 1 px");
        if (TileOverlapPx < 0 || TileOverlapPx >= TileSizePx) throw new ArgumentOutOfRangeException(nameof(TileOverlapPx), TileOverlapPx, $"overlap must be in 0..{TileSizePx - 1} px");
        if (PixelSizeAngstrom is { } p && !(p > 0 && double.IsFinite(p))) throw new ArgumentOutOfRangeException(nameof(PixelSizeAngstrom), p, "pixel size must be a positive number of Å");
        if (!(PixelSizeTolerance >= 0 && PixelSizeTolerance < 1)) throw new ArgumentOutOfRangeException(nameof(PixelSizeTolerance), PixelSizeTolerance, "tolerance must be in [0, 1)");
        if (!Enum.IsDefined(PixelSizeMismatch)) throw new ArgumentOutOfRangeException(nameof(PixelSizeMismatch), PixelSizeMismatch, "rescale or refuse");
        if (!(MinParticleDiameterNm >= 0) || !double.IsFinite(MinParticleDiameterNm)) throw new ArgumentOutOfRangeException(nameof(MinParticleDiameterNm), MinParticleDiameterNm, "must be ≥ 0 nm");
        if (!Enum.IsDefined(Connectivity)) throw new ArgumentOutOfRangeException(nameof(Connectivity), Connectivity, "4 or 8");
    }
}

/// <summary>An image whose pixel size is outside the model's training range, refused under <see cref="PixelSizeMismatchPolicy.Refuse"/>.</summary>
public sealed class PixelSizeMismatchException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public PixelSizeMismatchException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public PixelSizeMismatchException() : base("pixel size outside the model's training range")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public PixelSizeMismatchException(string message, Exception inner) : base(message, inner)
    {
    }
}
