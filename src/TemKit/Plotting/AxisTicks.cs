using System.Globalization;

namespace TemKit.Plotting;

/// <summary>A plot axis: its range in data units, major ticks with labels, and minor ticks.</summary>
public sealed record Axis(double Min, double Max, bool Log, IReadOnlyList<double> Ticks, IReadOnlyList<string> Labels, IReadOnlyList<double> MinorTicks)
{
    /// <summary>Fraction 0–1 of the way from <see cref="Min"/> to <see cref="Max"/> (log-scaled on a log axis); NaN for v ≤ 0 on a log axis.</summary>
    public double Fraction(double v) => Log
        ? (v > 0 ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) : double.NaN)
        : (v - Min) / (Max - Min);
}

/// <summary>
/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten on linear axes, decades (plus 2 and 5
/// within them when the axis spans few decades) on log axes, with labels carrying no more digits
/// than the step needs.
/// </summary>
public static class AxisTicks
{
    /// <summary>The 1-2-5 step closest above <paramref name="rough"/> (e.g. 0.13 → 0.2, 3.3 → 5, 7 → 10).</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        double decade = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double m = rough / decade;
        double nice = m <= 1.0000001 ? 1 : m <= 2.0000001 ? 2 : m <= 5.0000001 ? 5 : 10;
        return nice * decade;
    }

    /// <summary>
    /// A linear axis covering [<paramref name="dataMin"/>, <paramref name="dataMax"/>] with about
    /// <paramref name="target"/> ticks. Ends not fixed by <paramref name="fixedMin"/>/<paramref name="fixedMax"/>
    /// are rounded out to a tick.
    /// </summary>
    public static Axis Linear(double dataMin, double dataMax, int target = 6, double? fixedMin = null, double? fixedMax = null)
    {
        double lo = fixedMin ?? dataMin, hi = fixedMax ?? dataMax;
        if (!double.IsFinite(lo) || !double.IsFinite(hi)) (lo, hi) = (0, 1);
        if (hi < lo) (lo, hi) = (hi, lo);
        if (hi == lo)
        {
            double pad = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            if (fixedMin is null) lo -= pad;
            if (fixedMax is null) hi += pad;
            if (hi == lo) hi = lo + 1;
        }
        double step = NiceStep((hi - lo) / Math.Max(1, target - 1));
        if (fixedMin is null) lo = Math.Floor(lo / step + 1e-9) * step;
        if (fixedMax is null) hi = Math.Ceiling(hi / step - 1e-9) * step;
        if (hi <= lo) hi = lo + step;
        var ticks = new List<double>();
        long first = (long)Math.Ceiling(lo / step - 1e-9), last = (long)Math.Floor(hi / step + 1e-9);
        for (long i = first; i <= last; i++) ticks.Add(Clean(i * step, step));
        var minor = new List<double>();
        double minorStep = step / (Mantissa(step) == 2 ? 4 : 5);
        long mFirst = (long)Math.Ceiling(lo / minorStep - 1e-9), mLast = (long)Math.Floor(hi / minorStep + 1e-9);
        if (mLast - mFirst < 2000)
            for (long i = mFirst; i <= mLast; i++) minor.Add(i * minorStep);
        return new Axis(lo, hi, false, ticks, ticks.Select(t => FormatLinear(t, step)).ToList(), minor);
    }

    /// <summary>
    /// A log₁₀ axis over the positive data range, extended to whole decades unless fixed. Decades are
    /// labelled (every k-th when there are many); 2× and 5× ticks are labelled too when it spans at most
    /// two decades; the 2–9× positions become minor ticks when it spans at most six.
    /// </summary>
    public static Axis Logarithmic(double dataMin, double dataMax, double? fixedMin = null, double? fixedMax = null)
    {
        double lo = fixedMin ?? dataMin, hi = fixedMax ?? dataMax;
        if (!(lo > 0) || !double.IsFinite(lo)) lo = hi > 0 && double.IsFinite(hi) ? hi / 10 : 1;
        if (!(hi > 0) || !double.IsFinite(hi)) hi = lo * 10;
        if (hi < lo) (lo, hi) = (hi, lo);
        if (fixedMin is null) lo = Math.Pow(10, Math.Floor(Math.Log10(lo) + 1e-9));
        if (fixedMax is null) hi = Math.Pow(10, Math.Ceiling(Math.Log10(hi) - 1e-9));
        if (hi <= lo) hi = lo * 10;

        int d0 = (int)Math.Floor(Math.Log10(lo) + 1e-9), d1 = (int)Math.Ceiling(Math.Log10(hi) - 1e-9);
        int decades = Math.Max(1, d1 - d0);
        int every = decades <= 10 ? 1 : (int)NiceStep(decades / 8.0);
        bool labelTwoFive = decades <= 2;
        var ticks = new List<double>();
        var minor = new List<double>();
        for (int d = d0; d <= d1; d++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double v = m * Math.Pow(10, d);
                if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
                bool major = m == 1 ? (d % every == 0) : labelTwoFive && (m == 2 || m == 5);
                if (major) ticks.Add(v);
                else if (decades <= 6 || m == 1) minor.Add(v);
            }
        }
        // An axis inside one decade with few labelled ticks falls back to linear steps placed on the log scale.
        if (ticks.Count < 2)
        {
            var lin = Linear(lo, hi, 5, lo, hi);
            return new Axis(lo, hi, true, lin.Ticks, lin.Labels, minor);
        }
        return new Axis(lo, hi, true, ticks, ticks.Select(FormatLog).ToList(), minor);
    }

    /// <summary>A linear tick label with as many decimals as <paramref name="step"/> needs; ×10ⁿ notation for very large or small numbers.</summary>
    public static string FormatLinear(double value, double step)
    {
        double magnitude = Math.Max(Math.Abs(value), step);
        if (magnitude >= 1e6 || step < 1e-4)
        {
            if (Math.Abs(value) < step * 1e-6) return "0";
            int exp = (int)Math.Floor(Math.Log10(step));
            int e2 = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            int digits = Math.Max(0, e2 - exp);
            double m = value / Math.Pow(10, e2);
            return $"{Minus(m.ToString("F" + digits, CultureInfo.InvariantCulture))}×10{Superscript(e2)}";
        }
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        if (Math.Abs(value) < step * 1e-6) value = 0;
        return Minus(value.ToString("F" + decimals, CultureInfo.InvariantCulture));
    }

    /// <summary>A log-axis tick label: plain decimals from 0.001 to 10000, otherwise 10ⁿ or m×10ⁿ.</summary>
    public static string FormatLog(double value)
    {
        int exp = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double m = Math.Round(value / Math.Pow(10, exp), 6);
        if (exp >= -3 && exp <= 4) return value.ToString(exp < 0 ? "0.###" : "0", CultureInfo.InvariantCulture);
        string mant = m == 1 ? "" : m.ToString("0.#", CultureInfo.InvariantCulture) + "×";
        return $"{mant}10{Superscript(exp)}";
    }

    private static double Mantissa(double step) => Math.Round(step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9)));

    /// <summary>Rounds away the binary noise of i·step (0.30000000000000004 → 0.3).</summary>
    private static double Clean(double v, double step)
    {
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 2, 0, 15);
        return Math.Round(v, decimals);
    }

    private static string Minus(string s) => s.StartsWith('-') ? "\u2212" + s[1..] : s;

    private static string Superscript(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string s = Math.Abs(n).ToString(CultureInfo.InvariantCulture);
        var chars = s.Select(c => digits[c - '0']);
        return (n < 0 ? "⁻" : "") + string.Concat(chars);
    }
}
