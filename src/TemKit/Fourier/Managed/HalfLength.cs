using System.Collections.Concurrent;

namespace TemKit.Fourier.Managed;

/// <summary>
/// The half-length trick for real data of even length n = 2m: z_j = x_{2j} + i x_{2j+1} is transformed with an m-point
/// complex FFT, then X_k = E_k + ω^k O_k with E_k = (Z_k + conj Z_{m-k})/2, O_k = (Z_k − conj Z_{m-k})/(2i), ω = exp(-2πi/n)
/// (Press et al., Numerical Recipes, 3rd ed., §12.3.2, eq. 12.3.6). All loops run across the batched lanes.
/// </summary>
internal static class HalfLength
{
    private static readonly ConcurrentDictionary<int, (float[] Re, float[] Im)> s_twiddles = new();

    /// <summary>ω^k = exp(-2πik/n) for k = 0..n/2, cached per n.</summary>
    public static (float[] Re, float[] Im) Twiddles(int n) => s_twiddles.GetOrAdd(n, static len =>
    {
        int m = len / 2;
        var re = new float[m + 1];
        var im = new float[m + 1];
        for (int k = 0; k <= m; k++)
        {
            re[k] = (float)Math.Cos(-2 * Math.PI * k / len);
            im[k] = (float)Math.Sin(-2 * Math.PI * k / len);
        }
        return (re, im);
    });

    /// <summary>X_k for k = 0..m from the m-point transform Z (eq. 12.3.6).</summary>
    public static void Split<T>(Span<float> zRe, Span<float> zIm, Span<float> xRe, Span<float> xIm, int m, float[] wRe, float[] wIm)
        where T : struct, ISimd<T>
    {
        int lanes = FftPlan1D.Lanes;
        T half = T.Broadcast(0.5f);
        for (int k = 0; k <= m; k++)
        {
            int a = (k == m ? 0 : k) * lanes, b = (k == 0 ? 0 : m - k) * lanes, o = k * lanes;
            T wr = T.Broadcast(wRe[k]), wi = T.Broadcast(wIm[k]);
            for (int q = 0; q < lanes; q += T.Count)
            {
                T ar = T.Load(ref zRe[0], a + q), ai = T.Load(ref zIm[0], a + q);
                T br = T.Load(ref zRe[0], b + q), bi = T.Load(ref zIm[0], b + q);
                T er = (ar + br) * half, ei = (ai - bi) * half;
                T or = (ai + bi) * half, oi = (br - ar) * half;
                T.Store(er + or * wr - oi * wi, ref xRe[0], o + q);
                T.Store(ei + T.MulAdd(or, wi, oi * wr), ref xIm[0], o + q);
            }
        }
    }

    /// <summary>
    /// Inverse of <see cref="Split{T}"/>: Z_k = E_k + i O_k for k = 0..m-1 with E_k = (X_k + conj X_{m-k})/2 and
    /// O_k = (X_k − conj X_{m-k}) conj(ω^k)/2; <paramref name="scale"/> replaces the factor 1/2.
    /// </summary>
    public static void Join<T>(Span<float> xRe, Span<float> xIm, Span<float> zRe, Span<float> zIm, int m, float[] wRe, float[] wIm, float scale)
        where T : struct, ISimd<T>
    {
        int lanes = FftPlan1D.Lanes;
        T s = T.Broadcast(scale);
        for (int k = 0; k < m; k++)
        {
            int a = k * lanes, b = (m - k) * lanes;
            T wr = T.Broadcast(wRe[k]), wi = T.Broadcast(wIm[k]);
            for (int q = 0; q < lanes; q += T.Count)
            {
                T ar = T.Load(ref xRe[0], a + q), ai = T.Load(ref xIm[0], a + q);
                T br = T.Load(ref xRe[0], b + q), bi = T.Load(ref xIm[0], b + q);
                T er = ar + br, ei = ai - bi;
                T gr = ar - br, gi = ai + bi;
                T or = T.MulAdd(gr, wr, gi * wi), oi = gi * wr - gr * wi;
                T.Store((er - oi) * s, ref zRe[0], a + q);
                T.Store((ei + or) * s, ref zIm[0], a + q);
            }
        }
    }

    /// <summary>Full n-point Hermitian spectrum from its first n/2+1 values: X_{n-k} = conj X_k (odd n).</summary>
    public static void Expand<T>(Span<float> hRe, Span<float> hIm, Span<float> fRe, Span<float> fIm, int n)
        where T : struct, ISimd<T>
    {
        int lanes = FftPlan1D.Lanes, h = n / 2 + 1;
        hRe[..(h * lanes)].CopyTo(fRe);
        hIm[..(h * lanes)].CopyTo(fIm);
        T zero = default;
        for (int k = h; k < n; k++)
            for (int q = 0; q < lanes; q += T.Count)
            {
                T.Store(T.Load(ref hRe[0], (n - k) * lanes + q), ref fRe[0], k * lanes + q);
                T.Store(zero - T.Load(ref hIm[0], (n - k) * lanes + q), ref fIm[0], k * lanes + q);
            }
    }
}
