namespace TemKit.Pipelines.Columns;

/// <summary>Peak finding on a column map (<see cref="PeakFinder"/>).</summary>
/// <param name="MinSpacingAngstrom">No two peaks closer than this (Å); the higher one wins. Madsen et al. use about 2 Å
/// (Au columns on [110] are 2.50 Å apart).</param>
/// <param name="Threshold">Peaks below this map value are dropped (map units: 0..1 for a column-label network output).</param>
/// <param name="SubPixel">Refine each peak to sub-pixel precision by a parabola through log values of its neighbours
/// (exact for a Gaussian blob).</param>
public sealed record PeakFinderOptions(double MinSpacingAngstrom = 2.0, double Threshold = 0.3, bool SubPixel = true)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(MinSpacingAngstrom >= 0) || !double.IsFinite(MinSpacingAngstrom)) throw new ArgumentException($"minimum peak spacing must be ≥ 0 Å, got {MinSpacingAngstrom}");
        if (!double.IsFinite(Threshold)) throw new ArgumentException($"peak threshold must be finite, got {Threshold}");
    }
}
