using TemKit.Detector;

namespace TemKit.Pipelines.Detector;

/// <summary>Settings of an <see cref="MtfRun"/>.</summary>
/// <param name="Analysis">How each frame is analysed (region, tiles, spectrum kind, fit).</param>
/// <param name="Doses">Frame doses given by the user; null: each frame's dose is its gain-normalised mean.</param>
/// <param name="PixelSizeAngstrom">Pixel size (Å) used when a file has none (for e/Å² doses); null: the file's.</param>
/// <param name="Plots">Write the SVG plots next to the CSV files.</param>
public sealed record MtfRunOptions(MtfAnalysisOptions Analysis, DoseTable? Doses = null, double? PixelSizeAngstrom = null, bool Plots = true);

/// <summary>One analysed frame: its CSV row and, when the frame could be fitted, the analysis behind it.</summary>
/// <param name="Row">The row of RUN/mtf.csv.</param>
/// <param name="Analysis">The frame's analysis; null when the file or frame could not be read or analysed.</param>
public sealed record MtfFrameResult(MtfRow Row, FrameAnalysis? Analysis);

/// <summary>Result of <see cref="MtfRun.Run"/>.</summary>
/// <param name="Frames">Every frame of every file, in order (a file that could not be read is one error row).</param>
/// <param name="MtfCsvPath">Path of the RUN/mtf.csv written.</param>
public sealed record MtfRunResult(IReadOnlyList<MtfFrameResult> Frames, string MtfCsvPath)
{
    /// <summary>Frames that passed (status ok).</summary>
    public int Passed => Frames.Count(r => r.Analysis?.Ok == true);
}

/// <summary>Result of <see cref="MtfRun.FitSeries"/>.</summary>
/// <param name="Readout">The Eq. 2 fit of N0 over the frames that passed.</param>
/// <param name="ReadoutCsvPath">Path of the RUN/readout.csv written.</param>
public sealed record MtfSeriesResult(ReadoutNoiseFit Readout, string ReadoutCsvPath);
