namespace TemKit.Imaging.Display;

/// <summary>
/// Turns float pixels into 8- or 16-bit grey levels for viewing, following a <see cref="DisplayScale"/>.
/// NaN and −∞ become black, +∞ white; they never shift the percentiles.
/// </summary>
public static class DisplayScaling
{
    private const int ParallelThreshold = 1 << 18;

    /// <summary>
    /// The display window in the mapped domain (after the optional log): <c>Low</c> is shown black,
    /// <c>High</c> white. <c>Offset</c> is the finite minimum subtracted before the log (0 without log).
    /// </summary>
    public readonly record struct Window(double Low, double High, bool Log, double Offset)
    {
        /// <summary>Maps a pixel value into the window's domain.</summary>
        public double Map(double v) => Log ? Math.Log(1 + Math.Max(0, v - Offset)) : v;
    }

    /// <summary>The black and white points that <paramref name="scale"/> picks for <paramref name="pixels"/>.</summary>
    public static Window WindowFor(ReadOnlySpan<float> pixels, DisplayScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        double offset = 0;
        if (scale.Log)
        {
            var (min, _, count) = Percentiles.FiniteRange(pixels);
            offset = count == 0 ? 0 : min;
        }
        double low = scale.FixedLow ?? double.NaN, high = scale.FixedHigh ?? double.NaN;
        if (scale.FixedLow is null || scale.FixedHigh is null)
        {
            Span<double> p = stackalloc double[2];
            Percentiles.Of(pixels, [scale.LowPercentile, scale.HighPercentile], p);
            if (scale.FixedLow is null) low = p[0];
            if (scale.FixedHigh is null) high = p[1];
        }
        var w = new Window(0, 0, scale.Log, offset);
        return w with { Low = w.Map(low), High = w.Map(high) };
    }

    /// <summary>8-bit grey levels, one per pixel (0 black, 255 white); default scale: percentiles 0.5/99.5.</summary>
    public static byte[] ToGray8(ReadOnlySpan<float> pixels, DisplayScale? scale = null)
    {
        scale ??= new DisplayScale();
        var result = new byte[pixels.Length];
        ToGray8(pixels, scale, result);
        return result;
    }

    /// <summary>8-bit grey levels written into <paramref name="destination"/> (same length as <paramref name="pixels"/>).</summary>
    public static void ToGray8(ReadOnlySpan<float> pixels, DisplayScale scale, Span<byte> destination)
    {
        if (destination.Length != pixels.Length) throw new ArgumentException("destination must hold one byte per pixel", nameof(destination));
        var window = WindowFor(pixels, scale);
        Apply(pixels, window, 255, destination);
    }

    /// <summary>16-bit grey levels, one per pixel (0 black, 65535 white); default scale: percentiles 0.5/99.5.</summary>
    public static ushort[] ToGray16(ReadOnlySpan<float> pixels, DisplayScale? scale = null)
    {
        scale ??= new DisplayScale();
        var result = new ushort[pixels.Length];
        var window = WindowFor(pixels, scale);
        Apply(pixels, window, 65535, result.AsSpan());
        return result;
    }

    private static unsafe void Apply<T>(ReadOnlySpan<float> pixels, Window window, int levels, Span<T> destination)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        double lo = window.Low, hi = window.High;
        double range = hi > lo ? hi - lo : 0;
        int n = pixels.Length;
        if (n < ParallelThreshold)
        {
            Convert(pixels, destination, window, lo, range, levels);
            return;
        }
        fixed (float* src = pixels)
        fixed (T* dst = destination)
        {
            float* s = src;
            T* d = dst;
            int blocks = (n + ParallelThreshold - 1) / ParallelThreshold;
            Parallel.For(0, blocks, b =>
            {
                int start = b * ParallelThreshold, len = Math.Min(ParallelThreshold, n - start);
                Convert(new ReadOnlySpan<float>(s + start, len), new Span<T>(d + start, len), window, lo, range, levels);
            });
        }
    }

    private static void Convert<T>(ReadOnlySpan<float> src, Span<T> dst, Window window, double lo, double range, int levels)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        bool log = window.Log;
        double offset = window.Offset;
        for (int i = 0; i < src.Length; i++)
        {
            float v = src[i];
            int level;
            if (float.IsNaN(v) || float.IsNegativeInfinity(v)) level = 0;
            else if (float.IsPositiveInfinity(v)) level = levels;
            else
            {
                double x = log ? Math.Log(1 + Math.Max(0, v - offset)) : v;
                if (range == 0) level = x > lo ? levels : 0;
                else
                {
                    // (x − lo)·levels / range rather than a precomputed gain keeps exact midpoints exact.
                    double g = (x - lo) * levels / range + 0.5;
                    level = g <= 0 ? 0 : g >= levels ? levels : (int)g;
                }
            }
            dst[i] = T.CreateTruncating(level);
        }
    }
}
