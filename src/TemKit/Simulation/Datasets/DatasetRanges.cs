using TemKit.Simulation.Transfer;

namespace TemKit.Simulation.Datasets;

/// <summary>
/// Where every parameter of a training dataset is drawn from. The defaults are Table 1 of the seed paper (300 kV;
/// defocus −200..200 Å; Cs 0..12.45 µm; focal spread 5..20 Å; blur 0.1..0.8 Å; frame dose 10²..10⁶ e/Å² log-uniform;
/// 0.07..0.08 Å/px); parameters the table does not give have the defaults documented in docs/simulation.md.
/// Pixel size, particle and detector model are drawn once per particle; the optics and dose once per image epoch.
/// </summary>
public sealed record DatasetRanges
{
    /// <summary>Acceleration voltage (kV), constant over the dataset.</summary>
    public double VoltageKilovolts { get; init; } = 300;

    /// <summary>Image width and height (px).</summary>
    public int GridPixels { get; init; } = 512;

    /// <summary>Sampling (Å/px), per particle.</summary>
    public ParameterRange PixelSizeAngstrom { get; init; } = new(0.07, 0.08);

    /// <summary>Defocus (Å, positive = underfocus), per epoch.</summary>
    public ParameterRange DefocusAngstrom { get; init; } = new(-200, 200);

    /// <summary>Spherical aberration (mm), per epoch; Table 1: 0..12.45 µm.</summary>
    public ParameterRange CsMillimetres { get; init; } = new(0, 0.01245);

    /// <summary>Two-fold astigmatism Δf1 − Δf2 (Å), per epoch, with a uniformly random azimuth.</summary>
    public ParameterRange AstigmatismAngstrom { get; init; } = ParameterRange.Fixed(0);

    /// <summary>Focal spread (Å, standard deviation), per epoch.</summary>
    public ParameterRange FocalSpreadAngstrom { get; init; } = new(5, 20);

    /// <summary>Illumination convergence semi-angle (mrad), per epoch.</summary>
    public ParameterRange ConvergenceSemiAngleMilliradians { get; init; } = new(0, 0.5);

    /// <summary>Gaussian blur standard deviation (Å), per epoch.</summary>
    public ParameterRange BlurAngstrom { get; init; } = new(0.1, 0.8);

    /// <summary>Frame dose (e/Å²), per epoch, log-uniform.</summary>
    public ParameterRange DoseElectronsPerAngstrom2 { get; init; } = new(1e2, 1e6);

    /// <summary>Particle metal (element symbol).</summary>
    public string Element { get; init; } = "Au";

    /// <summary>FCC lattice constant (Å); null = the element's tabulated value.</summary>
    public double? LatticeConstantAngstrom { get; init; }

    /// <summary>Particle diameter (nm), per particle.</summary>
    public ParameterRange DiameterNanometres { get; init; } = new(1.5, 3.0);

    /// <summary>Largest tilt off the [110] zone axis (degrees).</summary>
    public double MaxTiltDegrees { get; init; } = 3;

    /// <summary>Whether the particle sits on a CeO2 (111) slab.</summary>
    public bool Support { get; init; } = true;

    /// <summary>Support slab thickness normal to the interface (Å).</summary>
    public double SupportThicknessAngstrom { get; init; } = 15;

    /// <summary>Multislice slice thickness (Å).</summary>
    public double SliceThicknessAngstrom { get; init; } = 2;

    /// <summary>Detector MTF model of SOI Table 3 (1..5) whose parameter ranges are drawn from, per particle.</summary>
    public int MtfModel { get; init; } = 4;

    /// <summary>Probability that a surface column of the particle is removed whole (0..1; <see cref="Datasets.SurfaceDisorder"/>), per particle.</summary>
    public double SurfaceVacancyFraction { get; init; }

    /// <summary>Probability that a surface column keeps only 1..n−1 of its n atoms (0..1), per particle.</summary>
    public double SurfaceThinningFraction { get; init; }

    /// <summary>Probability that a surface column is shifted sideways as a whole (0..1), per particle.</summary>
    public double SurfaceDisplacementFraction { get; init; }

    /// <summary>Length of such a shift (Å), uniform, in a random direction.</summary>
    public ParameterRange SurfaceDisplacementAngstrom { get; init; } = ParameterRange.Fixed(0);

    /// <summary>The defaults: Table 1.</summary>
    public static DatasetRanges Table1 { get; } = new();

