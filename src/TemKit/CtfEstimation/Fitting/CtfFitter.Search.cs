namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>A 1D candidate: mean defocus (Å), phase shift (radians) and its profile score.</summary>
    internal readonly record struct Candidate(double DefocusAngstrom, double PhaseShiftRadians, double Score);

    /// <summary>
    /// Exhaustive search over a geometric defocus grid (and a phase grid when fitting the phase), then golden-section
    /// refinement of the best local maxima; returns up to <paramref name="keep"/> candidates, best first.
    /// </summary>
    internal static List<Candidate> SearchDefocus(ProfileScorer scorer, CtfFitOptions o, int keep)
    {
        double ratio = 1 + o.DefocusSearchRelativeStep;
        int count = (int)Math.Ceiling(Math.Log(o.MaxDefocusAngstrom / o.MinDefocusAngstrom) / Math.Log(ratio)) + 1;
        var phases = o.FitPhaseShift ? Enumerable.Range(0, 12).Select(i => i * Math.PI / 12).ToArray() : [o.PhaseShiftRadians];
        var grid = new double[count];
        for (int i = 0; i < count; i++) grid[i] = Math.Min(o.MaxDefocusAngstrom, o.MinDefocusAngstrom * Math.Pow(ratio, i));
        var found = new List<Candidate>();
        var scores = new double[count];
        foreach (double phase in phases)
        {
            for (int i = 0; i < count; i++) scores[i] = scorer.Score(grid[i], phase);
            for (int i = 0; i < count; i++)
            {
                bool left = i == 0 || scores[i] >= scores[i - 1];
                bool right = i == count - 1 || scores[i] > scores[i + 1];
                if (left && right) found.Add(new Candidate(grid[i], phase, scores[i]));
            }
        }
        var best = found.OrderByDescending(c => c.Score).Take(keep).ToList();
        for (int i = 0; i < best.Count; i++)
        {
            var c = best[i];
            double lo = Math.Log(Math.Max(o.MinDefocusAngstrom, c.DefocusAngstrom / ratio));
            double hi = Math.Log(Math.Min(o.MaxDefocusAngstrom, c.DefocusAngstrom * ratio));
            double phase = c.PhaseShiftRadians;
            double x = GoldenMax(t => scorer.Score(Math.Exp(t), phase), lo, hi, 1e-5);
            double s = scorer.Score(Math.Exp(x), phase);
            best[i] = s > c.Score ? c with { DefocusAngstrom = Math.Exp(x), Score = s } : c;
        }
        return best.OrderByDescending(c => c.Score).ToList();
    }

    /// <summary>Golden-section search for the maximum of a unimodal function on [a, b].</summary>
    internal static double GoldenMax(Func<double, double> f, double a, double b, double tolerance)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a);
        double fc = f(c), fd = f(d);
        while (b - a > tolerance)
        {
            if (fc > fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
        }
        return 0.5 * (a + b);
    }
}
