using System.Numerics.Tensors;
using TemKit.Fourier;
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
    /// <summary>
    /// The image with hot pixels (outside [low, high]) and non-finite values replaced by <paramref name="fill"/>; the image
    /// itself when it has none. Done once per image, not once per overlapping tile.
    /// </summary>
    private static Image2D WithoutHotPixels(Image2D image, float low, float high, float fill)
    {
        var pixels = image.Pixels;
        bool clean = true;
        const int chunk = 1 << 16;
        for (int i = 0; i < pixels.Length && clean; i += chunk)
        {
            var part = pixels.Slice(i, Math.Min(chunk, pixels.Length - i));
            float min = TensorPrimitives.Min(part), max = TensorPrimitives.Max(part);
            clean = min >= low && max <= high && float.IsFinite(min) && float.IsFinite(max);
        }
        if (clean) return image;
        var copy = image.Clone();
        var dst = copy.Pixels;
        for (int i = 0; i < dst.Length; i++)
        {
            float v = dst[i];
            if (!(v >= low && v <= high)) dst[i] = fill;
        }
        return copy;
    }

    /// <summary>Copies one tile, removes its mean and least-squares plane, and applies the separable taper window.</summary>
    private static void PrepareTile(Image2D image, int x0, int y0, int n, float[] tile, float[] window, float[] ramp, float[] rowScratch, bool removePlane)
    {
        var src = image.Pixels;
        double sum = 0, sumX = 0, sumY = 0;
        double c = 0.5 * (n - 1);
        for (int y = 0; y < n; y++)
        {
            var dst = tile.AsSpan(y * n, n);
            src.Slice((y0 + y) * image.Width + x0, n).CopyTo(dst);
            double rowSum = TensorPrimitives.Sum<float>(dst);
            sum += rowSum;
            sumX += TensorPrimitives.Dot<float>(dst, ramp);
            sumY += rowSum * (y - c);
        }
        double mean = sum / ((double)n * n);
        // Least-squares plane on a centred regular grid: the slopes decouple, b = Σ f·(x−c) / Σ (x−c)² (likewise y).
        double sxx = n * (n * ((double)n * n - 1) / 12.0);
        double bx = removePlane ? sumX / sxx : 0, by = removePlane ? sumY / sxx : 0;
        var slopeRow = rowScratch.AsSpan(0, n);
        TensorPrimitives.Multiply<float>(ramp, (float)bx, slopeRow);
        for (int y = 0; y < n; y++)
        {
            var row = tile.AsSpan(y * n, n);
            float offset = (float)(mean + by * (y - c));
            // row = (row − offset − bx·(x − c)) · w(x) · w(y)
            TensorPrimitives.Subtract(row, slopeRow, row);
            TensorPrimitives.Subtract(row, offset, row);
            TensorPrimitives.Multiply<float>(row, window, row);
            TensorPrimitives.Multiply(row, window[y], row);
        }
    }

    /// <summary>x − (n−1)/2 for x = 0..n−1.</summary>
    private static float[] CentredRamp(int n)
    {
        var ramp = new float[n];
        for (int x = 0; x < n; x++) ramp[x] = (float)(x - 0.5 * (n - 1));
        return ramp;
    }

    /// <summary>acc += |F|² of one half-complex tile spectrum (float accumulation within one row of tiles).</summary>
    private static void AccumulatePower(ReadOnlySpan<ComplexF> spectrum, Span<float> acc)
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<ComplexF, float>(spectrum);
        for (int i = 0; i < acc.Length; i++)
        {
            float re = values[2 * i], im = values[2 * i + 1];
            acc[i] += re * re + im * im;
        }
    }

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
