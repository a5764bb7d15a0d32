namespace TemKit.Neural.Models;

/// <summary>Creates networks by kind name ("msd" or "unet").</summary>
public static class NetworkFactory
{
    /// <summary>The network kinds understood by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["msd", "unet"];

    /// <summary>Builds an MSD-net or a U-Net from its parameter record.</summary>
    public static ISegmentationNetwork Create(object settings) => settings switch
    {
        MsdNetParameters m => new MsdNet(m),
        UNetParameters u => new UNet(u),
        _ => throw new ArgumentException($"unknown network settings {settings.GetType().Name}", nameof(settings)),
    };
}
