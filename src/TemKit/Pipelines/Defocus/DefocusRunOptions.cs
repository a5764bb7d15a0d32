using TemKit.Optics;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// Everything that determines the numbers a defocus run produces: microscope constants, spectrum, fit and peak
/// settings. Saved as RUN/run.json so a re-run, a shard or a <c>--from</c> recompute uses the same values.
/// </summary>
public sealed record DefocusRunOptions
{
    /// <summary>Acceleration voltage (kV).</summary>
    public double VoltageKilovolts { get; init; } = ElectronOptics.Default.VoltageKilovolts;

    /// <summary>Spherical aberration (mm).</summary>
    public double CsMillimetres { get; init; } = ElectronOptics.Default.CsMillimetres;

    /// <summary>Amplitude contrast fraction (0..1).</summary>
    public double AmplitudeContrast { get; init; } = ElectronOptics.Default.AmplitudeContrast;

    /// <summary>Voltage, Cs and amplitude contrast as one <see cref="ElectronOptics"/> (not serialised: the three values are).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ElectronOptics Optics => new(VoltageKilovolts, CsMillimetres, AmplitudeContrast);

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

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (PixelSizeAngstrom is { } p && !(p > 0)) throw new ArgumentOutOfRangeException(nameof(PixelSizeAngstrom), p, "pixel size must be positive (Å)");
        if (!(SmoothingSigmaPx >= 0)) throw new ArgumentOutOfRangeException(nameof(SmoothingSigmaPx), SmoothingSigmaPx, "sigma must be ≥ 0 px");
        if (MinRadiusPx < 0) throw new ArgumentOutOfRangeException(nameof(MinRadiusPx), MinRadiusPx, "must be ≥ 0 px");
        if (MinRelativeProminence is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinRelativeProminence), MinRelativeProminence, "must be in [0, 1]");
        ToSpectrumOptions().Validate();
        ToFitOptions().Validate();
    }

    /// <summary>Settings of the power-spectrum stage.</summary>
    public PowerSpectrumOptions ToSpectrumOptions() => new() { TileSizePx = TileSizePx, BinFactor = BinFactor };

    /// <summary>Settings of the CTF fit stage.</summary>
    public CtfFitOptions ToFitOptions() => new()
    {
        VoltageKilovolts = VoltageKilovolts,
        CsMillimetres = CsMillimetres,
        AmplitudeContrast = AmplitudeContrast,
        MinDefocusAngstrom = MinDefocusAngstrom,
        MaxDefocusAngstrom = MaxDefocusAngstrom,
        LowResolutionAngstrom = MinResolutionAngstrom,
        HighResolutionAngstrom = MaxResolutionAngstrom,
        ExpectedAstigmatismAngstrom = ExpectedAstigmatismAngstrom,
    };
}
