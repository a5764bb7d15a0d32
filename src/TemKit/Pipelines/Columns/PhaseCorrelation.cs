using TemKit.Fourier;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// Translation between two frames by phase correlation (Kuglin &amp; Hines 1975): the inverse transform of the normalised
/// cross-power spectrum F_m·conj(F_r)/|F_m·F_r| peaks at the displacement of the moving frame's content. The frames are
/// mean-removed and Hann-windowed first; a Gaussian low-pass weight damps the noise-dominated high frequencies; the peak is
/// refined by a parabola through the logarithms of its neighbours (sub-pixel).
/// </summary>
public static class PhaseCorrelation
{
    /// <summary>Displacement (x, y) in px of <paramref name="moving"/>'s content relative to <paramref name="reference"/>,
    /// searched within ±<paramref name="maxShiftPx"/> px; <paramref name="lowPassCyclesPerPixel"/> is the standard deviation
    /// of the Gaussian weight on the spatial frequency (cycles/px; 0.5 = Nyquist).</summary>
    public static (double X, double Y) Shift(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int w, int h, int maxShiftPx, double lowPassCyclesPerPixel = 0.15)
    {
        if (reference.Length != w * h || moving.Length != w * h) throw new ArgumentException($"frames must both hold {w}x{h} values");
        if (!(lowPassCyclesPerPixel > 0)) throw new ArgumentException($"low-pass must be > 0 cycles/px, got {lowPassCyclesPerPixel}");
        int half = w / 2 + 1;
        var fr = new ComplexF[half * h];
        var fm = new ComplexF[half * h];
        Fft.Default.ForwardReal(Windowed(reference, w, h), fr, w, h);
        Fft.Default.ForwardReal(Windowed(moving, w, h), fm, w, h);
        double inv2s2 = 1 / (2 * lowPassCyclesPerPixel * lowPassCyclesPerPixel);
        for (int y = 0; y < h; y++)
        {
            double ky = (y <= h / 2 ? y : y - h) / (double)h;
            for (int x = 0; x < half; x++)
            {
                double kx = x / (double)w;
                var p = fm[y * half + x];
                var q = fr[y * half + x];
                double re = p.Re * q.Re + p.Im * q.Im, im = p.Im * q.Re - p.Re * q.Im, mag = Math.Sqrt(re * re + im * im);
                double weight = mag > 0 ? Math.Exp(-(kx * kx + ky * ky) * inv2s2) / mag : 0;
                fr[y * half + x] = new ComplexF((float)(re * weight), (float)(im * weight));
            }
        }
        var surface = new float[w * h];
        Fft.Default.InverseReal(fr, surface, w, h);
        int reach = Math.Clamp(maxShiftPx, 0, Math.Min(w, h) / 2 - 1);
        int bx = 0, by = 0;
        float best = float.NegativeInfinity;
        for (int dy = -reach; dy <= reach; dy++)
            for (int dx = -reach; dx <= reach; dx++)
            {
                float v = surface[Wrap(dy, h) * w + Wrap(dx, w)];
                if (v > best) { best = v; bx = dx; by = dy; }
            }
        double sx = bx + Vertex(surface[Wrap(by, h) * w + Wrap(bx - 1, w)], best, surface[Wrap(by, h) * w + Wrap(bx + 1, w)]);
        double sy = by + Vertex(surface[Wrap(by - 1, h) * w + Wrap(bx, w)], best, surface[Wrap(by + 1, h) * w + Wrap(bx, w)]);
        return (sx, sy);
    }

    private static float[] Windowed(ReadOnlySpan<float> src, int w, int h)
    {
        double mean = 0;
        foreach (float v in src) mean += v;
        mean /= src.Length;
        var dst = new float[w * h];
        var wx = new double[w];
        for (int x = 0; x < w; x++) wx[x] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (x + 0.5) / w);
        for (int y = 0; y < h; y++)
        {
            double wy = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (y + 0.5) / h);
            for (int x = 0; x < w; x++) dst[y * w + x] = (float)((src[y * w + x] - mean) * wy * wx[x]);
        }
        return dst;
    }

    // The low-pass weight makes the peak a Gaussian, so the parabola goes through log values when they exist.
    private static double Vertex(float m, float c, float p)
    {
        double a = m, b = c, d = p;
        if (m > 0 && c > 0 && p > 0) { a = Math.Log(m); b = Math.Log(c); d = Math.Log(p); }
        double den = a - 2 * b + d;
        return den < 0 ? Math.Clamp(0.5 * (a - d) / den, -0.5, 0.5) : 0;
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;
}
