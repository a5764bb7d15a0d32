namespace TemKit.Neural.Models;

/// <summary>
/// What a model's output channels are and what it was trained on, recorded in the model file (format version 3):
/// e.g. class names ["background", "Mo", "S2", "S1"] or ["column"], and a line such as
/// "simulated MoS2 focal series, 400 triplets, 80 kV".
/// </summary>
/// <param name="ClassNames">One name per output channel, or null when unnamed.</param>
/// <param name="Description">Free text about the training data, or null.</param>
public sealed record ModelOutput(IReadOnlyList<string>? ClassNames, string? Description)
{
    /// <summary>
    /// Foreground probability threshold calibrated for this model so that its masks' area matches the true area on
    /// simulated validation particles (header field <c>mask_threshold</c>, written by <c>temkit calibrate-mask</c>); null
    /// when none is recorded (the segmentation default then applies). Used when no threshold is given explicitly.
    /// </summary>
    public double? MaskThreshold { get; init; }

    /// <summary>No names and no description (every file before version 3).</summary>
    public static ModelOutput Unnamed { get; } = new(null, null);

    /// <summary>The name of output channel <paramref name="channel"/>, or "class N" when unnamed.</summary>
    public string NameOf(int channel) =>
        ClassNames is { } names && channel >= 0 && channel < names.Count ? names[channel] : $"class {channel}";
}
