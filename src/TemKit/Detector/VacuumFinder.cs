namespace TemKit.Detector;

/// <summary>
/// Finds vacuum automatically: tiles whose variance/mean matches the pure-noise reference (the low end of all tiles'
/// ratios: specimen contrast only adds variance) and whose mean matches the vacuum mean; returns the largest
/// 4-connected group of such tiles.
/// </summary>
public static class VacuumFinder
{
    /// <summary>The tiles of the largest vacuum region (empty if none).</summary>
    public static IReadOnlyList<PixelRegion> Find(ReadOnlySpan<float> image, int width, int height, VacuumOptions? options = null)
    {
        options ??= new VacuumOptions();
        int t = options.TileSizePx;
        int nx = width / t, ny = height / t;
        if (nx == 0 || ny == 0) return [];
        int n = nx * ny;
        var mean = new double[n];
        var ratio = new double[n];
        for (int ty = 0; ty < ny; ty++)
            for (int tx = 0; tx < nx; tx++)
            {
                var (m, v) = Moments(image, width, new PixelRegion(tx * t, ty * t, t, t));
                mean[ty * nx + tx] = m;
                ratio[ty * nx + tx] = m > 0 ? v / m : double.PositiveInfinity;
            }

        double reference = Percentile(ratio, options.ReferencePercentile);
        if (!double.IsFinite(reference) || reference <= 0) return [];
        double ratioTolerance = Math.Max(options.MinRatioTolerance, 5 * 1.4826 * MedianAbsoluteDeviation(ratio, reference) / reference);
        var candidates = new List<double>();
        for (int i = 0; i < n; i++) if (Math.Abs(ratio[i] / reference - 1) <= ratioTolerance) candidates.Add(mean[i]);
        if (candidates.Count == 0) return [];
        double vacuumMean = Percentile(candidates.ToArray(), 0.5);
        double meanTolerance = 5 * Math.Sqrt(Math.Max(vacuumMean, 0) / ((double)t * t)) + options.MeanTolerance * Math.Abs(vacuumMean);

        var vacuum = new bool[n];
        for (int i = 0; i < n; i++)
            vacuum[i] = Math.Abs(ratio[i] / reference - 1) <= ratioTolerance && Math.Abs(mean[i] - vacuumMean) <= meanTolerance;
        return LargestComponent(vacuum, nx, ny, t);
    }

    private static (double Mean, double Variance) Moments(ReadOnlySpan<float> image, int width, PixelRegion r)
    {
        double s = 0, s2 = 0;
        for (int y = r.Y; y < r.Y + r.Height; y++)
        {
            var row = image.Slice(y * width + r.X, r.Width);
            foreach (float v in row) { s += v; s2 += (double)v * v; }
        }
        double m = s / r.Area;
        return (m, Math.Max(0, s2 / r.Area - m * m));
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[(int)Math.Clamp(Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }

    // Spread of the lower half of the ratios about the reference: vacuum tiles, not specimen, set the tolerance.
    private static double MedianAbsoluteDeviation(double[] ratio, double reference)
    {
        double median = Percentile(ratio, 0.5);
        var deviations = ratio.Where(r => r <= median).Select(r => Math.Abs(r - reference)).ToArray();
        return deviations.Length == 0 ? 0 : Percentile(deviations, 0.5);
    }

    private static IReadOnlyList<PixelRegion> LargestComponent(bool[] vacuum, int nx, int ny, int t)
    {
        var label = new int[vacuum.Length];
        var best = new List<int>();
        var stack = new Stack<int>();
        int next = 0;
        for (int start = 0; start < vacuum.Length; start++)
        {
            if (!vacuum[start] || label[start] != 0) continue;
            next++;
            var members = new List<int>();
            stack.Push(start);
            label[start] = next;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                members.Add(i);
                int x = i % nx, y = i / nx;
                Visit(x - 1, y); Visit(x + 1, y); Visit(x, y - 1); Visit(x, y + 1);
            }
            if (members.Count > best.Count) best = members;

            void Visit(int x, int y)
            {
                if (x < 0 || y < 0 || x >= nx || y >= ny) return;
                int j = y * nx + x;
                if (!vacuum[j] || label[j] != 0) return;
                label[j] = next;
                stack.Push(j);
            }
        }
        best.Sort();
        return best.Select(i => new PixelRegion(i % nx * t, i / nx * t, t, t)).ToList();
    }
}
