namespace TemKit.CtfEstimation.Fitting;

/// <summary>Nelder–Mead downhill simplex (Nelder &amp; Mead 1965; standard coefficients 1, 2, ½, ½) maximising a function.</summary>
internal static class NelderMead
{
    /// <summary>Maximises <paramref name="f"/> from <paramref name="start"/> with initial steps <paramref name="steps"/>.</summary>
    public static (double[] X, double Value) Maximise(Func<double[], double> f, double[] start, double[] steps, double tolerance = 1e-7, int maxEvaluations = 600)
    {
        int n = start.Length;
        var pts = new double[n + 1][];
        var val = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            pts[i] = (double[])start.Clone();
            if (i > 0) pts[i][i - 1] += steps[i - 1];
            val[i] = -f(pts[i]);
        }
        int evaluations = n + 1;
        var centroid = new double[n];
        var trial = new double[n];
        var trial2 = new double[n];
        while (evaluations < maxEvaluations)
        {
            Array.Sort(val, pts);
            if (Math.Abs(val[n] - val[0]) <= tolerance * (Math.Abs(val[0]) + Math.Abs(val[n]) + 1e-12)) break;
            Array.Clear(centroid);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
            Blend(centroid, pts[n], -1, trial);
            double fr = -f(trial); evaluations++;
            if (fr < val[0])
            {
                Blend(centroid, pts[n], -2, trial2);
                double fe = -f(trial2); evaluations++;
                if (fe < fr) Accept(pts, val, n, trial2, fe); else Accept(pts, val, n, trial, fr);
            }
            else if (fr < val[n - 1])
            {
                Accept(pts, val, n, trial, fr);
            }
            else
            {
                bool outside = fr < val[n];
                Blend(centroid, outside ? trial : pts[n], 0.5, trial2);
                double fc = -f(trial2); evaluations++;
                if (fc < Math.Min(fr, val[n])) Accept(pts, val, n, trial2, fc);
                else
                {
                    for (int i = 1; i <= n; i++)
                    {
                        for (int j = 0; j < n; j++) pts[i][j] = pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]);
                        val[i] = -f(pts[i]); evaluations++;
                    }
                }
            }
        }
        Array.Sort(val, pts);
        return (pts[0], -val[0]);
    }

    /// <summary>result = c + t (p − c).</summary>
    private static void Blend(double[] c, double[] p, double t, double[] result)
    {
        for (int j = 0; j < c.Length; j++) result[j] = c[j] + t * (p[j] - c[j]);
    }

    private static void Accept(double[][] pts, double[] val, int n, double[] x, double v)
    {
        Array.Copy(x, pts[n], x.Length);
        val[n] = v;
    }
}
