using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

/// <summary>Plain double-precision reference implementations and finite-difference helpers for the neural tests.</summary>
internal static class Reference
{
    public static Tensor Random(Random rng, int n, int c, int h, int w, double scale = 1)
    {
        var t = Tensor.Uninitialised(n, c, h, w);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = (float)(scale * (2 * rng.NextDouble() - 1));
        return t;
    }

    /// <summary>Mirror index without edge repeat, by repeated reflection (independent of the library's modular form).</summary>
    public static int ReflectIndex(int i, int n)
    {
        if (n == 1) return 0;
        while (i < 0 || i >= n)
        {
            if (i < 0) i = -i;
            if (i >= n) i = 2 * (n - 1) - i;
        }
        return i;
    }

    /// <summary>Naive dilated convolution (cross-correlation), "same" size, zero or reflect padding, in double.</summary>
    public static double[] Conv(Tensor x, float[] weight, float[]? bias, int cout, int k, int d, bool reflect)
    {
        int h = x.H, w = x.W, cin = x.C, half = k / 2;
        var y = new double[x.N * cout * h * w];
        for (int n = 0; n < x.N; n++)
            for (int o = 0; o < cout; o++)
                for (int py = 0; py < h; py++)
                    for (int px = 0; px < w; px++)
                    {
                        double s = bias?[o] ?? 0;
                        for (int i = 0; i < cin; i++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int sy = py + (ky - half) * d, sx = px + (kx - half) * d;
                                    if (reflect) { sy = ReflectIndex(sy, h); sx = ReflectIndex(sx, w); }
                                    else if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
                                    s += weight[((o * cin + i) * k + ky) * k + kx] * (double)x[n, i, sy, sx];
                                }
                        y[((n * cout + o) * h + py) * w + px] = s;
                    }
        return y;
    }

    /// <summary>Σ r·y in double: a scalar "loss" whose gradient with respect to y is r.</summary>
    public static double Project(Tensor y, Tensor r)
    {
        double s = 0;
        var a = y.Span;
        var b = r.Span;
        for (int i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }

    /// <summary>Asserts analytic ≈ numeric with a tolerance relative to the larger of the two and a floor.</summary>
    public static void AssertClose(double numeric, double analytic, double relative, double floor, string what)
    {
        double tol = relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic)) + floor;
        Assert.True(Math.Abs(numeric - analytic) <= tol, $"{what}: numeric {numeric:G6} vs analytic {analytic:G6}");
    }

    /// <summary>Central difference of f with respect to values[i] (restored afterwards).</summary>
    public static double Central(float[] values, int i, float eps, Func<double> f)
    {
        float keep = values[i];
        values[i] = keep + eps;
        double plus = f();
        values[i] = keep - eps;
        double minus = f();
        values[i] = keep;
        return (plus - minus) / (2.0 * eps);
    }

    /// <summary>
    /// Checks every (stride)-th weight gradient that <see cref="TemKit.Neural.Models.ISegmentationNetwork.AccumulateGradients"/>
    /// accumulates against central differences of the loss it returns.
    /// </summary>
    public static void AssertGradientsMatchFiniteDifferences(TemKit.Neural.Models.ISegmentationNetwork net, Tensor x, Tensor t, float eps, double relative, double floor, int samplesPerParameter, string what)
    {
        foreach (var p in net.Parameters) p.ZeroGrad();
        net.AccumulateGradients(x, t);
        var analytic = net.Parameters.Select(p => (float[])p.Grad.Clone()).ToArray();
        double Loss()
        {
            double l = net.AccumulateGradients(x, t);
            foreach (var p in net.Parameters) p.ZeroGrad();
            return l;
        }
        for (int pi = 0; pi < net.Parameters.Count; pi++)
        {
            var p = net.Parameters[pi];
            for (int i = 0; i < p.Value.Length; i += 1 + p.Value.Length / samplesPerParameter)
                AssertClose(Central(p.Value, i, eps, Loss), analytic[pi][i], relative, floor, $"{what} {p.Name}[{i}]");
        }
    }
}
