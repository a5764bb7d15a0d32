using TemKit.Fourier.Registration;
using TemKit.Fourier;

namespace TemKit.Tomography.Alignment;

/// <summary>Image resampling and correlation used by the coarse alignment.</summary>
internal static class ImageOps
{
    /// <summary>
    /// dst(p) = src(c + M⁻¹(p − c − t)): the image rotated by <paramref name="angleDegrees"/> (counter-clockwise, x right,
    /// y up the rows), stretched along x by <paramref name="stretchX"/> after rotation, then moved by t; bilinear, the mean outside.
    /// </summary>
    public static float[] Transform(ReadOnlySpan<float> src, int w, int h, double angleDegrees, double stretchX, double tx, double ty)
    {
        var s = src.ToArray();
        float fill = (float)s.Average();
        var dst = new float[w * h];
        double a = angleDegrees * Math.PI / 180, c = Math.Cos(a), sn = Math.Sin(a), cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
            {
                double px = (x - cx - tx) / stretchX, py = y - cy - ty;
                // inverse rotation
                double sx = c * px + sn * py + cx, sy = -sn * px + c * py + cy;
                int ix = (int)Math.Floor(sx), iy = (int)Math.Floor(sy);
                if (ix < 0 || iy < 0 || ix >= w - 1 || iy >= h - 1) { dst[y * w + x] = fill; continue; }
                double fx = sx - ix, fy = sy - iy;
                int i = iy * w + ix;
                dst[y * w + x] = (float)((1 - fy) * ((1 - fx) * s[i] + fx * s[i + 1]) + fy * ((1 - fx) * s[i + w] + fx * s[i + w + 1]));
            }
        });
        return dst;
    }

    /// <summary>Mean removed, then a cosine taper over the outer 10% of each edge.</summary>
    public static float[] Taper(ReadOnlySpan<float> src, int w, int h)
    {
        var d = src.ToArray();
        float mean = (float)d.Average();
        int bx = Math.Max(1, w / 10), by = Math.Max(1, h / 10);
        for (int y = 0; y < h; y++)
        {
            double wy = Edge(y, h, by);
            for (int x = 0; x < w; x++) d[y * w + x] = (float)((d[y * w + x] - mean) * wy * Edge(x, w, bx));
        }
        return d;
        static double Edge(int i, int n, int b) => i < b ? 0.5 - 0.5 * Math.Cos(Math.PI * (i + 0.5) / b) : i >= n - b ? 0.5 - 0.5 * Math.Cos(Math.PI * (n - i - 0.5) / b) : 1;
    }

    /// <summary>
    /// Displacement (x, y) of <paramref name="moving"/>'s content relative to <paramref name="reference"/> from the band-passed
    /// cross-correlation peak (parabolic sub-pixel), searched within ±<paramref name="maxShift"/> px; also the peak height.
    /// </summary>
    public static (double X, double Y, double Peak) Shift(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int w, int h, double lowPass, double highPass, int maxShift)
    {
        var s = ImageShift.Estimate(reference, moving, w, h, new ShiftOptions
        {
            MaxShiftPx = maxShift, LowPassCyclesPerPixel = lowPass, HighPassCyclesPerPixel = highPass, ClampSubPixel = false,
        });
        return (s.X, s.Y, s.Peak);
    }
}
