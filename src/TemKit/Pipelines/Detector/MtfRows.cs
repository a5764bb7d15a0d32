using CsvHelper.Configuration.Attributes;

namespace TemKit.Pipelines.Detector;

/// <summary>One row of RUN/mtf.csv: a frame's Eq. 4 fit, or why it failed.</summary>
public sealed class MtfRow
{
    /// <summary>Input file as given.</summary>
    [Name("file")] public string File { get; init; } = "";

    /// <summary>Frame index (0-based); null when the whole file failed.</summary>
    [Name("frame")] public int? Frame { get; init; }

    /// <summary>Frame dose N_D (e/px).</summary>
    [Name("dose_e_per_px")] public double? DoseElectronsPerPixel { get; init; }

    /// <summary>Frame dose (e/Å²), when the pixel size is known.</summary>
    [Name("dose_e_per_A2")] public double? DoseElectronsPerAngstrom2 { get; init; }

    /// <summary>Half-maximum frequency c0 (fraction of Nyquist).</summary>
    [Name("c0")] public double? C0 { get; init; }

    /// <summary>Spectrum at q~ → 0 (e/px for amplitude, e²/px² for power).</summary>
    [Name("c1")] public double? C1 { get; init; }

    /// <summary>Spectrum floor at q~ → ∞ (units of <see cref="C1"/>).</summary>
    [Name("c2")] public double? C2 { get; init; }

    /// <summary>Shape exponent c3.</summary>
    [Name("c3")] public double? C3 { get; init; }

    /// <summary>Normalised floor C = c2/c1 of the fitted spectrum (for power, the square of Eq. 2's floor).</summary>
    [Name("C")] public double? C { get; init; }

    /// <summary>R² of the Eq. 4 fit.</summary>
    [Name("r2")] public double? R2 { get; init; }

    /// <summary>"amplitude" or "power".</summary>
    [Name("spectrum")] public string Spectrum { get; init; } = "";

    /// <summary>Number of tiles whose spectra were averaged.</summary>
    [Name("tiles")] public int? Tiles { get; init; }

    /// <summary>"ok", "flagged" or "error".</summary>
    [Name("status")] public string Status { get; init; } = "";

    /// <summary>Why the frame was flagged or refused; empty when ok.</summary>
    [Name("error")] public string Error { get; init; } = "";
}

/// <summary>One row of RUN/readout.csv: the Eq. 2 fit of N0 over the frames that passed.</summary>
public sealed class ReadoutRow
{
    /// <summary>Readout noise N0 (e/px).</summary>
    [Name("N0")] public double N0 { get; init; }

    /// <summary>R² of the fit in C.</summary>
    [Name("r2")] public double R2 { get; init; }

    /// <summary>Frames used.</summary>
    [Name("frames")] public int Frames { get; init; }
}
