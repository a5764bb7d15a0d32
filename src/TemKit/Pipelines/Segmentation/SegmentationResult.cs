using TemKit.Imaging;
using TemKit.Imaging.Components;

namespace TemKit.Pipelines.Segmentation;

/// <summary>One segmented image: foreground probability and mask on the input's pixel grid, area and particles.</summary>
public sealed class SegmentationResult
{
    /// <summary>Pixels per row of the input (and of <see cref="Probability"/> and <see cref="Mask"/>).</summary>
    public required int Width { get; init; }

    /// <summary>Rows of the input.</summary>
    public required int Height { get; init; }

    /// <summary>Pixel size used for the nm values (the override, else the header; zero = unknown).</summary>
    public required VoxelSize PixelSize { get; init; }

    /// <summary>Foreground probability per pixel (0..1), row-major Width x Height: the sigmoid output, or 1 − p(background) for several classes.</summary>
    public required float[] Probability { get; init; }

    /// <summary>1 where <see cref="Probability"/> ≥ <see cref="Threshold"/>, else 0.</summary>
    public required byte[] Mask { get; init; }

    /// <summary>Threshold applied (probability).</summary>
    public required double Threshold { get; init; }

    /// <summary>Mask pixels.</summary>
    public required long AreaPx { get; init; }

    /// <summary>Mask area (nm²); NaN when the pixel size is unknown.</summary>
    public required double AreaNm2 { get; init; }

    /// <summary>Mean foreground probability over the mask pixels; NaN for an empty mask.</summary>
    public required double MeanProbability { get; init; }

    /// <summary>
    /// Connected components of the mask at least <see cref="SegmentationOptions.MinParticleDiameterNm"/> across
    /// (particles), numbered 1.. in raster order of their first pixel.
    /// </summary>
    public required IReadOnlyList<ComponentMeasurement> Particles { get; init; }

    /// <summary>Training pixel size of the model (Å/px); null when the model does not record it.</summary>
    public required double? ModelPixelSizeAngstrom { get; init; }

    /// <summary>Input pixels per network pixel along x: 1 when the network saw the image as it is, 1/3 when a 0.05 Å/px image was resampled to 0.15 Å/px.</summary>
    public required double ScaleFactor { get; init; }

    /// <summary>Width of the image the network saw (px).</summary>
    public required int NetworkWidth { get; init; }

    /// <summary>Height of the image the network saw (px).</summary>
    public required int NetworkHeight { get; init; }

    /// <summary>Things the caller should be told (unknown pixel sizes, rescaling); empty when all is well.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>True when the image was resampled to the model's pixel size.</summary>
    public bool Rescaled => NetworkWidth != Width || NetworkHeight != Height;
}
