using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.CtfEstimation.Spectrum;

public static partial class PowerSpectrumEstimator
{
    /// <summary>Pixels outside [Low, High] (and non-finite ones) are replaced by Fill when Any is set. When the image is
    /// one whole tile, Whole holds the tile sums PrepareTile needs (Σf, Σf·(x−c), Σf·(y−c)), gathered in the same pass.</summary>
    private readonly record struct HotPixels(bool Any, float Low, float High, float Fill, (double Sum, double SumX, double SumY)? Whole);

    /// <summary>
    /// Limits for hot pixels (further than sigma·SD from the mean) and non-finite values, which are replaced by the mean
    /// of the finite pixels as each tile is copied. One pass, row by row, gathers sum, sum of squares, minimum and
    /// maximum (and, with <paramref name="wholeRamp"/>, the plane sums of a single whole-image tile); Any says whether any
    /// pixel needs replacing, so clean images skip the test.
    /// </summary>
    private static HotPixels HotPixelLimits(Image2D image, double sigma, float[]? wholeRamp)
    {
        var pixels = image.Pixels;
        int w = image.Width, h = image.Height;
        double sum = 0, sumSq = 0, sumX = 0, sumY = 0, c = 0.5 * (h - 1);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int y = 0; y < h; y++)
        {
            var m = RowMoments(pixels.Slice(y * w, w), wholeRamp);
            sum += m.Sum;
            sumSq += m.SumSq;
            min = Math.Min(min, m.Min);
            max = Math.Max(max, m.Max);
            if (wholeRamp != null)
            {
                sumX += m.Dot;
                sumY += m.Sum * (y - c);
            }
        }
        var whole = wholeRamp != null ? (sum, sumX, sumY) : ((double, double, double)?)null;
        long count = pixels.Length;
        if (!double.IsFinite(sum) || !double.IsFinite(sumSq))
        {
            // NaN or ±∞ somewhere: statistics of the finite pixels only.
            (sum, sumSq, count) = (0, 0, 0);
            foreach (float v in pixels)
                if (float.IsFinite(v)) { sum += v; sumSq += (double)v * v; count++; }
            min = float.NaN;
        }
        double mean = count > 0 ? sum / count : 0;
        double sd = count > 0 ? Math.Sqrt(Math.Max(0, sumSq / count - mean * mean)) : 0;
        float low = float.MinValue, high = float.MaxValue;
        if (sigma > 0 && sd > 0) (low, high) = ((float)(mean - sigma * sd), (float)(mean + sigma * sd));
        bool any = !(min >= low && max <= high);
        return new HotPixels(any, low, high, (float)mean, any ? null : whole);
    }

    /// <summary>Σv, Σv², min, max and Σv·ramp of one row in a single pass (Vector512 lanes summed in float, as
    /// TensorPrimitives.Sum does, then in double; scalar tail). NaN propagates to the sums and to min/max.</summary>
    internal static (double Sum, double SumSq, float Min, float Max, double Dot) RowMoments(ReadOnlySpan<float> row, float[]? ramp)
    {
        int i = 0;
        double sum = 0, sumSq = 0, dot = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        bool nan = false;
        if (Vector512.IsHardwareAccelerated && row.Length >= 16)
        {
            ref float start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row);
            ref float weights = ref ramp == null ? ref System.Runtime.CompilerServices.Unsafe.NullRef<float>() : ref ramp[0];
            Vector512<float> s = default, q = default, d = default;
            var lo = Vector512.Create(float.PositiveInfinity);
            var hi = Vector512.Create(float.NegativeInfinity);
            var nanLanes = Vector512<float>.Zero;
            for (; i + 16 <= row.Length; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i);
                s += v;
                q = Vector512.FusedMultiplyAdd(v, v, q);
                lo = Vector512.Min(lo, v);
                hi = Vector512.Max(hi, v);
                nanLanes |= ~Vector512.Equals(v, v);
                if (ramp != null) d = Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref weights, (nuint)i), d);
            }
            sum = Vector512.Sum(s);
            sumSq = Vector512.Sum(q);
            dot = Vector512.Sum(d);
            for (int k = 0; k < 16; k++)
            {
                min = Math.Min(min, lo[k]);
                max = Math.Max(max, hi[k]);
            }
            nan = nanLanes != Vector512<float>.Zero;
        }
        for (; i < row.Length; i++)
        {
            float v = row[i];
            sum += v;
            sumSq += (double)v * v;
            if (ramp != null) dot += (double)v * ramp[i];
            if (float.IsNaN(v)) nan = true;
            else
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        return nan ? (double.NaN, double.NaN, float.NaN, float.NaN, double.NaN) : (sum, sumSq, min, max, dot);
    }

    /// <summary>Replaces values outside [low, high] and NaN by <paramref name="fill"/>, in place (SIMD with scalar tail).</summary>
    private static void ReplaceOutside(Span<float> values, float low, float high, float fill)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
            var lo = Vector256.Create(low);
            var hi = Vector256.Create(high);
            var f = Vector256.Create(fill);
            for (; i + 8 <= values.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                // NaN compares false both ways, so it is replaced too.
                var keep = Vector256.GreaterThanOrEqual(v, lo) & Vector256.LessThanOrEqual(v, hi);
                Vector256.ConditionalSelect(keep, v, f).StoreUnsafe(ref start, (nuint)i);
            }
        }
        for (; i < values.Length; i++)
            if (!(values[i] >= low && values[i] <= high)) values[i] = fill;
    }

    /// <summary>
    /// The mean and the least-squares plane slopes (per pixel) of one n×n tile at (x0, y0), hot pixels counted as the
    /// fill value; from the statistics pass when the tile is the whole image, else from one pass over the tile.
    /// </summary>
    private static (double Mean, double Bx, double By) TilePlane(Image2D image, int x0, int y0, int n, float[] ramp, bool removePlane, HotPixels hot, Span<float> rowScratch)
    {
        var src = image.Pixels;
        double sum = 0, sumX = 0, sumY = 0;
        double c = 0.5 * (n - 1);
        if (hot.Whole is { } whole) (sum, sumX, sumY) = whole;
        for (int y = 0; y < n && hot.Whole == null; y++)
        {
            ReadOnlySpan<float> row = src.Slice((y0 + y) * image.Width + x0, n);
            if (hot.Any)
            {
                var clean = rowScratch.Slice(0, n);
                row.CopyTo(clean);
                ReplaceOutside(clean, hot.Low, hot.High, hot.Fill);
                row = clean;
            }
            // The same row sums as the statistics pass, so a whole-image tile gives the same plane either way.
            var m = RowMoments(row, ramp);
            sum += m.Sum;
            sumX += m.Dot;
            sumY += m.Sum * (y - c);
        }
        double mean = sum / ((double)n * n);
        // Least-squares plane on a centred regular grid: the slopes decouple, b = Σ f·(x−c) / Σ (x−c)² (likewise y).
        double sxx = n * (n * ((double)n * n - 1) / 12.0);
        return (mean, removePlane ? sumX / sxx : 0, removePlane ? sumY / sxx : 0);
    }

    /// <summary>
    /// Row y of the prepared tile: the image row cleaned of hot pixels, minus the tile's plane, times the separable taper
    /// w(x)·w(y). <paramref name="slopeRow"/> is bx·(x − c). Thread-safe (reads the image, writes only
    /// <paramref name="row"/>), as the FFT asks for rows from several threads.
    /// </summary>
    private static void TileRow(ReadOnlySpan<float> source, Span<float> row, int y, int n, double mean, double by, ReadOnlySpan<float> slopeRow, float[] window, HotPixels hot)
    {
        double c = 0.5 * (n - 1);
        float offset = (float)(mean + by * (y - c));
        if (hot.Any)
        {
            source.CopyTo(row);
            ReplaceOutside(row, hot.Low, hot.High, hot.Fill);
            source = row;
        }
        // row = (row − offset − bx·(x − c)) · w(x) · w(y), one fused pass.
        float wy = window[y];
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
            ref float slope = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(slopeRow);
            ref float wx = ref window[0];
            ref float dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row);
            var off = Vector512.Create(offset);
            var scale = Vector512.Create(wy);
            for (; i + 16 <= n; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref src, (nuint)i) - Vector512.LoadUnsafe(ref slope, (nuint)i) - off;
                (v * Vector512.LoadUnsafe(ref wx, (nuint)i) * scale).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < n; i++) row[i] = (source[i] - slopeRow[i] - offset) * window[i] * wy;
    }

    /// <summary>x − (n−1)/2 for x = 0..n−1.</summary>
    private static float[] CentredRamp(int n)
    {
        var ramp = new float[n];
        for (int x = 0; x < n; x++) ramp[x] = (float)(x - 0.5 * (n - 1));
        return ramp;
    }

    /// <summary>
    /// Writes the centred n×n spectrum (DC at n/2) from the half-plane one of a real input (rows ky wrapped, columns
    /// kx = 0..n/2): kx ≥ 0 is a copy of row ky, kx &lt; 0 the reversed row −ky (Hermitian symmetry); every value times <paramref name="scale"/>.
    /// </summary>
    internal static void Centre(ReadOnlySpan<float> half, Span<float> centred, int n, float scale)
    {
        int h = n / 2 + 1, c = n / 2;
        for (int y = 0; y < n; y++)
        {
            int ky = y - c;
            int rowPos = ((ky % n) + n) % n, rowNeg = ((-ky % n) + n) % n;
            var dst = centred.Slice(y * n, n);
            TensorPrimitives.Multiply(half.Slice(rowPos * h, c), scale, dst.Slice(c, c));
            var left = dst.Slice(0, c);
            TensorPrimitives.Multiply(half.Slice(rowNeg * h + 1, c), scale, left);
            left.Reverse();
        }
    }

    /// <summary>
    /// Replaces the DC pixel and the central cross (|kx| ≤ w or |ky| ≤ w) by the mean of the lines just outside it (only
    /// the DC pixel, by its 8 neighbours, when w is 0), on the half plane of a real input's spectrum (rows ky wrapped,
    /// columns kx = 0..n/2); the centred pixel (kx, ky) with kx &lt; 0 is the half-plane value at (−kx, −ky), so
    /// <see cref="Centre"/> gives what cleaning the centred image would.
    /// </summary>
    internal static void RemoveCentralCrossHalfPlane(Span<float> half, int n, int w)
    {
        int c = n / 2, h = c + 1;
        int Row(int ky) => ((ky % n) + n) % n * h;
        if (w > 0 && c - w - 1 >= 0 && c + w + 1 < n)
        {
            // |kx| ≤ w in every row: the mean of the pixels at kx = ±(w+1), i.e. columns w+1 of rows ky and −ky.
            for (int ky = 0; ky < n; ky++)
            {
                float v = 0.5f * (half[Row(-ky) + w + 1] + half[Row(ky) + w + 1]);
                half.Slice(Row(ky), w + 1).Fill(v);
            }
            // |ky| ≤ w in every column (kx = 0..n/2; column n/2 stands for the centred image's kx = −n/2 column).
            for (int kx = 0; kx <= c; kx++)
            {
                float v = 0.5f * (half[Row(-(w + 1)) + kx] + half[Row(w + 1) + kx]);
                for (int ky = -w; ky <= w; ky++) half[Row(ky) + kx] = v;
            }
        }
        else
        {
            float ring = 0;
            int count = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if (dx != 0 || dy != 0)
                    {
                        ring += dx >= 0 ? half[Row(dy) + dx] : half[Row(-dy) - dx];
                        count++;
                    }
            half[0] = ring / count;
        }
    }
}
