using TemKit.Detector;
using TemKit.Optics;
using TemKit.Simulation.Datasets;

namespace TemKit.Simulation.Mesoscale;

/// <summary>
/// Where every field of a mesoscale dataset is drawn from: sampling, defocus (uniform, Å, positive = underfocus),
/// astigmatism (uniform magnitude, uniform azimuth), dose, and the specimen. The defaults span the Patterson lab's
/// recording conditions (0.5-5 µm underfocus, 300 kV, Cs 2.7 mm, 4 Å/px).
/// </summary>
public sealed record MesoscaleDatasetRanges
{
    /// <summary>Field side (px).</summary>
    public int SizePx { get; init; } = 256;

    /// <summary>Sampling (Å/px), per field.</summary>
    public ParameterRange PixelSizeAngstrom { get; init; } = ParameterRange.Fixed(4);

    /// <summary>Mean defocus (Å, positive = underfocus), per field.</summary>
    public ParameterRange DefocusAngstrom { get; init; } = new(5000, 50000);

    /// <summary>Astigmatism Δf1 − Δf2 (Å), per field, with a uniformly random azimuth in 0..180°.</summary>
    public ParameterRange AstigmatismAngstrom { get; init; } = new(0, 1000);

    /// <summary>Frame dose (e/Å²), per field.</summary>
    public ParameterRange DoseElectronsPerAngstrom2 { get; init; } = new(20, 40);

    /// <summary>Voltage, Cs, amplitude contrast.</summary>
    public ElectronOptics Optics { get; init; } = ElectronOptics.Default;

    /// <summary>Detector MTF and readout noise.</summary>
    public DetectorModel Detector { get; init; } = new();

    /// <summary>What each field holds.</summary>
    public MesoscaleSpecimenParameters Specimen { get; init; } = MesoscaleSpecimenParameters.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry.</summary>
    public void Validate()
    {
        if (SizePx is < 16 or > 8192) throw new ArgumentException($"field size {SizePx} px must be 16..8192");
        PixelSizeAngstrom.Validate("pixel size (Å)", 1e-3, 1000);
        if (PixelSizeAngstrom.Min <= 0) throw new ArgumentException("pixel size must be > 0 Å");
        DefocusAngstrom.Validate("defocus (Å)", -1e6, 1e6);
        AstigmatismAngstrom.Validate("astigmatism (Å)", 0, 1e5);
        DoseElectronsPerAngstrom2.Validate("dose (e/Å²)", 1e-3, 1e8);
        if (DoseElectronsPerAngstrom2.Min <= 0) throw new ArgumentException("dose must be > 0 e/Å²");
        ArgumentNullException.ThrowIfNull(Specimen);
        Specimen.Validate();
        Draw(new Random(0)).Imaging.Validate();
    }

    /// <summary>The sampling and imaging of one field, drawn with <paramref name="rng"/>.</summary>
    public (double PixelSizeAngstrom, MesoscaleImaging Imaging) Draw(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double px = PixelSizeAngstrom.Uniform(rng);
        var imaging = new MesoscaleImaging
        {
            Optics = Optics,
            Detector = Detector,
            DefocusAngstrom = DefocusAngstrom.Uniform(rng),
            AstigmatismAngstrom = AstigmatismAngstrom.Uniform(rng),
            AstigmatismAngleDegrees = 180 * rng.NextDouble(),
            DoseElectronsPerAngstrom2 = DoseElectronsPerAngstrom2.Uniform(rng),
        };
        return (px, imaging);
    }
}
