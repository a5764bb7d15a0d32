using TemKit.Fourier;

namespace TemKit.Pipelines.Species;

/// <summary>
/// Registers the frames of a focal series to its middle frame. Images at defoci either side of focus have reversed
/// phase contrast, so the shift is the peak of |cross-correlation| (band-passed), searched within a small window: a
/// crystal lattice correlates at every lattice translation, and only drift smaller than half a column spacing is
/// recoverable without ambiguity.
/// </summary>
public static class TripletRegistration
{
    /// <summary>The (x, y) displacement in px of <paramref name="moving"/>'s content relative to <paramref name="reference"/>,
    /// within ±<paramref name="maxShiftPixels"/>, with parabolic sub-pixel refinement.</summary>
    public static (double X, double Y) Shift(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int width, int height, int maxShiftPixels)
    {
        if (reference.Length != width * height || moving.Length != width * height) throw new ArgumentException("frames differ in size");
        int half = width / 2 + 1;
        var fa = new ComplexF[half * height];
        var fb = new ComplexF[half * height];
        Fft.Default.ForwardReal(reference, fa, width, height);
        Fft.Default.ForwardReal(moving, fb, width, height);
        for (int y = 0; y < height; y++)
        {
            double ky = (y <= height / 2 ? y : y - height) / (double)height;
            for (int x = 0; x < half; x++)
            {
                double kx = x / (double)width, k2 = kx * kx + ky * ky;
                // Drop the mean (k = 0) and damp shot noise with a Gaussian of σ = 0.25 cycles/px (half of Nyquist).
                double filter = k2 == 0 ? 0 : Math.Exp(-k2 / (2 * 0.25 * 0.25));
                var p = fb[y * half + x];
                var q = fa[y * half + x];
                fa[y * half + x] = new ComplexF((float)((p.Re * q.Re + p.Im * q.Im) * filter), (float)((p.Im * q.Re - p.Re * q.Im) * filter));
            }
        }
        var cc = new float[width * height];
        Fft.Default.InverseReal(fa, cc, width, height);
        float At(int dx, int dy) => Math.Abs(cc[((dy % height + height) % height) * width + (dx % width + width) % width]);
        int m = Math.Min(maxShiftPixels, Math.Min(width, height) / 2 - 1);
        int bx = 0, by = 0;
        float best = float.NegativeInfinity;
        for (int dy = -m; dy <= m; dy++)
            for (int dx = -m; dx <= m; dx++)
                if (At(dx, dy) > best) { best = At(dx, dy); bx = dx; by = dy; }
        return (bx + Parabola(At(bx - 1, by), best, At(bx + 1, by)), by + Parabola(At(bx, by - 1), best, At(bx, by + 1)));
    }

    private static double Parabola(double left, double centre, double right)
    {
        double d = left - 2 * centre + right;
        return d < 0 ? Math.Clamp(0.5 * (left - right) / d, -0.5, 0.5) : 0;
    }

    /// <summary>Shifts <paramref name="pixels"/> (periodically) by (−dx, −dy) px in place, undoing a displacement of (dx, dy),
    /// with a Fourier phase ramp (exact for sub-pixel shifts of band-limited images).</summary>
    public static void Undo(Span<float> pixels, int width, int height, double dx, double dy)
    {
        if (dx == 0 && dy == 0) return;
        int half = width / 2 + 1;
        var f = new ComplexF[half * height];
        Fft.Default.ForwardReal(pixels, f, width, height);
        for (int y = 0; y < height; y++)
        {
            double ky = (y <= height / 2 ? y : y - height) / (double)height;
            for (int x = 0; x < half; x++)
            {
                double kx = x / (double)width;
                double phase = 2 * Math.PI * (kx * dx + ky * dy);
                float c = (float)Math.Cos(phase), s = (float)Math.Sin(phase);
                var v = f[y * half + x];
                f[y * half + x] = new ComplexF(v.Re * c - v.Im * s, v.Re * s + v.Im * c);
            }
        }
        Fft.Default.InverseReal(f, pixels, width, height);
    }
}
