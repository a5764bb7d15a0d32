namespace TemKit.CtfEstimation.Profile;

/// <summary>Gaussian smoothing and background removal of a radial profile (seed stage D).</summary>
public static class ProfileSmoothing
{
    /// <summary>
    /// Smooths <paramref name="profile"/> with a Gaussian of <paramref name="sigmaPx"/> bins (mirror boundaries) and
    /// subtracts a background drawn through its local minima, interpolated linearly in log(value) between them
    /// (spectra fall off roughly exponentially, and between Thon rings the spectrum drops to the background).
    /// </summary>
    /// <param name="profile">Radial profile (power or amplitude; positive values).</param>
    /// <param name="sigmaPx">Gaussian sigma in bins (px); 0 = no smoothing.</param>
    /// <param name="minRadiusPx">First bin considered; bins below it (the DC peak) are ignored. Default 3 px.</param>
    public static SmoothedProfile Smooth(RadialProfile profile, double sigmaPx = 1.5, int minRadiusPx = 3)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (sigmaPx < 0 || double.IsNaN(sigmaPx)) throw new ArgumentOutOfRangeException(nameof(sigmaPx), sigmaPx, "sigma must be ≥ 0 px");
        int n = profile.Length;
        int start = Math.Clamp(minRadiusPx, 0, Math.Max(0, n - 3));
        var raw = (double[])profile.Value.Clone();
        var smoothed = Gaussian(raw, sigmaPx, start);
        var background = MinimaBackground(smoothed, start);
        var signal = new double[n];
        for (int i = start; i < n; i++) signal[i] = smoothed[i] - background[i];
        return new SmoothedProfile((double[])profile.RadiusPx.Clone(), (double[])profile.FrequencyInverseAngstrom.Clone(),
            raw, smoothed, background, signal, sigmaPx, start, profile.PixelSizeAngstrom, profile.SpectrumSizePx);
    }

    /// <summary>Gaussian smoothing of values[start..] with mirror boundaries; bins below start are copied.</summary>
    internal static double[] Gaussian(double[] values, double sigma, int start)
    {
        var result = (double[])values.Clone();
        if (sigma <= 0) return result;
        int radius = Math.Max(1, (int)Math.Ceiling(4 * sigma));
        var kernel = new double[2 * radius + 1];
        double norm = 0;
        for (int k = -radius; k <= radius; k++) norm += kernel[k + radius] = Math.Exp(-0.5 * k * k / (sigma * sigma));
        int n = values.Length - start;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = -radius; k <= radius; k++)
                s += kernel[k + radius] * values[start + Mirror(i + k, n)];
            result[start + i] = s / norm;
        }
        return result;
    }

    private static int Mirror(int i, int n)
    {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        i = ((i % period) + period) % period;
        return i < n ? i : period - i;
    }

    /// <summary>
    /// Background through the local minima of <paramref name="v"/> (and the two ends), log-linear in between,
    /// clipped so it never exceeds the curve.
    /// </summary>
    internal static double[] MinimaBackground(double[] v, int start)
    {
        int n = v.Length;
        var anchors = new List<int> { start };
        for (int i = start + 1; i < n - 1; i++)
            if (v[i] <= v[i - 1] && v[i] < v[i + 1]) anchors.Add(i);
        if (anchors[^1] != n - 1) anchors.Add(n - 1);
        double floor = 1e-30;
        for (int i = start; i < n; i++) if (v[i] > 0) { floor = Math.Max(floor, v[i] * 1e-12); break; }
        var bg = new double[n];
        for (int a = 0; a + 1 < anchors.Count; a++)
        {
            int i0 = anchors[a], i1 = anchors[a + 1];
            double l0 = Math.Log(Math.Max(v[i0], floor)), l1 = Math.Log(Math.Max(v[i1], floor));
            for (int i = i0; i <= i1; i++)
            {
                double t = (double)(i - i0) / (i1 - i0);
                bg[i] = Math.Min(v[i], Math.Exp(l0 + t * (l1 - l0)));
            }
        }
        for (int i = 0; i < start; i++) bg[i] = v[i];
        return bg;
    }
}