    /// <summary>
    /// The imaging conditions of the seed paper's simulated replica of its experimental Au/CeO2 series (Leth Larsen et al.,
    /// section 3, "An image series was simulated to replicate the experimental series"): on the [110] zone axis, blur
    /// 0.1..0.2 Å, focal spread 5..6 Å, defocus 48..50 Å, Cs 7..8 µm, frame dose 10¹..10⁴ e/Å², MTF model 3; every other
    /// entry as <see cref="Table1"/>. The paper simulates with abTEM, whose defocus is −C₁₀ (positive = underfocus, as
    /// here), and 48..50 Å is close to the extended Scherzer underfocus 1.2·√(Cs λ) = 45-48 Å of Cs 7..8 µm at 300 kV, the
    /// usual setting; at it the columns image dark (positive phase contrast), at the mirrored overfocus bright.
    /// </summary>
    public static DatasetRanges ExperimentalReplica { get; } = new()
    {
        DefocusAngstrom = new(48, 50),
        CsMillimetres = new(0.007, 0.008),
        FocalSpreadAngstrom = new(5, 6),
        BlurAngstrom = new(0.1, 0.2),
        DoseElectronsPerAngstrom2 = new(1e1, 1e4),
        MaxTiltDegrees = 0,
        MtfModel = 3,
    };

    /// <summary>The names <see cref="Named"/> knows: <c>table1</c>, <c>experimental-replica</c>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["table1", "experimental-replica"];

    /// <summary>The preset called <paramref name="name"/> (one of <see cref="PresetNames"/>, case-insensitive);
    /// throws <see cref="ArgumentException"/> listing the names for any other.</summary>
    public static DatasetRanges Named(string name) => name?.ToLowerInvariant() switch
    {
        "table1" => Table1,
        "experimental-replica" => ExperimentalReplica,
        _ => throw new ArgumentException($"unknown conditions '{name}': expected one of {string.Join(", ", PresetNames)}"),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry.</summary>
    public void Validate()
    {
        if (!(VoltageKilovolts is >= 10 and <= 3000)) throw new ArgumentException($"voltage_kilovolts: {VoltageKilovolts} must be 10..3000 kV");
        if (GridPixels is < 32 or > 4096) throw new ArgumentException($"grid_pixels: {GridPixels} must be 32..4096");
        PixelSizeAngstrom.Validate("pixel_size_angstrom", 0.01, 1);
        DefocusAngstrom.Validate("defocus_angstrom", -1e5, 1e5);
        CsMillimetres.Validate("cs_millimetres", -10, 10);
        AstigmatismAngstrom.Validate("astigmatism_angstrom", 0, 1e4);
        FocalSpreadAngstrom.Validate("focal_spread_angstrom", 0, 1e3);
        ConvergenceSemiAngleMilliradians.Validate("convergence_semi_angle_milliradians", 0, 50);
        BlurAngstrom.Validate("blur_angstrom", 0, 20);
        DoseElectronsPerAngstrom2.Validate("dose_electrons_per_angstrom2", 1e-3, 1e12);
        DiameterNanometres.Validate("diameter_nanometres", 0.3, 20);
        if (MtfModel is < 1 or > 5) throw new ArgumentException($"mtf_model: {MtfModel} must be 1..5 (Table 3 of Leth Larsen et al.'s supplementary)");
        if (!(SliceThicknessAngstrom is >= 0.1 and <= 50)) throw new ArgumentException($"slice_thickness_angstrom: {SliceThicknessAngstrom} must be 0.1..50");
        ParticleFor(DiameterNanometres.Centre).Validate();
        SurfaceDisorder().Validate();
    }

    /// <summary>The surface-disorder entries as one record.</summary>
    public SurfaceDisorderParameters SurfaceDisorder() =>
        new(SurfaceVacancyFraction, SurfaceThinningFraction, SurfaceDisplacementFraction, SurfaceDisplacementAngstrom);

    /// <summary>The particle parameters for one diameter (nm).</summary>
    public Structures.FccParticleParameters ParticleFor(double diameterNanometres) => new(
        Element, LatticeConstantAngstrom, diameterNanometres, MaxTiltDegrees, WithSupport: Support, SupportThicknessAngstrom: SupportThicknessAngstrom);

    /// <summary>Imaging conditions drawn for one epoch (astigmatism azimuth uniform in 0..180°).</summary>
    public ImagingParameters DrawImaging(Random rng) => new(
        DefocusAngstrom: DefocusAngstrom.Uniform(rng),
        CsMillimetres: CsMillimetres.Uniform(rng),
        AstigmatismAngstrom: AstigmatismAngstrom.Uniform(rng),
        AstigmatismAngleDegrees: 180 * rng.NextDouble(),
        FocalSpreadAngstrom: FocalSpreadAngstrom.Uniform(rng),
        ConvergenceSemiAngleMilliradians: ConvergenceSemiAngleMilliradians.Uniform(rng),
        BlurAngstrom: BlurAngstrom.Uniform(rng));
}
