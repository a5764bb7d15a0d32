using MathNet.Numerics.Statistics;
namespace TemKit.Pipelines.Defocus.Report;

/// <summary>
/// Flags images whose mean defocus is far from the batch (robust z-score, Iglewicz &amp; Hoaglin 1993:
/// z = 0.6745 (x − median) / MAD, flagged when |z| &gt; 3.5) or whose fit score is low.
/// </summary>
public static class Outliers
{
    /// <summary>|robust z| above which a defocus is flagged.</summary>
    public const double RobustZLimit = 3.5;

    /// <summary>Fit scores below this are flagged as poor fits.</summary>
    public const double LowScore = 0.1;

    /// <summary>Robust z-scores of <paramref name="values"/> (NaN stays NaN; all 0 when the MAD is 0).</summary>
    public static double[] RobustZ(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var z = new double[values.Count];
        if (finite.Length == 0) { Array.Fill(z, double.NaN); return z; }
        double median = Median(finite);
        double mad = Median(finite.Select(v => Math.Abs(v - median)).ToArray());
        for (int i = 0; i < z.Length; i++)
            z[i] = !double.IsFinite(values[i]) ? double.NaN : mad > 0 ? 0.6745 * (values[i] - median) / mad : 0;
        return z;
    }

    /// <summary>A short reason why a row is an outlier, or null when it is not.</summary>
    public static string? Flag(DefocusResult row, double robustZ)
    {
        if (!row.IsOk) return "error";
        var reasons = new List<string>(2);
        if (Math.Abs(robustZ) > RobustZLimit) reasons.Add($"defocus z={robustZ:F1}");
        if (!(row.FitScore >= LowScore)) reasons.Add("low score");
        return reasons.Count == 0 ? null : string.Join(", ", reasons);
    }

    /// <summary>Median of the values (sorted copy).</summary>
    public static double Median(double[] values) => values.Length == 0 ? double.NaN : values.Median();
}
