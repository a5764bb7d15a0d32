namespace TemKit.Detector;

/// <summary>
/// Fits SOI Eq. 4 to a radial noise spectrum by bounded Levenberg-Marquardt with an analytic Jacobian, each bin
/// weighted by its Fourier pixel count (a bin's relative noise goes as 1/sqrt(count)). Starts from c1 = the lowest
/// bins, c2 = the bins just below Nyquist, c0 = the half-way crossing, and three c3 values; keeps the best.
/// Own small solver rather than MathNet's minimiser: four parameters, box bounds by projection and no allocation
/// per iteration.
/// </summary>
public static class MtfFitter
{
    private static readonly double[] s_startExponents = [1.5, 2.5, 4.0];

    /// <summary>Fits Eq. 4; throws <see cref="ArgumentException"/> if fewer than 8 usable bins remain.</summary>
    public static MtfFit Fit(RadialSpectrum spectrum, MtfFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        options ??= MtfFitOptions.Default;
        var (q, y, w) = Select(spectrum, options);
        if (q.Length < 8) throw new ArgumentException($"only {q.Length} spectrum bins between q~ = {options.MinQNormalised} and {options.MaxQNormalised}: need ≥ 8");

        double c1Start = Median(y.AsSpan(0, Math.Min(3, y.Length)));
        double c2Start = TailMean(q, y);
        double c0Start = HalfwayCrossing(q, y, 0.5 * (c1Start + c2Start));
        double yMax = 0;
        foreach (double v in y) yMax = Math.Max(yMax, v);
        var bounds = new Bounds(
            Lo: [Math.Max(spectrum.BinWidth * 0.5, 1e-4), 0, 0, 0.3],
            Hi: [2.0, 10 * yMax, 10 * yMax, 30]);

        double[] best = [];
        double bestCost = double.PositiveInfinity;
        int bestIterations = 0;
        foreach (double c3 in s_startExponents)
        {
            double[] p = [c0Start, c1Start, c2Start, c3];
            bounds.Project(p);
            var (cost, iterations) = LevenbergMarquardt(q, y, w, p, bounds, options.MaxIterations);
            if (cost < bestCost) { bestCost = cost; best = p; bestIterations = iterations; }
        }
        return new MtfFit(best[0], best[1], best[2], best[3], RSquared(q, y, w, best), q.Length, bestIterations);
    }

    private static (double[] Q, double[] Y, double[] W) Select(RadialSpectrum s, MtfFitOptions o)
    {
        var q = new List<double>(); var y = new List<double>(); var w = new List<double>();
        for (int b = 1; b < s.Length; b++)
        {
            if (s.Counts[b] == 0 || !double.IsFinite(s.Values[b])) continue;
            if (s.QNormalised[b] < o.MinQNormalised || s.QNormalised[b] > o.MaxQNormalised) continue;
            q.Add(s.QNormalised[b]); y.Add(s.Values[b]); w.Add(s.Counts[b]);
        }
        double wSum = 0;
        foreach (double v in w) wSum += v;
        for (int i = 0; i < w.Count; i++) w[i] /= wSum;
        return (q.ToArray(), y.ToArray(), w.ToArray());
    }

    private static double Median(ReadOnlySpan<double> v)
    {
        var copy = v.ToArray();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }

    private static double TailMean(double[] q, double[] y)
    {
        double qTop = q[^1], sum = 0;
        int n = 0;
        for (int i = 0; i < q.Length; i++)
            if (q[i] >= 0.9 * qTop) { sum += y[i]; n++; }
        return sum / n;
    }

    private static double HalfwayCrossing(double[] q, double[] y, double level)
    {
        // The first bin of three in a row below the level, so single noisy bins do not stop the search.
        for (int i = 0; i + 2 < q.Length; i++)
            if (y[i] < level && y[i + 1] < level && y[i + 2] < level) return q[i];
        return 0.5 * q[^1];
    }

    private sealed record Bounds(double[] Lo, double[] Hi)
    {
        public void Project(Span<double> p)
        {
            for (int i = 0; i < p.Length; i++) p[i] = Math.Clamp(p[i], Lo[i], Hi[i]);
        }
    }

    private static double Cost(double[] q, double[] y, double[] w, ReadOnlySpan<double> p)
    {
        double cost = 0;
        for (int i = 0; i < q.Length; i++)
        {
            double r = y[i] - MtfFit.Evaluate(q[i], p[0], p[1], p[2], p[3]);
            cost += w[i] * r * r;
        }
        return cost;
    }

