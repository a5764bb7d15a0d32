namespace TemKit.Pipelines.ParticleAnalysis;

public static partial class RegionalFourier
{
    /// <summary>
    /// Peak pairs of a centred power spectrum (n x n, DC at n/2): local maxima in the spacing annulus that reach
    /// <see cref="RegionalFourierOptions.PeakSignificance"/> times the ring background, searched in one half-plane
    /// (the spectrum of a real image is centrosymmetric, so each maximum and its mirror form one pair), refined to
    /// sub-pixel by a parabola through the maximum and its neighbours along x and y, and integrated over a disc of
    /// <paramref name="peakRadius"/> px around g and −g with the background subtracted.
    /// </summary>
    internal static List<LatticePeakPair> FindPairs(float[] power, int n, double df, double peakRadius, RegionalFourierOptions options)
    {
        int c = n / 2;
        double rMin = 1 / (options.MaxSpacingAngstrom * df), rMax = Math.Min(1 / (options.MinSpacingAngstrom * df), c - 2);
        var pairs = new List<LatticePeakPair>();
        if (rMax <= rMin) return pairs;
        int reach = (int)Math.Ceiling(rMax + peakRadius + 2);
        reach = Math.Min(reach, c - 1);
        var background = RingBackground(power, n, reach);
        int nms = Math.Max(1, (int)Math.Ceiling(peakRadius));
        int search = (int)Math.Ceiling(rMax);
        for (int ky = -search; ky <= 0; ky++)
            for (int kx = -search; kx <= search; kx++)
            {
                if (ky == 0 && kx <= 0) continue;
                double r = Math.Sqrt(kx * kx + ky * ky);
                if (r < rMin || r > rMax) continue;
                int x = c + kx, y = c + ky;
                float p = power[y * n + x];
                double bg = Background(background, r);
                if (!(p >= options.PeakSignificance * bg) || !IsLocalMaximum(power, n, x, y, nms)) continue;
                double sx = Parabola(power[y * n + x - 1], p, power[y * n + x + 1]);
                double sy = Parabola(power[(y - 1) * n + x], p, power[(y + 1) * n + x]);
                double gx = (kx + sx) * df, gy = (ky + sy) * df;
                var (excessPlus, backgroundPlus) = Integrate(power, n, c + kx + sx, c + ky + sy, peakRadius, background);
                var (excessMinus, backgroundMinus) = Integrate(power, n, c - kx - sx, c - ky - sy, peakRadius, background);
                double brightness = excessPlus + excessMinus;
                double g = Math.Sqrt(gx * gx + gy * gy);
                double direction = Math.Atan2(gy, gx) * 180 / Math.PI;
                direction -= 180 * Math.Floor(direction / 180);
                pairs.Add(new LatticePeakPair(1 / g, direction, gx, gy, brightness, p / bg) { DiscContrast = brightness / Math.Max(backgroundPlus + backgroundMinus, 1e-300) });
            }
        pairs.Sort((a, b) => b.Brightness.CompareTo(a.Brightness));
        if (pairs.Count > options.MaxPairs) pairs.RemoveRange(options.MaxPairs, pairs.Count - options.MaxPairs);
        return pairs;
    }

    /// <summary>
    /// Mean power of each integer-radius ring (index = radius, 0..<paramref name="reach"/>), estimated robustly from
    /// the ring's 30th percentile: for exponential (noise) power q30 = mean · ln(1/0.7), and up to 70 % of the ring may
    /// be covered by peaks without moving it.
    /// </summary>
    private static double[] RingBackground(float[] power, int n, int reach)
    {
        int c = n / 2;
        var rings = new List<float>[reach + 2];
        for (int i = 0; i < rings.Length; i++) rings[i] = [];
        for (int ky = -reach; ky <= reach; ky++)
            for (int kx = -reach; kx <= reach; kx++)
            {
                int ring = (int)Math.Round(Math.Sqrt(kx * kx + ky * ky));
                if (ring <= reach + 1) rings[ring].Add(power[(c + ky) * n + c + kx]);
            }
        var mean = new double[rings.Length];
        for (int i = 0; i < rings.Length; i++)
        {
            var values = rings[i];
            if (values.Count == 0) continue;
            values.Sort();
            mean[i] = values[(int)(0.3 * (values.Count - 1))] / Math.Log(1 / 0.7);
        }
        return mean;
    }

    private static double Background(double[] rings, double r)
    {
        int i = Math.Min((int)Math.Floor(r), rings.Length - 2);
        double f = Math.Clamp(r - i, 0, 1);
        return (1 - f) * rings[i] + f * rings[i + 1];
    }

