using CsvHelper.Configuration.Attributes;

namespace TemKit.Cli.Commands.Detector;

/// <summary>One row of RUN/mtf.csv: one frame's Eq. 4 fit, or why there is none.</summary>
internal sealed class MtfRow
{
    [Name("file")] public string File { get; init; } = "";
    [Name("frame")] public int? Frame { get; init; }
    [Name("dose_e_per_px")] public double? DosePerPixel { get; init; }
    [Name("dose_e_per_A2")] public double? DosePerA2 { get; init; }
    [Name("c0")] public double? C0 { get; init; }
    [Name("c1")] public double? C1 { get; init; }
    [Name("c2")] public double? C2 { get; init; }
    [Name("c3")] public double? C3 { get; init; }
    [Name("C")] public double? C { get; init; }
    [Name("r2")] public double? R2 { get; init; }
    [Name("spectrum")] public string Spectrum { get; init; } = "";
    [Name("tiles")] public int? Tiles { get; init; }
    [Name("status")] public string Status { get; init; } = "";
    [Name("error")] public string Error { get; init; } = "";
}

/// <summary>One row of RUN/readout.csv: the Eq. 2 fit of N0 over the frames that passed.</summary>
internal sealed class ReadoutRow
{
    [Name("N0")] public double N0 { get; init; }
    [Name("r2")] public double R2 { get; init; }
    [Name("frames")] public int Frames { get; init; }
}
