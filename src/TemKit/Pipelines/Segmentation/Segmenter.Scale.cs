using System.Globalization;
using TemKit.Imaging;
using TemKit.Neural.Models;

namespace TemKit.Pipelines.Segmentation;

/// <summary>The decision of <see cref="Segmenter.PlanScale"/>.</summary>
/// <param name="TargetPixelSizeAngstrom">Pixel size to resample the image to (Å/px); null = use the image as it is.</param>
/// <param name="Warnings">What the caller should be told.</param>
public sealed record ScalePlan(double? TargetPixelSizeAngstrom, IReadOnlyList<string> Warnings);

public static partial class Segmenter
{
    /// <summary>
    /// Compares an image's pixel size with the model's training pixel size. Inside the training range widened by
    /// <see cref="SegmentationOptions.PixelSizeTolerance"/>: no resampling. Outside it: resample to the model's mean
    /// training pixel size, or throw <see cref="PixelSizeMismatchException"/> under <see cref="PixelSizeMismatchPolicy.Refuse"/>.
    /// An unknown pixel size on either side gives a warning and no resampling.
    /// </summary>
    public static ScalePlan PlanScale(VoxelSize imagePixelSize, ModelInput model, SegmentationOptions options)
    {
        if (!model.HasPixelSize)
            return new ScalePlan(null, ["the model does not record its training pixel size (a version 1 model file or uncalibrated training images); " +
                "the image is segmented at its own pixel size: if particles look like specks or blobs, check the two pixel sizes"]);
        double modelPx = model.PixelSizeAngstrom!.Value;
        if (!imagePixelSize.IsKnown)
            return new ScalePlan(null, [string.Create(CultureInfo.InvariantCulture,
                $"the image has no pixel size; it is segmented as if it were at the model's {modelPx:G4} Å/px (give the pixel size to have it checked)")]);
        double px = imagePixelSize.XAngstrom;
        double lo = (model.MinPixelSizeAngstrom ?? modelPx) / (1 + options.PixelSizeTolerance);
        double hi = (model.MaxPixelSizeAngstrom ?? modelPx) * (1 + options.PixelSizeTolerance);
        if (px >= lo && px <= hi) return new ScalePlan(null, []);
        string what = string.Create(CultureInfo.InvariantCulture,
            $"pixel size {px:G4} Å/px is outside the model's training range {model.DescribePixelSize()} (± {100 * options.PixelSizeTolerance:G3} %), a factor {px / modelPx:G3}");
        if (options.PixelSizeMismatch == PixelSizeMismatchPolicy.Refuse)
            throw new PixelSizeMismatchException($"{what}; refused (pixel-size mismatch policy: refuse)");
        return new ScalePlan(modelPx, [string.Create(CultureInfo.InvariantCulture, $"{what}; resampled to {modelPx:G4} Å/px for the network, results mapped back to the input grid")]);
    }
}
