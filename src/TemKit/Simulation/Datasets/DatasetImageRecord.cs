using CsvHelper.Configuration.Attributes;

namespace TemKit.Simulation.Datasets;

/// <summary>One row of params.csv: every parameter of one image of a dataset (units in the column names).</summary>
public sealed class DatasetImageRecord
{
    [Name("frame")] public int Frame { get; init; }
    [Name("particle")] public int Particle { get; init; }
    [Name("epoch")] public int Epoch { get; init; }
    [Name("particle_seed")] public int ParticleSeed { get; init; }
    [Name("element")] public string Element { get; init; } = "";
    [Name("lattice_constant_angstrom")] public double LatticeConstantAngstrom { get; init; }
    [Name("diameter_nm")] public double DiameterNanometres { get; init; }
    [Name("particle_atoms")] public int ParticleAtoms { get; init; }
    [Name("support_atoms")] public int SupportAtoms { get; init; }
    [Name("tilt_deg")] public double TiltDegrees { get; init; }
    [Name("tilt_axis_deg")] public double TiltAxisDegrees { get; init; }
    [Name("rotation_deg")] public double RotationDegrees { get; init; }
    [Name("truncation_layers")] public int TruncationLayers { get; init; }
    [Name("pixel_size_angstrom")] public double PixelSizeAngstrom { get; init; }
    [Name("voltage_kv")] public double VoltageKilovolts { get; init; }
    [Name("slice_thickness_angstrom")] public double SliceThicknessAngstrom { get; init; }
    [Name("slices")] public int Slices { get; init; }
    [Name("exit_wave_mean_intensity")] public double ExitWaveMeanIntensity { get; init; }
    [Name("defocus_angstrom")] public double DefocusAngstrom { get; init; }
    [Name("cs_mm")] public double CsMillimetres { get; init; }
    [Name("astigmatism_angstrom")] public double AstigmatismAngstrom { get; init; }
    [Name("astigmatism_angle_deg")] public double AstigmatismAngleDegrees { get; init; }
    [Name("focal_spread_angstrom")] public double FocalSpreadAngstrom { get; init; }
    [Name("convergence_mrad")] public double ConvergenceSemiAngleMilliradians { get; init; }
    [Name("blur_angstrom")] public double BlurAngstrom { get; init; }
    [Name("dose_e_per_angstrom2")] public double DoseElectronsPerAngstrom2 { get; init; }
    [Name("dose_e_per_pixel")] public double DoseElectronsPerPixel { get; init; }
    [Name("mtf_model")] public int MtfModel { get; init; }
    [Name("mtf_c0")] public double MtfC0 { get; init; }
    [Name("mtf_c3")] public double MtfC3 { get; init; }
    [Name("mtf_floor_c")] public double MtfFloor { get; init; }
    [Name("readout_noise_e_per_pixel")] public double ReadoutNoiseElectronsPerPixel { get; init; }
    [Name("mask_fraction")] public double MaskFraction { get; init; }
}
