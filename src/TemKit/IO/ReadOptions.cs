namespace TemKit.IO;

/// <summary>How strictly readers treat recoverable problems.</summary>
/// <param name="Permissive">When true, recoverable problems (wrong machine stamp, a bad map id, a header
/// statistic that disagrees with the data) become warnings instead of errors.</param>
/// <param name="Warn">Receives each warning in permissive mode (they are also kept in the metadata).</param>
/// <param name="Signal">For files that hold several signals (Velox EMD, TIA .emi, DM with several images, TIFF with
/// several series): the index of the signal to read, counted from 0 over every signal <see cref="ImageFile.ListSignals"/>
/// lists; null reads the first image signal.</param>
public sealed record ReadOptions(bool Permissive = false, Action<string>? Warn = null, int? Signal = null)
{
    /// <summary>The default: every problem is an error, and the first image signal is read.</summary>
    public static ReadOptions Strict { get; } = new();
}
