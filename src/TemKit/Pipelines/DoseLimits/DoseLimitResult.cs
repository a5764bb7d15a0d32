using CsvHelper.Configuration.Attributes;
using TemKit.Imaging;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>One frame of a dose series as the analysis sees it.</summary>
/// <param name="Index">Frame index in the series.</param>
/// <param name="Image">The frame (any units; pixel size in its header or the options).</param>
/// <param name="DoseElectronsPerAngstrom2">Frame dose (e/Å², &gt; 0).</param>
/// <param name="Mask">The exact 0/1 particle mask of this frame, or null (then the last frame's segmentation is the target).</param>
public sealed record DoseFrame(int Index, Image2D Image, double DoseElectronsPerAngstrom2, Image2D? Mask = null);

/// <summary>A model to evaluate: a display name and the loaded checkpoint.</summary>
/// <param name="Name">Name in tables and legends (e.g. the file name without extension).</param>
/// <param name="Model">The trained network.</param>
public sealed record DoseLimitModel(string Name, Neural.Models.ModelCheckpoint Model);

/// <summary>One row of frames.csv: one model on one frame.</summary>
public sealed class DoseLimitRow
{
    /// <summary>Model name.</summary>
    [Name("model")] public string Model { get; init; } = "";
    /// <summary>Frame index in the series.</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Frame dose (e/Å²).</summary>
    [Name("dose_e_per_A2")] public double DoseElectronsPerAngstrom2 { get; init; }
    /// <summary>Segmented area (px).</summary>
    [Name("area_px")] public long AreaPx { get; init; }
    /// <summary>Segmented area (nm²; NaN when the pixel size is unknown).</summary>
    [Name("area_nm2")] public double AreaNm2 { get; init; }
    /// <summary>Target area (px): the exact mask's, or the last frame's segmentation.</summary>
    [Name("target_px")] public long TargetPx { get; set; }
    /// <summary>Segmented / target area.</summary>
    [Name("area_fraction")] public double AreaFraction { get; set; }
    /// <summary>F1 score against the exact mask (NaN without masks).</summary>
    [Name("f1")] public double F1 { get; init; } = double.NaN;
    /// <summary>Precision against the exact mask (NaN without masks).</summary>
    [Name("precision")] public double Precision { get; init; } = double.NaN;
    /// <summary>Recall against the exact mask (NaN without masks).</summary>
    [Name("recall")] public double Recall { get; init; } = double.NaN;
}

/// <summary>The dose limits of one model on one series (a row of summary.csv).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Rows">Per-frame rows, in dose order.</param>
/// <param name="Measures">50 % dose, convergence dose and band.</param>
/// <param name="TargetIsExact">True when the target was the exact masks; false: the last frame's segmentation.</param>
/// <param name="MeanF1">Mean F1 over all frames (NaN without masks).</param>
/// <param name="MeanF1LowDose">Mean F1 over the low-dose range (NaN without masks or frames there).</param>
/// <param name="MeanF1HighDose">Mean F1 at or above the high dose (NaN without masks or frames there).</param>
public sealed record DoseLimitModelResult(string Name, IReadOnlyList<DoseLimitRow> Rows, DoseLimitMeasures Measures, bool TargetIsExact,
    double MeanF1, double MeanF1LowDose, double MeanF1HighDose);

/// <summary>Masks kept for the overlay figures (all 0/1 bytes, row-major).</summary>
/// <param name="Frame">Frame index.</param>
/// <param name="DoseElectronsPerAngstrom2">Its dose (e/Å²).</param>
/// <param name="Image">The frame.</param>
/// <param name="Target">The target mask (exact, or the model's last-frame segmentation).</param>
/// <param name="Segmented">The model's mask.</param>
public sealed record DoseLimitOverlay(int Frame, double DoseElectronsPerAngstrom2, Image2D Image, byte[] Target, byte[] Segmented);

/// <summary>Result of <see cref="DoseLimitAnalysis.Analyse"/>.</summary>
/// <param name="Models">One entry per model, in the order given.</param>
/// <param name="PixelSizeAngstrom">Pixel size of the series (Å/px; NaN when unknown).</param>
/// <param name="ConvergenceDoseElectronsPerAngstrom2">The dose from which on every model has converged (the largest
/// convergence dose; null when one never converges): the black dashed line.</param>
/// <param name="BandMinAreaPx">Smallest area of any model at or above that dose (px): the grey band's bottom.</param>
/// <param name="BandMaxAreaPx">Largest area of any model at or above that dose (px): the grey band's top.</param>
/// <param name="AtOverlayDose">Per model: the frame nearest the overlay dose.</param>
/// <param name="AtLargestArea">Per model: the frame with the largest segmented area.</param>
/// <param name="Options">The settings used.</param>
public sealed record DoseLimitResult(IReadOnlyList<DoseLimitModelResult> Models, double PixelSizeAngstrom,
    double? ConvergenceDoseElectronsPerAngstrom2, double BandMinAreaPx, double BandMaxAreaPx,
    IReadOnlyList<DoseLimitOverlay> AtOverlayDose, IReadOnlyList<DoseLimitOverlay> AtLargestArea, DoseLimitOptions Options);
