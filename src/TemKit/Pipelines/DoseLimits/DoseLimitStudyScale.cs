using TemKit.Neural.Models;
using TemKit.Simulation.Datasets;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>How big the dose-limit study is.</summary>
public enum DoseLimitStudyScale
{
    /// <summary>Minutes on a laptop: a check that every step runs (tests, demo); its numbers mean nothing.</summary>
    Tiny,

    /// <summary>At most 2 hours on 2 idle cores end to end (docs/dose-limits.md gives the choice and its reasons).</summary>
    Small,

    /// <summary>The seed paper's scale (1000 structures, 10 image epochs, 300 epochs, 512² at 0.075 Å/px): a cluster job.</summary>
    Paper,
}

/// <summary>Everything the scale fixes: sizes of the datasets, the networks, the training and the evaluation series.</summary>
/// <param name="GridPx">Image side of datasets and series (px).</param>
/// <param name="PixelSizeAngstrom">Sampling (Å/px), fixed so every model suits the series.</param>
/// <param name="DiameterNanometres">Particle diameters of the training structures (nm).</param>
/// <param name="SeriesDiameterNanometres">Diameter of the series' particle (nm).</param>
/// <param name="Structures">Atomic structures (exit waves) per dataset, shared by every dataset.</param>
/// <param name="ImageEpochs">Images per structure.</param>
/// <param name="TrainingEpochs">Passes over the training images.</param>
/// <param name="CropPx">Training crop side (px).</param>
/// <param name="Msd">MSD-net settings.</param>
/// <param name="UNet">U-Net settings.</param>
/// <param name="SeriesFrames">Frames of the evaluation series.</param>
public sealed record DoseLimitStudySettings(int GridPx, double PixelSizeAngstrom, ParameterRange DiameterNanometres, double SeriesDiameterNanometres,
    int Structures, int ImageEpochs, int TrainingEpochs, int CropPx, MsdNetParameters Msd, UNetParameters UNet, int SeriesFrames)
{
    /// <summary>The settings of <paramref name="scale"/>.</summary>
    public static DoseLimitStudySettings For(DoseLimitStudyScale scale) => scale switch
    {
        DoseLimitStudyScale.Tiny => new(64, 0.25, new(1.0, 1.4), 1.2, 8, 2, 2, 64, new MsdNetParameters(Depth: 6, KernelSize: 5, MaxDilation: 4), new UNetParameters(BaseWidth: 4, Levels: 2), 40),
        DoseLimitStudyScale.Small => new(128, 0.2, new(1.5, 2.2), 2.0, 100, 4, 20, 128, new MsdNetParameters(Depth: 30), new UNetParameters(BaseWidth: 16), 1000),
        DoseLimitStudyScale.Paper => new(512, 0.075, new(1.5, 3.0), 2.5, 1000, 10, 300, 256, new MsdNetParameters(), new UNetParameters(), 1000),
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "tiny, small or paper"),
    };
}

/// <summary>One trained network of the study.</summary>
/// <param name="Name">Name of the model file and in tables (e.g. msd-high-mtf4).</param>
/// <param name="Network">"msd" or "unet".</param>
/// <param name="LowDose">True: the low frame-dose range of Table 2 (10..10⁴ e/Å²); false: the high one (10²..10⁶).</param>
/// <param name="MtfModel">SOI Table 3 MTF model of the training data.</param>
public sealed record DoseLimitStudyVariant(string Name, string Network, bool LowDose, int MtfModel)
{
    /// <summary>The eight variants of the paper: MSD-net and U-Net on the high and low dose ranges with MTF 4
    /// (Figs. 2-4), MSD-net on the high range with MTF 1, 2, 3, 5 (Figs. 7-8, SOI Fig. 9).</summary>
    public static IReadOnlyList<DoseLimitStudyVariant> All { get; } =
    [
        new("msd-high-mtf4", "msd", false, 4), new("unet-high-mtf4", "unet", false, 4),
        new("msd-low-mtf4", "msd", true, 4), new("unet-low-mtf4", "unet", true, 4),
        new("msd-high-mtf1", "msd", false, 1), new("msd-high-mtf2", "msd", false, 2),
        new("msd-high-mtf3", "msd", false, 3), new("msd-high-mtf5", "msd", false, 5),
    ];

    /// <summary>Name of the dataset the variant trains on (variants with the same dose range and MTF share it).</summary>
    public string Dataset => $"{(LowDose ? "low" : "high")}-mtf{MtfModel}";

    /// <summary>Table 2's frame-dose range of the training data (e/Å²).</summary>
    public ParameterRange DoseRange => LowDose ? new(1e1, 1e4) : new(1e2, 1e6);
}
