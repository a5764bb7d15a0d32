using CsvHelper.Configuration.Attributes;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>One row of a dose series' frames.csv: the frame's dose and every parameter drawn for it. The columns
/// <c>frame</c>, <c>dose_e_per_A2</c> and <c>dose_e_per_px</c> are those <see cref="Detector.DoseTable"/> reads.</summary>
public sealed class DoseSeriesFrame
{
    /// <summary>Frame index (0-based) in the image and mask stacks.</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Frame dose (e/Å²).</summary>
    [Name("dose_e_per_A2")] public double DoseElectronsPerAngstrom2 { get; init; }
    /// <summary>Frame dose (e/px).</summary>
    [Name("dose_e_per_px")] public double DoseElectronsPerPixel { get; init; }
    /// <summary>Defocus (Å, positive = underfocus).</summary>
    [Name("defocus_angstrom")] public double DefocusAngstrom { get; init; }
    /// <summary>Spherical aberration (mm).</summary>
    [Name("cs_mm")] public double CsMillimetres { get; init; }
    /// <summary>Focal spread, standard deviation (Å).</summary>
    [Name("focal_spread_angstrom")] public double FocalSpreadAngstrom { get; init; }
    /// <summary>Illumination convergence semi-angle (mrad).</summary>
    [Name("convergence_mrad")] public double ConvergenceSemiAngleMilliradians { get; init; }
    /// <summary>Gaussian blur, standard deviation (Å).</summary>
    [Name("blur_angstrom")] public double BlurAngstrom { get; init; }
    /// <summary>SOI Table 3 MTF model the detector was drawn from.</summary>
    [Name("mtf_model")] public int MtfModel { get; init; }
    /// <summary>MTF c0 (fraction of Nyquist, SOI Eq. 1).</summary>
    [Name("mtf_c0")] public double MtfC0 { get; init; }
    /// <summary>MTF c3 (SOI Eq. 1).</summary>
    [Name("mtf_c3")] public double MtfC3 { get; init; }
    /// <summary>MTF floor C (SOI Eq. 1).</summary>
    [Name("mtf_floor_c")] public double MtfFloor { get; init; }
    /// <summary>Readout noise N0 (e/px).</summary>
    [Name("readout_noise_e_per_pixel")] public double ReadoutNoiseElectronsPerPixel { get; init; }
    /// <summary>Cumulative drift of the specimen along x (px, whole pixels).</summary>
    [Name("drift_x_px")] public int DriftXPx { get; init; }
    /// <summary>Cumulative drift of the specimen along y (px, whole pixels).</summary>
    [Name("drift_y_px")] public int DriftYPx { get; init; }
    /// <summary>Fraction of the frame's pixels inside the particle mask.</summary>
    [Name("mask_fraction")] public double MaskFraction { get; init; }
}
