namespace TemKit.CtfEstimation.Profile;

/// <summary>Finds Thon-ring maxima and zeros with their prominence in a smoothed, background-free profile.</summary>
public static class ThonRingPeaks
{
    /// <summary>
    /// Local maxima and minima of <see cref="SmoothedProfile.Signal"/> beyond its first bin whose prominence is at least
    /// <paramref name="minRelativeProminence"/> × the largest prominence of their kind (and &gt; 0).
    /// </summary>
    /// <param name="profile">Output of <see cref="ProfileSmoothing.Smooth"/>.</param>
    /// <param name="minRelativeProminence">Prominence threshold as a fraction of the largest one (0..1); default 0.05.</param>
    public static ThonRings Find(SmoothedProfile profile, double minRelativeProminence = 0.05)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (minRelativeProminence is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(minRelativeProminence), minRelativeProminence, "must be in [0, 1]");
        var s = profile.Signal;
        int start = profile.MinRadiusPx;
        var peaks = Extrema(profile, s, start, 1, minRelativeProminence);
        var zeros = Extrema(profile, s, start, -1, minRelativeProminence);
        return new ThonRings(peaks, zeros, profile.PixelSizeAngstrom, profile.SpectrumSizePx);
    }

    private static List<ThonRingExtremum> Extrema(SmoothedProfile profile, double[] signal, int start, int sign, double relative)
    {
        int n = signal.Length;
        var found = new List<(int Index, double Prominence)>();
        for (int i = start + 1; i < n - 1; i++)
        {
            double v = sign * signal[i];
            // A flat top counts once, at its left end.
            if (!(v > sign * signal[i - 1])) continue;
            int j = i;
            while (j + 1 < n - 1 && sign * signal[j + 1] == v) j++;
            if (!(v > sign * signal[j + 1])) continue;
            found.Add((i, Prominence(signal, i, sign, start)));
        }
        double max = 0;
        foreach (var f in found) max = Math.Max(max, f.Prominence);
        var result = new List<ThonRingExtremum>();
        foreach (var (i, prom) in found)
        {
            if (prom <= 0 || prom < relative * max) continue;
            double r = i + ParabolaOffset(signal[i - 1], signal[i], signal[i + 1]);
            result.Add(new ThonRingExtremum(result.Count + 1, r, profile.FrequencyAt(r), signal[i], prom));
        }
        return result;
    }

    /// <summary>SciPy-style prominence of the extremum at i of sign·signal, searching from <paramref name="start"/>.</summary>
    internal static double Prominence(double[] signal, int i, int sign, int start)
    {
        double top = sign * signal[i];
        double leftMin = top;
        for (int k = i - 1; k >= start; k--)
        {
            double v = sign * signal[k];
            if (v > top) break;
            leftMin = Math.Min(leftMin, v);
        }
        double rightMin = top;
        for (int k = i + 1; k < signal.Length; k++)
        {
            double v = sign * signal[k];
            if (v > top) break;
            rightMin = Math.Min(rightMin, v);
        }
        return top - Math.Max(leftMin, rightMin);
    }

    /// <summary>Vertex offset (−0.5..0.5) of the parabola through three equally spaced samples.</summary>
    internal static double ParabolaOffset(double a, double b, double c)
    {
        double d = a - 2 * b + c;
        return d == 0 ? 0 : Math.Clamp(0.5 * (a - c) / d, -0.5, 0.5);
    }
}
