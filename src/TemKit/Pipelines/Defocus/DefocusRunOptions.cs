using System.Text.Json.Serialization;
using TemKit.Optics;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Numerics;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// Everything that determines the numbers a defocus run produces: microscope constants, spectrum, fit and peak
/// settings. Saved as RUN/run.json so a re-run, a shard or a <c>--from</c> recompute uses the same values.
/// </summary>
public sealed record DefocusRunOptions
{
    /// <summary>Microscope constants: voltage (kV), Cs (mm), amplitude contrast (default 300 kV, 2.7 mm, 0.07).</summary>
    public ElectronOptics Optics { get; init; } = ElectronOptics.Default;

    /// <summary>Reads run.json files written before <see cref="Optics"/> was one record (flat "VoltageKilovolts").</summary>
    [JsonInclude, JsonPropertyName("VoltageKilovolts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private double? LegacyVoltageKilovolts { get => null; init { if (value is { } v) Optics = Optics with { VoltageKilovolts = v }; } }

    /// <summary>Reads the flat "CsMillimetres" of older run.json files.</summary>
    [JsonInclude, JsonPropertyName("CsMillimetres"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private double? LegacyCsMillimetres { get => null; init { if (value is { } v) Optics = Optics with { CsMillimetres = v }; } }

    /// <summary>Reads the flat "AmplitudeContrast" of older run.json files.</summary>
    [JsonInclude, JsonPropertyName("AmplitudeContrast"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private double? LegacyAmplitudeContrast { get => null; init { if (value is { } v) Optics = Optics with { AmplitudeContrast = v }; } }

    /// <summary>Pixel size (Å) that overrides the file header; null = use the header.</summary>
    public double? PixelSizeAngstrom { get; init; }

    /// <summary>Inputs are precomputed centred spectra (DC at the centre, as RELION/CTFFIND write them), not micrographs.</summary>
    public bool InputIsPowerSpectrum { get; init; }

    /// <summary>With <see cref="InputIsPowerSpectrum"/>: the spectra hold amplitudes |F| rather than power |F|².</summary>
    public bool SpectrumIsAmplitude { get; init; }

    /// <summary>Average all frames of a stack (true) or use the first frame only (false).</summary>
    public bool AverageFrames { get; init; }

    /// <summary>Tile edge (px) of the averaged periodogram.</summary>
    public int TileSizePx { get; init; } = 512;

    /// <summary>Block-binning factor before tiling (0 = automatic, 1 = none).</summary>
    public int BinFactor { get; init; }

    /// <summary>Smallest mean defocus searched (Å, underfocus positive).</summary>
    public double MinDefocusAngstrom { get; init; } = 1000;

    /// <summary>Largest mean defocus searched (Å).</summary>
    public double MaxDefocusAngstrom { get; init; } = 50000;

    /// <summary>Coarsest spacing used by the fit (Å).</summary>
    public double MinResolutionAngstrom { get; init; } = 30;

    /// <summary>Finest spacing used by the fit (Å); 0 = automatic (0.9 of Nyquist).</summary>
    public double MaxResolutionAngstrom { get; init; }

    /// <summary>Gaussian sigma (px of the radial profile) of the smoothing stage (seed script-D).</summary>
    public double SmoothingSigmaPx { get; init; } = 1.5;

    /// <summary>First profile bin used by smoothing and peak finding (px); bins below it hold the DC peak.</summary>
    public int MinRadiusPx { get; init; } = 3;

    /// <summary>Peaks and zeros weaker than this fraction of the strongest prominence are dropped (0..1).</summary>
    public double MinRelativeProminence { get; init; } = 0.05;

    /// <summary>Astigmatism restraint: SD (Å) of the expected |Δf1 − Δf2| (CTFFIND's restraint; 0 = off), see
    /// <see cref="CtfFitOptions.ExpectedAstigmatismAngstrom"/>.</summary>
    public double ExpectedAstigmatismAngstrom { get; init; } = CtfFitOptions.DefaultExpectedAstigmatismAngstrom;

    /// <summary>Smoothing sigmas accepted: [0, 1000] px.</summary>
    public static Limits SmoothingSigmaLimits { get; } = Limits.NonNegative(1000, "px");

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (PixelSizeAngstrom is { } p) OpticsLimits.PixelSizeAngstrom.Check(p, nameof(PixelSizeAngstrom));
        SmoothingSigmaLimits.Check(SmoothingSigmaPx, nameof(SmoothingSigmaPx));
        if (MinRadiusPx < 0) throw new ArgumentOutOfRangeException(nameof(MinRadiusPx), MinRadiusPx, "must be ≥ 0 px");
        Limits.Fraction.Check(MinRelativeProminence, nameof(MinRelativeProminence));
        ToSpectrumOptions().Validate();
        ToFitOptions().Validate();
    }

    /// <summary>Settings of the power-spectrum stage.</summary>
    public PowerSpectrumOptions ToSpectrumOptions() => new() { TileSizePx = TileSizePx, BinFactor = BinFactor };

    /// <summary>Settings of the CTF fit stage.</summary>
    public CtfFitOptions ToFitOptions() => new()
    {
        Optics = Optics,
        MinDefocusAngstrom = MinDefocusAngstrom,
        MaxDefocusAngstrom = MaxDefocusAngstrom,
        LowResolutionAngstrom = MinResolutionAngstrom,
        HighResolutionAngstrom = MaxResolutionAngstrom,
        ExpectedAstigmatismAngstrom = ExpectedAstigmatismAngstrom,
    };
}