    private static (double Cost, int Iterations) LevenbergMarquardt(double[] q, double[] y, double[] w, double[] p, Bounds bounds, int maxIterations)
    {
        Span<double> jtj = stackalloc double[16];
        Span<double> jtr = stackalloc double[4];
        Span<double> a = stackalloc double[16];
        Span<double> step = stackalloc double[4];
        Span<double> trial = stackalloc double[4];
        double lambda = 1e-3, cost = Cost(q, y, w, p);
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            NormalEquations(q, y, w, p, jtj, jtr);
            bool improved = false;
            while (lambda < 1e12)
            {
                jtj.CopyTo(a);
                for (int k = 0; k < 4; k++) a[k * 4 + k] += lambda * Math.Max(jtj[k * 4 + k], 1e-300);
                if (!Solve4(a, jtr, step)) { lambda *= 10; continue; }
                for (int k = 0; k < 4; k++) trial[k] = p[k] + step[k];
                bounds.Project(trial);
                double trialCost = Cost(q, y, w, trial);
                if (trialCost < cost)
                {
                    double relative = (cost - trialCost) / Math.Max(cost, 1e-300);
                    trial.CopyTo(p);
                    cost = trialCost;
                    lambda = Math.Max(lambda * 0.3, 1e-12);
                    improved = true;
                    if (relative < 1e-12) return (cost, iteration + 1);
                    break;
                }
                lambda *= 10;
            }
            if (!improved) break;
        }
        return (cost, iteration);
    }

    // JᵀWJ and JᵀW r of Eq. 4 with respect to (c0, c1, c2, c3).
    private static void NormalEquations(double[] q, double[] y, double[] w, double[] p, Span<double> jtj, Span<double> jtr)
    {
        jtj.Clear();
        jtr.Clear();
        Span<double> j = stackalloc double[4];
        double c0 = p[0], c1 = p[1], c2 = p[2], c3 = p[3];
        for (int i = 0; i < q.Length; i++)
        {
            double logRatio = Math.Log(q[i] / c0);
            double u = Math.Exp(c3 * logRatio), d = 1 + u, g = 1 / d;
            double amplitude = (c1 - c2) * g * g * u;
            j[0] = amplitude * c3 / c0;
            j[1] = g;
            j[2] = 1 - g;
            j[3] = -amplitude * logRatio;
            double r = y[i] - ((c1 - c2) * g + c2);
            for (int a = 0; a < 4; a++)
            {
                jtr[a] += w[i] * j[a] * r;
                for (int b = 0; b < 4; b++) jtj[a * 4 + b] += w[i] * j[a] * j[b];
            }
        }
    }

    // Gaussian elimination with partial pivoting on a 4×4 system; false if singular.
    private static bool Solve4(Span<double> a, ReadOnlySpan<double> rhs, Span<double> x)
    {
        Span<double> b = stackalloc double[4];
        rhs.CopyTo(b);
        for (int col = 0; col < 4; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 4; r++) if (Math.Abs(a[r * 4 + col]) > Math.Abs(a[pivot * 4 + col])) pivot = r;
            if (!(Math.Abs(a[pivot * 4 + col]) > 1e-300)) return false;
            if (pivot != col)
            {
                for (int k = 0; k < 4; k++) (a[col * 4 + k], a[pivot * 4 + k]) = (a[pivot * 4 + k], a[col * 4 + k]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (int r = col + 1; r < 4; r++)
            {
                double f = a[r * 4 + col] / a[col * 4 + col];
                for (int k = col; k < 4; k++) a[r * 4 + k] -= f * a[col * 4 + k];
                b[r] -= f * b[col];
            }
        }
        for (int r = 3; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < 4; k++) s -= a[r * 4 + k] * x[k];
            x[r] = s / a[r * 4 + r];
        }
        return double.IsFinite(x[0]) && double.IsFinite(x[1]) && double.IsFinite(x[2]) && double.IsFinite(x[3]);
    }

    private static double RSquared(double[] q, double[] y, double[] w, double[] p)
    {
        double mean = 0;
        for (int i = 0; i < y.Length; i++) mean += w[i] * y[i];
        double total = 0;
        for (int i = 0; i < y.Length; i++) total += w[i] * (y[i] - mean) * (y[i] - mean);
        return total > 0 ? 1 - Cost(q, y, w, p) / total : 0;
    }
}
