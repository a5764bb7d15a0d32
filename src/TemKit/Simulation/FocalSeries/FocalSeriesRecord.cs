using CsvHelper.Configuration.Attributes;

namespace TemKit.Simulation.FocalSeries;

/// <summary>One row of a focal-series params.csv: every parameter of one triplet (units in the column names).</summary>
public sealed class FocalSeriesRecord
{
    /// <summary>Triplet index; its images are frames 3·triplet, 3·triplet + 1, 3·triplet + 2 of images.mrc.</summary>
    [Name("triplet")] public int Triplet { get; init; }
    /// <summary>Seed of the triplet's random stream.</summary>
    [Name("triplet_seed")] public int TripletSeed { get; init; }
    /// <summary>Compound, e.g. MoS2.</summary>
    [Name("compound")] public string Compound { get; init; } = "";
    /// <summary>Sampling (Å/px).</summary>
    [Name("pixel_size_angstrom")] public double PixelSizeAngstrom { get; init; }
    /// <summary>Acceleration voltage (kV).</summary>
    [Name("voltage_kv")] public double VoltageKilovolts { get; init; }
    /// <summary>Defocus of the first image (Å, positive = underfocus).</summary>
    [Name("defocus0_angstrom")] public double Defocus0Angstrom { get; init; }
    /// <summary>Defocus of the second image (Å).</summary>
    [Name("defocus1_angstrom")] public double Defocus1Angstrom { get; init; }
    /// <summary>Defocus of the third image (Å).</summary>
    [Name("defocus2_angstrom")] public double Defocus2Angstrom { get; init; }
    /// <summary>Spherical aberration (mm).</summary>
    [Name("cs_mm")] public double CsMillimetres { get; init; }
    /// <summary>Two-fold astigmatism Δf1 − Δf2 (Å).</summary>
    [Name("astigmatism_angstrom")] public double AstigmatismAngstrom { get; init; }
    /// <summary>Azimuth of Δf1 from +x (degrees).</summary>
    [Name("astigmatism_angle_deg")] public double AstigmatismAngleDegrees { get; init; }
    /// <summary>Focal spread (Å).</summary>
    [Name("focal_spread_angstrom")] public double FocalSpreadAngstrom { get; init; }
    /// <summary>Convergence semi-angle (mrad).</summary>
    [Name("convergence_mrad")] public double ConvergenceSemiAngleMilliradians { get; init; }
    /// <summary>Blur of the first image (Å).</summary>
    [Name("blur0_angstrom")] public double Blur0Angstrom { get; init; }
    /// <summary>Blur of the second image (Å).</summary>
    [Name("blur1_angstrom")] public double Blur1Angstrom { get; init; }
    /// <summary>Blur of the third image (Å).</summary>
    [Name("blur2_angstrom")] public double Blur2Angstrom { get; init; }
    /// <summary>Dose of each image (e/Å²).</summary>
    [Name("dose_e_per_angstrom2")] public double DoseElectronsPerAngstrom2 { get; init; }
    /// <summary>MTF model (SOI Table 3).</summary>
    [Name("mtf_model")] public int MtfModel { get; init; }
    /// <summary>MTF c0.</summary>
    [Name("mtf_c0")] public double MtfC0 { get; init; }
    /// <summary>MTF c3.</summary>
    [Name("mtf_c3")] public double MtfC3 { get; init; }
    /// <summary>MTF floor C.</summary>
    [Name("mtf_floor_c")] public double MtfFloor { get; init; }
    /// <summary>Readout noise (e/px).</summary>
    [Name("readout_noise_e_per_pixel")] public double ReadoutNoiseElectronsPerPixel { get; init; }
    /// <summary>In-plane rotation of the lattice (degrees).</summary>
    [Name("rotation_deg")] public double RotationDegrees { get; init; }
    /// <summary>Metal sites in the cell.</summary>
    [Name("metal_sites")] public int MetalSites { get; init; }
    /// <summary>Chalcogen column sites in the cell.</summary>
    [Name("chalcogen_sites")] public int ChalcogenSites { get; init; }
    /// <summary>Chalcogen columns with one atom (X₁).</summary>
    [Name("single_vacancies")] public int SingleVacancies { get; init; }
    /// <summary>Chalcogen columns with no atom.</summary>
    [Name("double_vacancies")] public int DoubleVacancies { get; init; }
    /// <summary>Vacant metal sites.</summary>
    [Name("metal_vacancies")] public int MetalVacancies { get; init; }
    /// <summary>Carbon atoms of the graphene support (0 = none).</summary>
    [Name("graphene_atoms")] public int GrapheneAtoms { get; init; }
    /// <summary>Multislice slices.</summary>
    [Name("slices")] public int Slices { get; init; }
}

/// <summary>One row of columns.csv: a labelled column of one triplet.</summary>
public sealed class ColumnRecord
{
    /// <summary>Triplet index.</summary>
    [Name("triplet")] public int Triplet { get; init; }
    /// <summary>Class index (1 metal, 2 X₂, 3 X₁).</summary>
    [Name("class")] public int ClassIndex { get; init; }
    /// <summary>Class name, e.g. Mo, S2, S1.</summary>
    [Name("type")] public string Type { get; init; } = "";
    /// <summary>Column x (Å).</summary>
    [Name("x_angstrom")] public double XAngstrom { get; init; }
    /// <summary>Column y (Å).</summary>
    [Name("y_angstrom")] public double YAngstrom { get; init; }
    /// <summary>Column x (px; pixel i is centred at i).</summary>
    [Name("x_px")] public double XPx { get; init; }
    /// <summary>Column y (px).</summary>
    [Name("y_px")] public double YPx { get; init; }
}
