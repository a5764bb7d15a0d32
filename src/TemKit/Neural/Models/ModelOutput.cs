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
    /// <summary>No names and no description (every file before version 3).</summary>
    public static ModelOutput Unnamed { get; } = new(null, null);

    /// <summary>The name of output channel <paramref name="channel"/>, or "class N" when unnamed.</summary>
    public string NameOf(int channel) =>
        ClassNames is { } names && channel >= 0 && channel < names.Count ? names[channel] : $"class {channel}";
}
