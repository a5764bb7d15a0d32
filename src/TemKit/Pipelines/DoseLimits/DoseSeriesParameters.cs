using TemKit.Detector;
using TemKit.Pipelines.Detector;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>
/// A dose series of one supported particle (<see cref="DoseSeries.Simulate"/>): one exit wave imaged
/// <see cref="Frames"/> times at a continuously increasing frame dose. The defaults are the replica series of the seed
/// paper's SOI A.4 (Leth Larsen et al.): [110] zone axis, blur 0.1-0.2 Å, focal spread 5-6 Å, defocus 48-50 Å
/// (positive = underfocus), Cs 7-8 µm, MTF model 3, 1000 frames log-spaced from 10 to 10⁴ e/Å². Optics and detector
/// parameters are drawn uniformly per frame from their ranges.
/// </summary>
public sealed record DoseSeriesParameters
{
    /// <summary>The generated particle (Au on CeO2 (111), [110] along the beam).</summary>
    public FccParticleParameters Particle { get; init; } = new(DiameterNanometres: 2.5);

    /// <summary>Sampling grid (px, Å/px).</summary>
    public SimulationGrid Grid { get; init; } = new(512, 512, 0.075);

    /// <summary>Potential slicing (slice thickness in Å).</summary>
    public PotentialParameters Potential { get; init; } = new();

    /// <summary>Multislice settings (voltage in kV).</summary>
    public MultisliceParameters Multislice { get; init; } = new();

    /// <summary>Number of image epochs (frames) of the series.</summary>
    public int Frames { get; init; } = 1000;

    /// <summary>Frame doses (e/Å²): log-spaced from the first to the last frame.</summary>
    public DoseSchedule Doses { get; init; } = new(10, 1e4);

    /// <summary>Defocus (Å, positive = underfocus), drawn per frame.</summary>
    public ParameterRange DefocusAngstrom { get; init; } = new(48, 50);

    /// <summary>Spherical aberration (mm), drawn per frame; SOI A.4: 7-8 µm.</summary>
    public ParameterRange CsMillimetres { get; init; } = new(0.007, 0.008);

    /// <summary>Focal spread, standard deviation (Å), drawn per frame.</summary>
    public ParameterRange FocalSpreadAngstrom { get; init; } = new(5, 6);

    /// <summary>Gaussian blur, standard deviation (Å), drawn per frame.</summary>
    public ParameterRange BlurAngstrom { get; init; } = new(0.1, 0.2);

    /// <summary>Illumination convergence semi-angle (mrad), drawn per frame (SOI A.4 does not give it; TemKit's default).</summary>
    public ParameterRange ConvergenceSemiAngleMilliradians { get; init; } = ParameterRange.Fixed(0.2);

    /// <summary>Detector: SOI Table 3 MTF model (1..5) whose ranges are drawn from per frame.</summary>
    public int MtfModel { get; init; } = 3;

    /// <summary>Drift: standard deviation of the random-walk step of the specimen per frame and axis (px); 0 = none.
    /// The image is shifted by the rounded cumulative walk (periodic, whole pixels) before the detector, so the mask
    /// of every frame stays exact.</summary>
    public double DriftPxPerFrame { get; init; }

    /// <summary>Random seed (particle; per-frame optics, detector noise and drift).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        Particle.Validate();
        Grid.Validate();
        Potential.Validate();
        Multislice.Validate();
        Doses.Validate();
        if (Frames is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "frames must be 1..100000");
        if (!(Doses.MinPerA2 > 0)) throw new ArgumentException($"the first frame dose must be > 0 e/Å², got {Doses.MinPerA2}");
        DefocusAngstrom.Validate("defocus_angstrom", -1e5, 1e5);
        CsMillimetres.Validate("cs_millimetres", -10, 10);
        FocalSpreadAngstrom.Validate("focal_spread_angstrom", 0, 1e3);
        BlurAngstrom.Validate("blur_angstrom", 0, 20);
        ConvergenceSemiAngleMilliradians.Validate("convergence_semi_angle_milliradians", 0, 50);
        if (MtfModel is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(MtfModel), MtfModel, "MTF model must be 1..5 (SOI Table 3)");
        if (!(DriftPxPerFrame >= 0) || !double.IsFinite(DriftPxPerFrame)) throw new ArgumentOutOfRangeException(nameof(DriftPxPerFrame), DriftPxPerFrame, "drift must be ≥ 0 px per frame");
        long bytes = 2L * Frames * Grid.Nx * Grid.Ny * sizeof(float);
        if (bytes > GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2)
            throw new ArgumentException($"{Frames} frames of {Grid.Nx}x{Grid.Ny} px need {bytes >> 20} MiB for images and masks, more than half the memory available");
    }

    /// <summary>The imaging conditions of one frame, drawn from the ranges.</summary>
    public ImagingParameters DrawImaging(Random rng) => new(
        DefocusAngstrom: DefocusAngstrom.Uniform(rng),
        CsMillimetres: CsMillimetres.Uniform(rng),
        FocalSpreadAngstrom: FocalSpreadAngstrom.Uniform(rng),
        ConvergenceSemiAngleMilliradians: ConvergenceSemiAngleMilliradians.Uniform(rng),
        BlurAngstrom: BlurAngstrom.Uniform(rng));

    /// <summary>The detector of one frame, drawn from <see cref="MtfModel"/>'s ranges.</summary>
    public DetectorModel DrawDetector(Random rng) => DetectorModelRange.Preset(MtfModel).Draw(rng);
}
