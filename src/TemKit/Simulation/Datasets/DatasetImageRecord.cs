using CsvHelper.Configuration.Attributes;

namespace TemKit.Simulation.Datasets;

/// <summary>One row of params.csv: every parameter of one image of a dataset (units in the column names).</summary>
public sealed class DatasetImageRecord
{
    /// <summary>Frame index in images.mrc and masks.mrc (particle·epochs + epoch).</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Particle (exit wave) index.</summary>
    [Name("particle")] public int Particle { get; init; }
    /// <summary>Image epoch of this particle.</summary>
    [Name("epoch")] public int Epoch { get; init; }
    /// <summary>Seed of the particle's random stream (SplitMix64 of the dataset seed and the particle index).</summary>
    [Name("particle_seed")] public int ParticleSeed { get; init; }
    /// <summary>Particle metal (element symbol).</summary>
    [Name("element")] public string Element { get; init; } = "";
    /// <summary>FCC lattice constant (Å).</summary>
    [Name("lattice_constant_angstrom")] public double LatticeConstantAngstrom { get; init; }
    /// <summary>Diameter of the sphere the particle was cut from (nm).</summary>
    [Name("diameter_nm")] public double DiameterNanometres { get; init; }
    /// <summary>Number of particle atoms.</summary>
    [Name("particle_atoms")] public int ParticleAtoms { get; init; }
    /// <summary>Number of support atoms in the cell.</summary>
    [Name("support_atoms")] public int SupportAtoms { get; init; }
    /// <summary>Tilt off the [110] zone axis (degrees).</summary>
    [Name("tilt_deg")] public double TiltDegrees { get; init; }
    /// <summary>Azimuth of the tilt axis from +x (degrees).</summary>
    [Name("tilt_axis_deg")] public double TiltAxisDegrees { get; init; }
    /// <summary>Rotation about the optical axis (degrees).</summary>
    [Name("rotation_deg")] public double RotationDegrees { get; init; }
    /// <summary>(111) layers kept below the particle's centre plane.</summary>
    [Name("truncation_layers")] public int TruncationLayers { get; init; }
    /// <summary>Sampling of this frame (Å/px).</summary>
    [Name("pixel_size_angstrom")] public double PixelSizeAngstrom { get; init; }
    /// <summary>Acceleration voltage (kV).</summary>
    [Name("voltage_kv")] public double VoltageKilovolts { get; init; }
    /// <summary>Multislice slice thickness (Å).</summary>
    [Name("slice_thickness_angstrom")] public double SliceThicknessAngstrom { get; init; }
    /// <summary>Number of slices.</summary>
    [Name("slices")] public int Slices { get; init; }
    /// <summary>Mean |ψ|² of the exit wave (1 for the incident wave).</summary>
    [Name("exit_wave_mean_intensity")] public double ExitWaveMeanIntensity { get; init; }
    /// <summary>Defocus (Å, positive = underfocus).</summary>
    [Name("defocus_angstrom")] public double DefocusAngstrom { get; init; }
    /// <summary>Spherical aberration (mm).</summary>
    [Name("cs_mm")] public double CsMillimetres { get; init; }
    /// <summary>Two-fold astigmatism Δf1 − Δf2 (Å).</summary>
    [Name("astigmatism_angstrom")] public double AstigmatismAngstrom { get; init; }
    /// <summary>Azimuth of the Δf1 axis from +x (degrees).</summary>
    [Name("astigmatism_angle_deg")] public double AstigmatismAngleDegrees { get; init; }
    /// <summary>Focal spread, standard deviation (Å).</summary>
    [Name("focal_spread_angstrom")] public double FocalSpreadAngstrom { get; init; }
    /// <summary>Illumination convergence semi-angle (mrad).</summary>
    [Name("convergence_mrad")] public double ConvergenceSemiAngleMilliradians { get; init; }
    /// <summary>Gaussian blur, standard deviation (Å).</summary>
    [Name("blur_angstrom")] public double BlurAngstrom { get; init; }
    /// <summary>Frame dose (e/Å²).</summary>
    [Name("dose_e_per_angstrom2")] public double DoseElectronsPerAngstrom2 { get; init; }
    /// <summary>Frame dose (e/px).</summary>
    [Name("dose_e_per_pixel")] public double DoseElectronsPerPixel { get; init; }
    /// <summary>SOI Table 3 MTF model the detector parameters were drawn from.</summary>
    [Name("mtf_model")] public int MtfModel { get; init; }
    /// <summary>MTF c0 (fraction of Nyquist, SOI Eq. 1).</summary>
    [Name("mtf_c0")] public double MtfC0 { get; init; }
    /// <summary>MTF c3 (SOI Eq. 1).</summary>
    [Name("mtf_c3")] public double MtfC3 { get; init; }
    /// <summary>MTF floor C (SOI Eq. 1).</summary>
    [Name("mtf_floor_c")] public double MtfFloor { get; init; }
    /// <summary>Readout noise N0 (e/px).</summary>
    [Name("readout_noise_e_per_pixel")] public double ReadoutNoiseElectronsPerPixel { get; init; }
    /// <summary>Fraction of the frame's pixels inside the particle mask.</summary>
    [Name("mask_fraction")] public double MaskFraction { get; init; }
}
