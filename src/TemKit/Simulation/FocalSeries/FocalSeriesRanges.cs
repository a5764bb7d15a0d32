using TemKit.Simulation.Datasets;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Simulation.FocalSeries;

/// <summary>
/// Where every parameter of a focal-series training set is drawn from (defaults justified in docs/species.md): an MX₂
/// monolayer at 80 kV imaged at three defoci c − s, c, c + s (Å, positive = underfocus) around a centre c with a step s,
/// under an image-corrected objective. Per triplet: structure, pixel size, optics, dose and detector; per image: blur
/// and the noise. <see cref="DefocusSeriesAngstrom"/>, when set, replaces the drawn centre and step.
/// </summary>
public sealed record FocalSeriesRanges
{
    /// <summary>Acceleration voltage (kV); 80 kV stays below the knock-on threshold of S in MoS₂ (≈ 90 kV).</summary>
    public double VoltageKilovolts { get; init; } = 80;

    /// <summary>Image width and height (px).</summary>
    public int GridPixels { get; init; } = 256;

    /// <summary>Sampling (Å/px).</summary>
    public ParameterRange PixelSizeAngstrom { get; init; } = new(0.18, 0.22);

    /// <summary>Centre c of the focal series (Å, positive = underfocus).</summary>
    public ParameterRange DefocusCentreAngstrom { get; init; } = new(-10, 10);

    /// <summary>Step s between the images of the series (Å).</summary>
    public ParameterRange DefocusStepAngstrom { get; init; } = new(45, 55);

    /// <summary>Three fixed defoci (Å, positive = underfocus) instead of the drawn centre and step; null = drawn.</summary>
    public IReadOnlyList<double>? DefocusSeriesAngstrom { get; init; }

    /// <summary>Spherical aberration (mm); an image corrector leaves a few µm either sign.</summary>
    public ParameterRange CsMillimetres { get; init; } = new(-0.015, 0.015);

    /// <summary>Two-fold astigmatism Δf1 − Δf2 (Å), with a uniformly random azimuth.</summary>
    public ParameterRange AstigmatismAngstrom { get; init; } = new(0, 10);

    /// <summary>Focal spread, standard deviation (Å).</summary>
    public ParameterRange FocalSpreadAngstrom { get; init; } = new(15, 30);

    /// <summary>Illumination convergence semi-angle (mrad).</summary>
    public ParameterRange ConvergenceSemiAngleMilliradians { get; init; } = new(0, 0.3);

    /// <summary>Gaussian blur standard deviation (Å), drawn per image (drift and vibration differ between exposures).</summary>
    public ParameterRange BlurAngstrom { get; init; } = new(0.2, 0.5);

    /// <summary>Dose of each image (e/Å²), per triplet, log-uniform.</summary>
    public ParameterRange DoseElectronsPerAngstrom2 { get; init; } = new(1e3, 1e5);

    /// <summary>Detector MTF model of SOI Table 3 (1..5).</summary>
    public int MtfModel { get; init; } = 4;

    /// <summary>Multislice slice thickness (Å).</summary>
    public double SliceThicknessAngstrom { get; init; } = 2;

    /// <summary>The dichalcogenide, e.g. "MoS2" (see <see cref="Dichalcogenide.Known"/>).</summary>
    public string Compound { get; init; } = "MoS2";

    /// <summary>Fraction of chalcogen columns with one atom missing (S₁).</summary>
    public ParameterRange SingleVacancyFraction { get; init; } = new(0, 0.1);

    /// <summary>Fraction of chalcogen columns with both atoms missing.</summary>
    public ParameterRange DoubleVacancyFraction { get; init; } = ParameterRange.Fixed(0);

    /// <summary>Fraction of metal sites left empty.</summary>
    public ParameterRange MetalVacancyFraction { get; init; } = ParameterRange.Fixed(0);

    /// <summary>Probability that a triplet's monolayer lies on graphene.</summary>
    public double GrapheneProbability { get; init; }

    /// <summary>Radius of the label discs around every column (Å).</summary>
    public double LabelRadiusAngstrom { get; init; } = 0.5;

