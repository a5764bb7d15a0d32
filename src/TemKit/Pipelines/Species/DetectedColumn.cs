namespace TemKit.Pipelines.Species;

/// <summary>A column found in a class-probability map.</summary>
/// <param name="ClassIndex">Class index (1.. K−1; 0 is background).</param>
/// <param name="XPx">x (px; pixel i centred at i).</param>
/// <param name="YPx">y (px).</param>
/// <param name="Probability">The class probability at the peak (0..1).</param>
public readonly record struct DetectedColumn(int ClassIndex, double XPx, double YPx, double Probability);

/// <summary>Settings of the column finder.</summary>
/// <param name="Threshold">Lowest class probability accepted as a peak.</param>
/// <param name="MinSeparationAngstrom">Peaks closer than this (Å) are one column: the most probable class wins (non-maximum suppression across classes).</param>
/// <param name="EdgeMarginAngstrom">Columns closer than this to the image edge (Å) are dropped (tiles and simulated seams).</param>
public sealed record ColumnFinderOptions(double Threshold = 0.3, double MinSeparationAngstrom = 1.0, double EdgeMarginAngstrom = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!(Threshold is > 0 and < 1)) throw new ArgumentException($"peak threshold must be in (0, 1), got {Threshold}");
        if (!(MinSeparationAngstrom is > 0 and <= 20)) throw new ArgumentException($"minimum column separation must be in (0, 20] Å, got {MinSeparationAngstrom}");
        if (!(EdgeMarginAngstrom is >= 0 and <= 1000)) throw new ArgumentException($"edge margin must be 0..1000 Å, got {EdgeMarginAngstrom}");
    }
}
