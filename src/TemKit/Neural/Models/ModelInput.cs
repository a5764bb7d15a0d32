using System.Globalization;

namespace TemKit.Neural.Models;

/// <summary>How an image is normalised before it enters a network.</summary>
public enum InputNormalisation
{
    /// <summary>Each image (or tile source image) is shifted and scaled to mean 0 and standard deviation 1 (statistics in double; a flat image becomes 0).</summary>
    PerImageMeanStd,
}

/// <summary>
/// What a model expects of its input images, recorded in the model file (format version 2): the pixel size of the
/// training images and the normalisation applied to them. A network that learned particles at 0.15 Å/px sees a
/// 0.05 Å/px image as a field of small specks, so the segmenter compares the image's pixel size with this one.
/// </summary>
/// <param name="PixelSizeAngstrom">Mean pixel size of the training images (Å/px); null when unknown (version 1 files, uncalibrated training data).</param>
/// <param name="MinPixelSizeAngstrom">Smallest training pixel size (Å/px); null when unknown.</param>
/// <param name="MaxPixelSizeAngstrom">Largest training pixel size (Å/px); null when unknown.</param>
/// <param name="Normalisation">Normalisation applied to every input image.</param>
public sealed record ModelInput(double? PixelSizeAngstrom, double? MinPixelSizeAngstrom, double? MaxPixelSizeAngstrom,
    InputNormalisation Normalisation = InputNormalisation.PerImageMeanStd)
{
    /// <summary>Nothing known about the training pixel size; per-image mean/std normalisation (what every TemKit model has used).</summary>
    public static ModelInput Unknown { get; } = new(null, null, null);

    /// <summary>
    /// How each input channel is prepared (one entry per network input channel); null = every channel standardised per
    /// image, which is what a model file without a channel list means.
    /// </summary>
    public IReadOnlyList<InputChannel>? Channels { get; init; }

    /// <summary>How channel <paramref name="channel"/> is prepared (<see cref="InputChannel.Standardised"/> without a channel list).</summary>
    public InputChannel Channel(int channel) => Channels is { } list && channel < list.Count ? list[channel] : InputChannel.Standardised;

    /// <summary>The constant quantities the channels need filled in (e.g. <see cref="InputChannel.DefocusAngstrom"/>), none for image-only models.</summary>
    public IEnumerable<string> Quantities => Channels?.Select(c => c.Quantity).OfType<string>().Distinct() ?? [];

    /// <summary>True when the training pixel size is recorded.</summary>
    public bool HasPixelSize => PixelSizeAngstrom is > 0;

    /// <summary>
    /// The input description of a model trained on images with these pixel sizes (Å/px): mean, minimum and maximum of
    /// the positive, finite values; <see cref="Unknown"/> when there is none.
    /// </summary>
    public static ModelInput FromPixelSizes(IEnumerable<double> pixelSizesAngstrom)
    {
        var known = pixelSizesAngstrom.Where(p => p > 0 && double.IsFinite(p)).ToList();
        return known.Count == 0 ? Unknown : new ModelInput(known.Average(), known.Min(), known.Max());
    }

    /// <summary>"0.15 Å/px (0.14-0.16)" or "unknown".</summary>
    public string DescribePixelSize()
    {
        if (!HasPixelSize) return "unknown";
        string mean = PixelSizeAngstrom!.Value.ToString("G4", CultureInfo.InvariantCulture);
        if (MinPixelSizeAngstrom is { } lo && MaxPixelSizeAngstrom is { } hi && hi > lo)
            return string.Create(CultureInfo.InvariantCulture, $"{mean} Å/px (trained on {lo:G4}-{hi:G4})");
        return mean + " Å/px";
    }
}