    /// <summary>The defaults.</summary>
    public static FocalSeriesRanges Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry (YAML key names).</summary>
    public void Validate()
    {
        if (!(VoltageKilovolts is >= 10 and <= 3000)) throw new ArgumentException($"voltage_kilovolts: {VoltageKilovolts} must be 10..3000 kV");
        if (GridPixels is < 32 or > 4096) throw new ArgumentException($"grid_pixels: {GridPixels} must be 32..4096");
        PixelSizeAngstrom.Validate("pixel_size_angstrom", 0.02, 1);
        DefocusCentreAngstrom.Validate("defocus_centre_angstrom", -1e5, 1e5);
        DefocusStepAngstrom.Validate("defocus_step_angstrom", 0, 1e5);
        if (DefocusSeriesAngstrom is { } f && (f.Count != 3 || f.Any(v => !double.IsFinite(v))))
            throw new ArgumentException($"defocus_series_angstrom: expected three finite defoci (Å), got {f.Count} values");
        CsMillimetres.Validate("cs_millimetres", -10, 10);
        AstigmatismAngstrom.Validate("astigmatism_angstrom", 0, 1e4);
        FocalSpreadAngstrom.Validate("focal_spread_angstrom", 0, 1e3);
        ConvergenceSemiAngleMilliradians.Validate("convergence_semi_angle_milliradians", 0, 50);
        BlurAngstrom.Validate("blur_angstrom", 0, 20);
        DoseElectronsPerAngstrom2.Validate("dose_electrons_per_angstrom2", 1e-3, 1e12);
        if (MtfModel is < 1 or > 5) throw new ArgumentException($"mtf_model: {MtfModel} must be 1..5 (Table 3 of Leth Larsen et al.'s supplementary)");
        if (!(SliceThicknessAngstrom is >= 0.1 and <= 50)) throw new ArgumentException($"slice_thickness_angstrom: {SliceThicknessAngstrom} must be 0.1..50");
        try { Dichalcogenide.Parse(Compound); }
        catch (ArgumentException e) { throw new ArgumentException($"compound: {e.Message}"); }
        SingleVacancyFraction.Validate("single_vacancy_fraction", 0, 1);
        DoubleVacancyFraction.Validate("double_vacancy_fraction", 0, 1);
        MetalVacancyFraction.Validate("metal_vacancy_fraction", 0, 1);
        if (SingleVacancyFraction.Max + DoubleVacancyFraction.Max > 1) throw new ArgumentException("single_vacancy_fraction + double_vacancy_fraction may exceed 1");
        if (!(GrapheneProbability is >= 0 and <= 1)) throw new ArgumentException($"graphene_probability: {GrapheneProbability} must be 0..1");
        if (!(LabelRadiusAngstrom is > 0 and <= 5)) throw new ArgumentException($"label_radius_angstrom: {LabelRadiusAngstrom} must be in (0, 5]");
    }

    /// <summary>The three defoci of one triplet (Å, positive = underfocus): the fixed series, or c − s, c, c + s drawn.</summary>
    public double[] DrawDefoci(Random rng)
    {
        if (DefocusSeriesAngstrom is { } f) return [f[0], f[1], f[2]];
        double c = DefocusCentreAngstrom.Uniform(rng), s = DefocusStepAngstrom.Uniform(rng);
        return [c - s, c, c + s];
    }

    /// <summary>The structure parameters of one triplet.</summary>
    public Mx2Parameters DrawStructure(Random rng) => new(
        Dichalcogenide.Parse(Compound),
        SingleVacancyFraction: SingleVacancyFraction.Uniform(rng),
        DoubleVacancyFraction: DoubleVacancyFraction.Uniform(rng),
        MetalVacancyFraction: MetalVacancyFraction.Uniform(rng),
        Graphene: GrapheneProbability > 0 && rng.NextDouble() < GrapheneProbability);

    /// <summary>The shared optics of one triplet at defocus 0 (astigmatism azimuth uniform in 0..180°; blur drawn per image by the simulator).</summary>
    public ImagingParameters DrawOptics(Random rng) => new(
        DefocusAngstrom: 0,
        CsMillimetres: CsMillimetres.Uniform(rng),
        AstigmatismAngstrom: AstigmatismAngstrom.Uniform(rng),
        AstigmatismAngleDegrees: 180 * rng.NextDouble(),
        FocalSpreadAngstrom: FocalSpreadAngstrom.Uniform(rng),
        ConvergenceSemiAngleMilliradians: ConvergenceSemiAngleMilliradians.Uniform(rng),
        BlurAngstrom: BlurAngstrom.Centre);
}
