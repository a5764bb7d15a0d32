using System.Globalization;

namespace TemKit.Simulation.TiltSeries;

/// <summary>Tilt lists (degrees): parsing "START:STOP:STEP" ranges and comma lists, and the checks every series needs.</summary>
public static class TiltAngles
{
    /// <summary>−90..+90° at 1° (181 tilts), the seed paper's series.</summary>
    public static double[] Default => Range(-90, 90, 1);

    /// <summary>START, START + STEP, ... up to STOP inclusive (within 1e-9 of a step).</summary>
    public static double[] Range(double startDegrees, double stopDegrees, double stepDegrees)
    {
        if (!(stepDegrees > 0)) throw new ArgumentException($"tilt step must be > 0°, got {stepDegrees}");
        if (stopDegrees < startDegrees) throw new ArgumentException($"tilt range {startDegrees}..{stopDegrees}: the stop is below the start");
        int n = (int)Math.Floor((stopDegrees - startDegrees) / stepDegrees + 1e-9) + 1;
        var tilts = new double[n];
        for (int i = 0; i < n; i++) tilts[i] = Math.Round(startDegrees + i * stepDegrees, 9);
        Validate(tilts);
        return tilts;
    }

    /// <summary>Parses "START:STOP:STEP" (e.g. "-70:70:2") or a comma list ("-60,-30,0,30,60"); throws
    /// <see cref="ArgumentException"/> naming the problem.</summary>
    public static double[] Parse(string text)
    {
        var inv = CultureInfo.InvariantCulture;
        string t = text.Trim();
        if (t.Contains(':'))
        {
            var parts = t.Split(':');
            if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, inv, out _)))
                throw new ArgumentException($"tilts '{text}': expected START:STOP:STEP in degrees, e.g. -90:90:1");
            return Range(double.Parse(parts[0], inv), double.Parse(parts[1], inv), double.Parse(parts[2], inv));
        }
        var values = new List<double>();
        foreach (string p in t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(p, NumberStyles.Float, inv, out double v)) throw new ArgumentException($"tilts '{text}': '{p}' is not a number");
            values.Add(v);
        }
        var tilts = values.ToArray();
        Validate(tilts);
        return tilts;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the tilts are finite, within ±90°, strictly increasing
    /// (no duplicates) and at least one.</summary>
    public static void Validate(IReadOnlyList<double> tiltsDegrees)
    {
        if (tiltsDegrees.Count == 0) throw new ArgumentException("the tilt list is empty");
        for (int i = 0; i < tiltsDegrees.Count; i++)
        {
            double t = tiltsDegrees[i];
            if (!double.IsFinite(t) || Math.Abs(t) > 90) throw new ArgumentException($"tilt {t}° (number {i + 1}) is outside −90..90°");
            if (i > 0 && t <= tiltsDegrees[i - 1])
                throw new ArgumentException(t == tiltsDegrees[i - 1] ? $"tilt {t}° appears twice (numbers {i} and {i + 1})" : $"tilts must increase: {tiltsDegrees[i - 1]}° is followed by {t}°");
        }
    }
}
