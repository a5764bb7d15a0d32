namespace TemKit.IO;

/// <summary>How strictly readers treat recoverable problems.</summary>
/// <param name="Permissive">When true, recoverable problems (wrong machine stamp, a bad map id, a header
/// statistic that disagrees with the data) become warnings instead of errors.</param>
/// <param name="Warn">Receives each warning in permissive mode (they are also kept in the metadata).</param>
public sealed record ReadOptions(bool Permissive = false, Action<string>? Warn = null)
{
    /// <summary>The default: every problem is an error.</summary>
    public static ReadOptions Strict { get; } = new();
}
