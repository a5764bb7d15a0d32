using System.Numerics.Tensors;
using TemKit.Imaging;

namespace TemKit.CtfEstimation.Spectrum;

public static partial class PowerSpectrumEstimator
{
    /// <summary>Mean ± sigma·SD limits for hot-pixel replacement (infinite when disabled or degenerate).</summary>
    private static (float Low, float High, float Fill) HotPixelLimits(ReadOnlySpan<float> pixels, double sigma)
    {
        double sum = 0, sumSq = 0;
        const int chunk = 1 << 16;
        for (int i = 0; i < pixels.Length; i += chunk)
        {
            var part = pixels.Slice(i, Math.Min(chunk, pixels.Length - i));
            sum += TensorPrimitives.Sum(part);
            sumSq += TensorPrimitives.SumOfSquares(part);
        }
        double mean = sum / pixels.Length;
        double sd = Math.Sqrt(Math.Max(0, sumSq / pixels.Length - mean * mean));
        if (sigma <= 0 || !(sd > 0)) return (float.NegativeInfinity, float.PositiveInfinity, (float)mean);
        return ((float)(mean - sigma * sd), (float)(mean + sigma * sd), (float)mean);
    }

    /// <summary>Copies one tile, replaces hot pixels, removes its mean or best plane, and applies the taper.</summary>
    private static void PrepareTile(Image2D image, int x0, int y0, int n, float[] tile, float low, float high, float fill, float[] window, bool removePlane)
    {
        var src = image.Pixels;
        double sum = 0, sumX = 0, sumY = 0;
        double c = 0.5 * (n - 1);
        for (int y = 0; y < n; y++)
        {
            var dst = tile.AsSpan(y * n, n);
            src.Slice((y0 + y) * image.Width + x0, n).CopyTo(dst);
            double rowSum = 0, rowX = 0;
            for (int x = 0; x < n; x++)
            {
                float v = dst[x];
                if (v < low || v > high || !float.IsFinite(v)) dst[x] = v = fill;
                rowSum += v;
                rowX += v * (x - c);
            }
            sum += rowSum;
            sumX += rowX;
            sumY += rowSum * (y - c);
        }
        double mean = sum / ((double)n * n);
        // Least-squares plane on a centred regular grid: the slopes decouple, b = Σ f·(x−c) / Σ (x−c)² (likewise y).
        double sxx = n * (n * ((double)n * n - 1) / 12.0);
        double bx = removePlane ? sumX / sxx : 0, by = removePlane ? sumY / sxx : 0;
        for (int y = 0; y < n; y++)
        {
            var row = tile.AsSpan(y * n, n);
            float wy = window[y];
            float offset = (float)(mean + by * (y - c));
            float slope = (float)bx;
            for (int x = 0; x < n; x++)
                row[x] = (row[x] - offset - slope * (float)(x - c)) * window[x] * wy;
        }
    }

    /// <summary>Unfolds the half-complex accumulator (ky in FFT order, kx ≥ 0) into a full centred image, using |F(−k)| = |F(k)|.</summary>
    private static void Centre(double[] half, Span<float> centred, int n, double norm)
    {
        int h = n / 2 + 1, c = n / 2;
        for (int y = 0; y < n; y++)
        {
            int ky = y - c;
            int rowPos = ((ky % n) + n) % n, rowNeg = ((-ky % n) + n) % n;
            var dst = centred.Slice(y * n, n);
            for (int x = 0; x < n; x++)
            {
                int kx = x - c;
                dst[x] = (float)(norm * (kx >= 0 ? half[rowPos * h + kx] : half[rowNeg * h - kx]));
            }
        }
    }

    /// <summary>Replaces the DC pixel and the central cross (|kx| ≤ w or |ky| ≤ w) by the mean of the lines just outside it.</summary>
    internal static void RemoveCentralCross(Span<float> s, int n, int w)
    {
        int c = n / 2;
        if (w > 0 && c - w - 1 >= 0 && c + w + 1 < n)
        {
            for (int y = 0; y < n; y++)
            {
                var row = s.Slice(y * n, n);
                float v = 0.5f * (row[c - w - 1] + row[c + w + 1]);
                for (int x = c - w; x <= c + w; x++) row[x] = v;
            }
            for (int x = 0; x < n; x++)
            {
                float v = 0.5f * (s[(c - w - 1) * n + x] + s[(c + w + 1) * n + x]);
                for (int y = c - w; y <= c + w; y++) s[y * n + x] = v;
            }
        }
        else
        {
            float ring = 0;
            int count = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if ((dx != 0 || dy != 0) && c + dy < n && c + dx < n) { ring += s[(c + dy) * n + c + dx]; count++; }
            s[c * n + c] = ring / count;
        }
    }
}
