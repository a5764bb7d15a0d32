using TemKit.Simulation.Labels;

namespace TemKit.Pipelines.Columns;

/// <summary>Estimated column heights against the true ones (matched columns only).</summary>
/// <param name="Matched">Detected columns matched to a true column.</param>
/// <param name="Exact">Of these, estimated atoms equal to the true count.</param>
/// <param name="WithinOne">Estimated atoms within ±1 of the true count.</param>
/// <param name="SameClass">Same class of three: 1-3, 4-6, 7 or more atoms.</param>
/// <param name="MajorityClassShare">Share of the matched columns in their most frequent three-way class (what always
/// guessing that class would score).</param>
/// <param name="Fitted">The calibration least squares would give on these same columns (to calibrate on a validation set).</param>
public sealed record ColumnHeightScore(int Matched, int Exact, int WithinOne, int SameClass, double MajorityClassShare, ColumnHeightCalibration? Fitted)
{
    /// <summary>Exact / matched.</summary>
    public double ExactAccuracy => Matched == 0 ? double.NaN : (double)Exact / Matched;
    /// <summary>Within ±1 / matched.</summary>
    public double WithinOneAccuracy => Matched == 0 ? double.NaN : (double)WithinOne / Matched;
    /// <summary>Same three-way class / matched.</summary>
    public double ClassAccuracy => Matched == 0 ? double.NaN : (double)SameClass / Matched;

    /// <summary>The three-way class of a height: 0 for 1-3 atoms, 1 for 4-6, 2 for 7 or more.</summary>
    public static int Class(int atoms) => atoms <= 3 ? 0 : atoms <= 6 ? 1 : 2;

    /// <summary>Scores (features, true atoms, estimated atoms) samples and fits a calibration to them.</summary>
    public static ColumnHeightScore Of(IReadOnlyList<(ColumnHeightFeatures Features, int TrueAtoms, int EstimatedAtoms)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Count;
        var classes = new int[3];
        foreach (var s in samples) classes[Class(s.TrueAtoms)]++;
        ColumnHeightCalibration? fitted = null;
        try { fitted = n >= 3 ? ColumnHeightCalibration.Fit([.. samples.Select(s => (s.Features, s.TrueAtoms))]) : null; }
        catch (ArgumentException) { fitted = null; }
        return new ColumnHeightScore(n, samples.Count(s => s.EstimatedAtoms == s.TrueAtoms), samples.Count(s => Math.Abs(s.EstimatedAtoms - s.TrueAtoms) <= 1),
            samples.Count(s => Class(s.EstimatedAtoms) == Class(s.TrueAtoms)), n == 0 ? double.NaN : (double)classes.Max() / n, fitted);
    }
}

public static partial class ColumnRun
{
    /// <summary>(features, true atoms, estimated atoms) of the matched columns of one frame.</summary>
    private static IEnumerable<(ColumnHeightFeatures, int, int)> HeightSamples(ColumnRow[] truth, ColumnMatch score, ColumnHeightFeatures[] features, int[] heights) =>
        score.Pairs.Select(p => (features[p.Detected], truth[p.Truth].HeightAtoms, heights[p.Detected]));
}
