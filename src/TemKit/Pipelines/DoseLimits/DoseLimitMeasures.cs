namespace TemKit.Pipelines.DoseLimits;

/// <summary>
/// The dose limits read off one model's segmented area against frame dose. Definitions (frames in dose order; the area
/// fraction f = segmented area / target area; s = running median of f over <see cref="DoseLimitOptions.SmoothingFrames"/>
/// frames, shortened at the ends):
/// <list type="bullet">
/// <item>50 % dose: the lowest frame dose from which on s stays ≥ <see cref="DoseLimitOptions.DetectionFraction"/> in
/// every later frame (the coloured dashed lines of the seed paper's Figs. 2-4, 7-8).</item>
/// <item>Convergence dose: the lowest frame dose from which on |s − 1| ≤ <see cref="DoseLimitOptions.ConvergenceTolerance"/>
/// in every later frame (the black dashed line: the whole particle is segmented).</item>
/// <item>Band: the minimum and maximum raw segmented area over the frames at or above the convergence dose (the grey band).</item>
/// </list>
/// A limit the series never reaches is null.
/// </summary>
/// <param name="FiftyPercentDoseElectronsPerAngstrom2">50 % dose (e/Å²), or null.</param>
/// <param name="ConvergenceDoseElectronsPerAngstrom2">Convergence dose (e/Å²), or null.</param>
/// <param name="BandMinAreaPx">Smallest area at or above the convergence dose (px; NaN without convergence).</param>
/// <param name="BandMaxAreaPx">Largest area at or above the convergence dose (px; NaN without convergence).</param>
public sealed record DoseLimitMeasures(double? FiftyPercentDoseElectronsPerAngstrom2, double? ConvergenceDoseElectronsPerAngstrom2, double BandMinAreaPx, double BandMaxAreaPx)
{
    /// <summary>Measures one curve: <paramref name="dose"/> (e/Å²), <paramref name="areaPx"/> and <paramref name="targetPx"/>
    /// per frame, in any order (frames whose target is not &gt; 0 are left out).</summary>
    public static DoseLimitMeasures Measure(ReadOnlySpan<double> dose, ReadOnlySpan<double> areaPx, ReadOnlySpan<double> targetPx, DoseLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (areaPx.Length != dose.Length || targetPx.Length != dose.Length)
            throw new ArgumentException($"dose, area and target must have one value per frame ({dose.Length}, {areaPx.Length}, {targetPx.Length})");
        var order = new List<int>(dose.Length);
        for (int i = 0; i < dose.Length; i++)
            if (targetPx[i] > 0 && double.IsFinite(dose[i]) && double.IsFinite(areaPx[i])) order.Add(i);
        var d = dose.ToArray();
        order.Sort((a, b) => d[a] != d[b] ? d[a].CompareTo(d[b]) : a.CompareTo(b));
        int n = order.Count;
        if (n == 0) return new DoseLimitMeasures(null, null, double.NaN, double.NaN);
        var fraction = new double[n];
        for (int k = 0; k < n; k++) fraction[k] = areaPx[order[k]] / targetPx[order[k]];
        var smooth = RunningMedian(fraction, options.SmoothingFrames);
        int detect = FirstFromWhichOn(smooth, s => s >= options.DetectionFraction);
        int converge = FirstFromWhichOn(smooth, s => Math.Abs(s - 1) <= options.ConvergenceTolerance);
        double lo = double.NaN, hi = double.NaN;
        if (converge < n)
        {
            lo = double.PositiveInfinity;
            hi = double.NegativeInfinity;
            for (int k = converge; k < n; k++)
            {
                lo = Math.Min(lo, areaPx[order[k]]);
                hi = Math.Max(hi, areaPx[order[k]]);
            }
        }
        return new DoseLimitMeasures(
            detect < n ? dose[order[detect]] : null,
            converge < n ? dose[order[converge]] : null,
            lo, hi);
    }

    /// <summary>The index k from which on <paramref name="ok"/> holds for every value, or the length when the last fails.</summary>
    private static int FirstFromWhichOn(double[] values, Func<double, bool> ok)
    {
        int k = values.Length;
        while (k > 0 && ok(values[k - 1])) k--;
        return k;
    }

    /// <summary>Median over a centred window of <paramref name="window"/> values (odd), shortened at the ends.</summary>
    public static double[] RunningMedian(ReadOnlySpan<double> values, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        int half = window / 2;
        var result = new double[values.Length];
        var buffer = new double[window];
        for (int i = 0; i < values.Length; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(values.Length - 1, i + half), m = hi - lo + 1;
            values.Slice(lo, m).CopyTo(buffer);
            Array.Sort(buffer, 0, m);
            result[i] = m % 2 == 1 ? buffer[m / 2] : 0.5 * (buffer[m / 2 - 1] + buffer[m / 2]);
        }
        return result;
    }
}
