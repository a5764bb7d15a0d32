namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// Means of a 1D profile over fractional windows [a, b] (each bin i covers [i − ½, i + ½)), from a prefix sum, so the
/// background under Thon rings can be taken as the mean over exactly one local ring period (the mean of sin² over a
/// period is ½ whatever its phase).
/// </summary>
internal sealed class RingWindow
{
    private readonly double[] _values;
    private readonly double[] _prefix;
    private readonly int _first;

    /// <param name="values">Profile.</param>
    /// <param name="first">First usable bin (bins below, the DC peak, never enter a window).</param>
    public RingWindow(double[] values, int first)
    {
        _values = values;
        _first = first;
        _prefix = new double[values.Length + 1];
        for (int i = 0; i < values.Length; i++) _prefix[i + 1] = _prefix[i] + (i >= first ? values[i] : 0);
    }

    /// <summary>Mean over [centre − width/2, centre + width/2], clipped to the usable bins.</summary>
    public double Mean(double centre, double width)
    {
        double lo = Math.Max(_first - 0.5, centre - 0.5 * width);
        double hi = Math.Min(_values.Length - 0.5, centre + 0.5 * width);
        if (hi - lo < 1e-9) return _values[Math.Clamp((int)Math.Round(centre), _first, _values.Length - 1)];
        return (Integral(hi) - Integral(lo)) / (hi - lo);
    }

    private double Integral(double x)
    {
        int k = (int)Math.Floor(x + 0.5);
        if (k >= _values.Length) return _prefix[_values.Length];
        if (k < _first) return 0;
        return _prefix[k] + (x + 0.5 - k) * _values[k];
    }
}
