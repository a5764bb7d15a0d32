using System.Runtime.CompilerServices;

namespace TemKit.Fourier.Managed;

/// <summary>
/// One Stockham autosort pass of a batched forward DFT (Van Loan, "Computational Frameworks for the FFT", 1992, §1.7):
/// with L the length already combined and r = n/(L p), output (k + L s, q) = Σ_j ω_p^{js} ω_{Lp}^{jk} input(k p + j, q).
/// Every element is <see cref="FftPlan1D.Lanes"/> independent transforms stored next to each other in split re/im
/// arrays, so the innermost loop (over q and lanes, rB = r·Lanes floats) is contiguous and fully vectorised.
/// Twiddles of a pass are stored as tw[k (p-1) + j-1] = exp(-2πi j k/(L p)).
/// </summary>
internal static class Butterflies
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rotate<T>(ref T re, ref T im, T wr, T wi) where T : struct, ISimd<T>
    {
        T r = re * wr - im * wi;
        im = T.MulAdd(re, wi, im * wr);
        re = r;
    }

    public static void Radix2<T>(ref float sRe, ref float sIm, ref float dRe, ref float dIm, int l, int rB, float[] twRe, float[] twIm)
        where T : struct, ISimd<T>
    {
        nint outStride = (nint)l * rB;
        for (int k = 0; k < l; k++)
        {
            nint i0 = (nint)k * 2 * rB, i1 = i0 + rB, o0 = (nint)k * rB, o1 = o0 + outStride;
            bool twiddle = k != 0;
            T wr = T.Broadcast(twRe[k]), wi = T.Broadcast(twIm[k]);
            for (nint q = 0; q < rB; q += T.Count)
            {
                T ar = T.Load(ref sRe, i0 + q), ai = T.Load(ref sIm, i0 + q);
                T br = T.Load(ref sRe, i1 + q), bi = T.Load(ref sIm, i1 + q);
                if (twiddle) Rotate(ref br, ref bi, wr, wi);
                T.Store(ar + br, ref dRe, o0 + q); T.Store(ai + bi, ref dIm, o0 + q);
                T.Store(ar - br, ref dRe, o1 + q); T.Store(ai - bi, ref dIm, o1 + q);
            }
        }
    }

    public static void Radix4<T>(ref float sRe, ref float sIm, ref float dRe, ref float dIm, int l, int rB, float[] twRe, float[] twIm)
        where T : struct, ISimd<T>
    {
        nint outStride = (nint)l * rB;
        Radix4Block<T>(ref sRe, ref sIm, ref dRe, ref dIm, 0, 0, rB, outStride, false, default, default, default, default, default, default);
        for (int k = 1; k < l; k++)
        {
            int t = 3 * k;
            Radix4Block(ref sRe, ref sIm, ref dRe, ref dIm, (nint)k * 4 * rB, (nint)k * rB, rB, outStride, true,
                T.Broadcast(twRe[t]), T.Broadcast(twIm[t]), T.Broadcast(twRe[t + 1]), T.Broadcast(twIm[t + 1]),
                T.Broadcast(twRe[t + 2]), T.Broadcast(twIm[t + 2]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Radix4Block<T>(ref float sRe, ref float sIm, ref float dRe, ref float dIm, nint i0, nint o0, int rB, nint os,
        bool twiddle, T w1r, T w1i, T w2r, T w2i, T w3r, T w3i) where T : struct, ISimd<T>
    {
        nint i1 = i0 + rB, i2 = i1 + rB, i3 = i2 + rB;
        nint o1 = o0 + os, o2 = o1 + os, o3 = o2 + os;
        for (nint q = 0; q < rB; q += T.Count)
        {
            T ar = T.Load(ref sRe, i0 + q), ai = T.Load(ref sIm, i0 + q);
            T br = T.Load(ref sRe, i1 + q), bi = T.Load(ref sIm, i1 + q);
            T cr = T.Load(ref sRe, i2 + q), ci = T.Load(ref sIm, i2 + q);
            T dr = T.Load(ref sRe, i3 + q), di = T.Load(ref sIm, i3 + q);
            if (twiddle)
            {
                Rotate(ref br, ref bi, w1r, w1i);
                Rotate(ref cr, ref ci, w2r, w2i);
                Rotate(ref dr, ref di, w3r, w3i);
            }
            T t0r = ar + cr, t0i = ai + ci, t1r = ar - cr, t1i = ai - ci;
            T t2r = br + dr, t2i = bi + di, t3r = br - dr, t3i = bi - di;
            T.Store(t0r + t2r, ref dRe, o0 + q); T.Store(t0i + t2i, ref dIm, o0 + q);
            T.Store(t1r + t3i, ref dRe, o1 + q); T.Store(t1i - t3r, ref dIm, o1 + q);
            T.Store(t0r - t2r, ref dRe, o2 + q); T.Store(t0i - t2i, ref dIm, o2 + q);
            T.Store(t1r - t3i, ref dRe, o3 + q); T.Store(t1i + t3r, ref dIm, o3 + q);
        }
    }

    /// <summary>
    /// Radix 8 as a radix-2 step then two radix-4 butterflies: a_j = x_j + x_{j+4} gives the even outputs,
    /// b_j = (x_j − x_{j+4}) ω8^j the odd ones, ω8 = exp(-iπ/4). Twiddles are broadcast from memory in the loop.
    /// </summary>
    public static void Radix8<T>(ref float sRe, ref float sIm, ref float dRe, ref float dIm, int l, int rB, float[] twRe, float[] twIm)
        where T : struct, ISimd<T>
    {
        nint os = (nint)l * rB;
        T h = T.Broadcast(0.70710678118654752f);
        for (int k = 0; k < l; k++)
        {
            nint i0 = (nint)k * 8 * rB, o0 = (nint)k * rB;
            int t = 7 * k;
            bool twiddle = k != 0;
            for (nint q = 0; q < rB; q += T.Count)
            {
                T x0r = T.Load(ref sRe, i0 + q), x0i = T.Load(ref sIm, i0 + q);
                T x1r = T.Load(ref sRe, i0 + rB + q), x1i = T.Load(ref sIm, i0 + rB + q);
                T x2r = T.Load(ref sRe, i0 + 2 * rB + q), x2i = T.Load(ref sIm, i0 + 2 * rB + q);
                T x3r = T.Load(ref sRe, i0 + 3 * rB + q), x3i = T.Load(ref sIm, i0 + 3 * rB + q);
                T x4r = T.Load(ref sRe, i0 + 4 * rB + q), x4i = T.Load(ref sIm, i0 + 4 * rB + q);
                T x5r = T.Load(ref sRe, i0 + 5 * rB + q), x5i = T.Load(ref sIm, i0 + 5 * rB + q);
                T x6r = T.Load(ref sRe, i0 + 6 * rB + q), x6i = T.Load(ref sIm, i0 + 6 * rB + q);
                T x7r = T.Load(ref sRe, i0 + 7 * rB + q), x7i = T.Load(ref sIm, i0 + 7 * rB + q);
                if (twiddle)
                {
                    Rotate(ref x1r, ref x1i, T.Broadcast(twRe[t]), T.Broadcast(twIm[t]));
                    Rotate(ref x2r, ref x2i, T.Broadcast(twRe[t + 1]), T.Broadcast(twIm[t + 1]));
                    Rotate(ref x3r, ref x3i, T.Broadcast(twRe[t + 2]), T.Broadcast(twIm[t + 2]));
                    Rotate(ref x4r, ref x4i, T.Broadcast(twRe[t + 3]), T.Broadcast(twIm[t + 3]));
                    Rotate(ref x5r, ref x5i, T.Broadcast(twRe[t + 4]), T.Broadcast(twIm[t + 4]));
                    Rotate(ref x6r, ref x6i, T.Broadcast(twRe[t + 5]), T.Broadcast(twIm[t + 5]));
                    Rotate(ref x7r, ref x7i, T.Broadcast(twRe[t + 6]), T.Broadcast(twIm[t + 6]));
                }
                T a0r = x0r + x4r, a0i = x0i + x4i, b0r = x0r - x4r, b0i = x0i - x4i;
                T a1r = x1r + x5r, a1i = x1i + x5i, b1r = x1r - x5r, b1i = x1i - x5i;
                T a2r = x2r + x6r, a2i = x2i + x6i, b2r = x2r - x6r, b2i = x2i - x6i;
                T a3r = x3r + x7r, a3i = x3i + x7i, b3r = x3r - x7r, b3i = x3i - x7i;
                // b1 ω8 = ((r + i)/√2, (i − r)/√2); b2 ω8² = (i, −r); b3 ω8³ = ((i − r)/√2, −(r + i)/√2)
                T c1r = (b1r + b1i) * h, c1i = (b1i - b1r) * h;
                T c2r = b2i, c2i = default(T) - b2r;
                T c3r = (b3i - b3r) * h, c3i = default(T) - (b3r + b3i) * h;
                Dft4(a0r, a0i, a1r, a1i, a2r, a2i, a3r, a3i, ref dRe, ref dIm, o0 + q, 2 * os);
                Dft4(b0r, b0i, c1r, c1i, c2r, c2i, c3r, c3i, ref dRe, ref dIm, o0 + os + q, 2 * os);
            }
        }
    }

    /// <summary>Forward 4-point DFT of (c0..c3) stored at o, o+step, o+2 step, o+3 step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dft4<T>(T c0r, T c0i, T c1r, T c1i, T c2r, T c2i, T c3r, T c3i, ref float dRe, ref float dIm, nint o, nint step)
        where T : struct, ISimd<T>
    {
        T t0r = c0r + c2r, t0i = c0i + c2i, t1r = c0r - c2r, t1i = c0i - c2i;
        T t2r = c1r + c3r, t2i = c1i + c3i, t3r = c1r - c3r, t3i = c1i - c3i;
        T.Store(t0r + t2r, ref dRe, o); T.Store(t0i + t2i, ref dIm, o);
        T.Store(t1r + t3i, ref dRe, o + step); T.Store(t1i - t3r, ref dIm, o + step);
        T.Store(t0r - t2r, ref dRe, o + 2 * step); T.Store(t0i - t2i, ref dIm, o + 2 * step);
        T.Store(t1r - t3i, ref dRe, o + 3 * step); T.Store(t1i + t3r, ref dIm, o + 3 * step);
    }

    /// <summary>
    /// Any odd radix p, pairing inputs j and p-j so each output pair costs (p-1)/2 real multiply-adds per component:
    /// y_s = x_0 + Σ_j (x_j + x_{p-j}) cos θ − i (x_j − x_{p-j}) sin θ with θ = 2π j s/p; y_{p-s} has +i.
    /// <paramref name="scratch"/> holds 4p vectors; <paramref name="cos"/>[i] = cos(2π i/p), likewise <paramref name="sin"/>.
    /// </summary>
    public static void RadixOdd<T>(ref float sRe, ref float sIm, ref float dRe, ref float dIm, int p, int l, int rB,
        float[] twRe, float[] twIm, float[] cos, float[] sin, Span<float> scratch) where T : struct, ISimd<T>
    {
        int h = (p - 1) / 2, c = T.Count;
        nint outStride = (nint)l * rB;
        ref float xr = ref scratch[0];
        ref float xi = ref scratch[p * c];
        ref float ar = ref scratch[2 * p * c];
        ref float ai = ref scratch[(2 * p + h) * c];
        ref float br = ref scratch[(2 * p + 2 * h) * c];
        ref float bi = ref scratch[(2 * p + 3 * h) * c];
        for (int k = 0; k < l; k++)
        {
            nint inBase = (nint)k * p * rB, outBase = (nint)k * rB;
            int tw = k * (p - 1);
            for (nint q = 0; q < rB; q += c)
            {
                T sumR = T.Load(ref sRe, inBase + q), sumI = T.Load(ref sIm, inBase + q);
                T.Store(sumR, ref xr, 0); T.Store(sumI, ref xi, 0);
                for (int j = 1; j < p; j++)
                {
                    T vr = T.Load(ref sRe, inBase + j * rB + q), vi = T.Load(ref sIm, inBase + j * rB + q);
                    if (k != 0) Rotate(ref vr, ref vi, T.Broadcast(twRe[tw + j - 1]), T.Broadcast(twIm[tw + j - 1]));
                    T.Store(vr, ref xr, j * c); T.Store(vi, ref xi, j * c);
                }
                for (int j = 1; j <= h; j++)
                {
                    T ur = T.Load(ref xr, j * c), ui = T.Load(ref xi, j * c);
                    T vr = T.Load(ref xr, (p - j) * c), vi = T.Load(ref xi, (p - j) * c);
                    T pr = ur + vr, pi = ui + vi;
                    sumR += pr; sumI += pi;
                    T.Store(pr, ref ar, (j - 1) * c); T.Store(pi, ref ai, (j - 1) * c);
                    T.Store(ur - vr, ref br, (j - 1) * c); T.Store(ui - vi, ref bi, (j - 1) * c);
                }
                T.Store(sumR, ref dRe, outBase + q); T.Store(sumI, ref dIm, outBase + q);
                T x0r = T.Load(ref xr, 0), x0i = T.Load(ref xi, 0);
                for (int s = 1; s <= h; s++)
                {
                    T t1r = x0r, t1i = x0i, t2r = default, t2i = default;
                    int idx = 0;
                    for (int j = 1; j <= h; j++)
                    {
                        idx += s;
                        if (idx >= p) idx -= p;
                        T cj = T.Broadcast(cos[idx]), sj = T.Broadcast(sin[idx]);
                        t1r = T.MulAdd(T.Load(ref ar, (j - 1) * c), cj, t1r);
                        t1i = T.MulAdd(T.Load(ref ai, (j - 1) * c), cj, t1i);
                        t2r = T.MulAdd(T.Load(ref br, (j - 1) * c), sj, t2r);
                        t2i = T.MulAdd(T.Load(ref bi, (j - 1) * c), sj, t2i);
                    }
                    nint os = outBase + s * outStride + q, om = outBase + (p - s) * outStride + q;
                    T.Store(t1r + t2i, ref dRe, os); T.Store(t1i - t2r, ref dIm, os);
                    T.Store(t1r - t2i, ref dRe, om); T.Store(t1i + t2r, ref dIm, om);
                }
            }
        }
    }
}