    private static bool IsLocalMaximum(float[] power, int n, int x, int y, int radius)
    {
        float p = power[y * n + x];
        for (int dy = -radius; dy <= radius; dy++)
            for (int dx = -radius; dx <= radius; dx++)
            {
                if ((dx == 0 && dy == 0) || dx * dx + dy * dy > radius * radius) continue;
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= n || yy >= n) continue;
                float q = power[yy * n + xx];
                // ties go to the first pixel in raster order
                if (q > p || (q == p && (dy < 0 || (dy == 0 && dx < 0)))) return false;
            }
        return true;
    }

    /// <summary>Vertex offset (−0.5..0.5 px) of the parabola through three equally spaced samples.</summary>
    private static double Parabola(double left, double centre, double right)
    {
        double curvature = left - 2 * centre + right;
        return curvature < 0 ? Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5) : 0;
    }

    /// <summary>Σ (power − ring background) and Σ ring background over the pixels within <paramref name="radius"/> of (cx, cy).</summary>
    private static (double Excess, double Background) Integrate(float[] power, int n, double cx, double cy, double radius, double[] rings)
    {
        int c = n / 2;
        double sum = 0, backgroundSum = 0;
        int x0 = Math.Max(0, (int)Math.Floor(cx - radius)), x1 = Math.Min(n - 1, (int)Math.Ceiling(cx + radius));
        int y0 = Math.Max(0, (int)Math.Floor(cy - radius)), y1 = Math.Min(n - 1, (int)Math.Ceiling(cy + radius));
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                double dx = x - cx, dy = y - cy;
                if (dx * dx + dy * dy > radius * radius) continue;
                double r = Math.Sqrt((x - c) * (x - c) + (y - c) * (y - c));
                double b = Background(rings, Math.Min(r, rings.Length - 1.001));
                sum += power[y * n + x] - b;
                backgroundSum += b;
            }
        return (sum, backgroundSum);
    }

    /// <summary>The brightest/dimmest ratio and the detection floor (<see cref="RegionalFourierResult.Ratio"/>).</summary>
    internal static (double Ratio, double Floor) Ratio(IReadOnlyList<LatticePeakPair> pairs, RegionalFourierOptions options)
    {
        var candidates = pairs.Where(p => p.SpacingAngstrom >= options.RatioMinSpacingAngstrom).ToList();
        if (candidates.Count == 0) return (double.NaN, double.NaN);
        if (options.RatioBrightness == RatioBrightness.PeakHeight)
        {
            // Heights above the background in units of the background; a missing pair counts at the threshold.
            var heights = candidates.Select(p => p.Significance - 1).OrderDescending().Take(options.RatioPairCount).ToList();
            double threshold = options.PeakSignificance - 1;
            double low = heights.Count >= options.RatioPairCount ? heights[^1] : Math.Min(threshold, heights[^1]);
            return (heights[0] / Math.Max(low, 1e-30 * heights[0]), threshold);
        }
        if (options.RatioBrightness == RatioBrightness.DiscContrast)
        {
            // Excess over the background summed over the peak discs, in units of the background summed there; a
            // missing pair counts at the brightest pair's disc contrast scaled to a peak at the threshold.
            var contrasts = candidates.OrderByDescending(p => p.DiscContrast).Take(options.RatioPairCount).ToList();
            double floorContrast = contrasts[0].DiscContrast * (options.PeakSignificance - 1) / Math.Max(contrasts[0].Significance - 1, 1e-12);
            double lowest = contrasts.Count >= options.RatioPairCount ? contrasts[^1].DiscContrast : Math.Min(floorContrast, contrasts[^1].DiscContrast);
            return (contrasts[0].DiscContrast / Math.Max(lowest, 1e-30 * Math.Abs(contrasts[0].DiscContrast)), floorContrast);
        }
        var used = candidates.Take(options.RatioPairCount).ToList();
        var brightest = used[0];
        // The brightest pair's profile scaled so its maximum stands (threshold − 1) × background above the background.
        double floor = brightest.Brightness * (options.PeakSignificance - 1) / Math.Max(brightest.Significance - 1, 1e-12);
        double dimmest = used.Count >= options.RatioPairCount ? used[^1].Brightness : Math.Min(floor, used[^1].Brightness);
        return (brightest.Brightness / Math.Max(dimmest, 1e-30 * brightest.Brightness), floor);
    }
}
