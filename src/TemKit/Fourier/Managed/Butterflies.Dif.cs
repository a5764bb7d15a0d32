using System.Runtime.CompilerServices;
namespace TemKit.Fourier.Managed;

internal static partial class Butterflies
{
    /// <summary>
    /// One radix-8 decimation-in-frequency pass over a length n = 8m transform: y_s[j] = ω_n^{js} Σ_t x[j + m t] ω_8^{ts},
    /// stored at (s m + j), so that X[8k + s] is the m-point DFT of y_s (Cooley and Tukey, Math. Comp. 19, 297 (1965),
    /// decimation in frequency). Each y_s is then a small transform that stays in cache.
    /// <paramref name="twRe"/>[j*7 + s-1] = cos(-2π j s/n), likewise <paramref name="twIm"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Radix8Dif<T>(ref float sRe, ref float sIm, ref float dRe, ref float dIm, int m, float[] twRe, float[] twIm)
        where T : struct, ISimd<T>
    {
        const int lanes = FftPlan1D.Lanes;
        nint block = (nint)m * lanes;
        T h = T.Broadcast(0.70710678118654752f);
        for (int j = 0; j < m; j++)
        {
            nint i0 = (nint)j * lanes;
            int t = 7 * j;
            for (nint q = i0; q < i0 + lanes; q += T.Count)
            {
                T x0r = T.Load(ref sRe, q), x0i = T.Load(ref sIm, q);
                T x1r = T.Load(ref sRe, block + q), x1i = T.Load(ref sIm, block + q);
                T x2r = T.Load(ref sRe, 2 * block + q), x2i = T.Load(ref sIm, 2 * block + q);
                T x3r = T.Load(ref sRe, 3 * block + q), x3i = T.Load(ref sIm, 3 * block + q);
                T x4r = T.Load(ref sRe, 4 * block + q), x4i = T.Load(ref sIm, 4 * block + q);
                T x5r = T.Load(ref sRe, 5 * block + q), x5i = T.Load(ref sIm, 5 * block + q);
                T x6r = T.Load(ref sRe, 6 * block + q), x6i = T.Load(ref sIm, 6 * block + q);
                T x7r = T.Load(ref sRe, 7 * block + q), x7i = T.Load(ref sIm, 7 * block + q);
                T a0r = x0r + x4r, a0i = x0i + x4i, b0r = x0r - x4r, b0i = x0i - x4i;
                T a1r = x1r + x5r, a1i = x1i + x5i, b1r = x1r - x5r, b1i = x1i - x5i;
                T a2r = x2r + x6r, a2i = x2i + x6i, b2r = x2r - x6r, b2i = x2i - x6i;
                T a3r = x3r + x7r, a3i = x3i + x7i, b3r = x3r - x7r, b3i = x3i - x7i;
                T c1r = (b1r + b1i) * h, c1i = (b1i - b1r) * h;
                T c2r = b2i, c2i = default(T) - b2r;
                T c3r = (b3i - b3r) * h, c3i = default(T) - (b3r + b3i) * h;
                Dft4Values(a0r, a0i, a1r, a1i, a2r, a2i, a3r, a3i, out T y0r, out T y0i, out T y2r, out T y2i, out T y4r, out T y4i, out T y6r, out T y6i);
                Dft4Values(b0r, b0i, c1r, c1i, c2r, c2i, c3r, c3i, out T y1r, out T y1i, out T y3r, out T y3i, out T y5r, out T y5i, out T y7r, out T y7i);
                Rotate(ref y1r, ref y1i, T.Broadcast(twRe[t]), T.Broadcast(twIm[t]));
                Rotate(ref y2r, ref y2i, T.Broadcast(twRe[t + 1]), T.Broadcast(twIm[t + 1]));
                Rotate(ref y3r, ref y3i, T.Broadcast(twRe[t + 2]), T.Broadcast(twIm[t + 2]));
                Rotate(ref y4r, ref y4i, T.Broadcast(twRe[t + 3]), T.Broadcast(twIm[t + 3]));
                Rotate(ref y5r, ref y5i, T.Broadcast(twRe[t + 4]), T.Broadcast(twIm[t + 4]));
                Rotate(ref y6r, ref y6i, T.Broadcast(twRe[t + 5]), T.Broadcast(twIm[t + 5]));
                Rotate(ref y7r, ref y7i, T.Broadcast(twRe[t + 6]), T.Broadcast(twIm[t + 6]));
                T.Store(y0r, ref dRe, q); T.Store(y0i, ref dIm, q);
                T.Store(y1r, ref dRe, block + q); T.Store(y1i, ref dIm, block + q);
                T.Store(y2r, ref dRe, 2 * block + q); T.Store(y2i, ref dIm, 2 * block + q);
                T.Store(y3r, ref dRe, 3 * block + q); T.Store(y3i, ref dIm, 3 * block + q);
                T.Store(y4r, ref dRe, 4 * block + q); T.Store(y4i, ref dIm, 4 * block + q);
                T.Store(y5r, ref dRe, 5 * block + q); T.Store(y5i, ref dIm, 5 * block + q);
                T.Store(y6r, ref dRe, 6 * block + q); T.Store(y6i, ref dIm, 6 * block + q);
                T.Store(y7r, ref dRe, 7 * block + q); T.Store(y7i, ref dIm, 7 * block + q);
            }
        }
    }

    /// <summary>Forward 4-point DFT of (c0..c3) returned as (y0..y3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dft4Values<T>(T c0r, T c0i, T c1r, T c1i, T c2r, T c2i, T c3r, T c3i,
        out T y0r, out T y0i, out T y1r, out T y1i, out T y2r, out T y2i, out T y3r, out T y3i) where T : struct, ISimd<T>
    {
        T t0r = c0r + c2r, t0i = c0i + c2i, t1r = c0r - c2r, t1i = c0i - c2i;
        T t2r = c1r + c3r, t2i = c1i + c3i, t3r = c1r - c3r, t3i = c1i - c3i;
        y0r = t0r + t2r; y0i = t0i + t2i;
        y1r = t1r + t3i; y1i = t1i - t3r;
        y2r = t0r - t2r; y2i = t0i - t2i;
        y3r = t1r - t3i; y3i = t1i + t3r;
    }
}
