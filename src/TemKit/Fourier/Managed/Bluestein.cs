namespace TemKit.Fourier.Managed;

/// <summary>
/// Bluestein's chirp-z transform: with w_k = exp(-iπk²/n), X_k = w_k Σ_j (x_j w_j) conj(w_{k-j}), a circular
/// convolution done with two FFTs of a 2·3·5-smooth length M ≥ 2n-1 (Bluestein 1970; Rabiner, Schafer and Rader,
/// IEEE Trans. Audio Electroacoust. 17, 86 (1969), eq. 9). Used for lengths with a large prime factor.
/// </summary>
internal sealed class Bluestein
{
    private readonly int _n, _m;
    private readonly FftPlan1D _inner;
    private readonly float[] _chirpRe, _chirpIm;       // w_k, k < n
    private readonly float[] _spectrumRe, _spectrumIm; // DFT_M of conj(w) wrapped, divided by M

    public int ExtraFloats { get; }

    public Bluestein(int n)
    {
        _n = n;
        _m = SmoothAtLeast(2 * n - 1);
        _inner = FftPlan1D.Get(_m);
        ExtraFloats = 4 * _m * FftPlan1D.Lanes + _inner.ExtraFloats;
        _chirpRe = new float[n];
        _chirpIm = new float[n];
        for (int k = 0; k < n; k++)
        {
            double a = -Math.PI * ((long)k * k % (2L * n)) / n;
            _chirpRe[k] = (float)Math.Cos(a);
            _chirpIm[k] = (float)Math.Sin(a);
        }
        int lanes = FftPlan1D.Lanes, size = _m * lanes;
        var work = new float[4 * size + _inner.ExtraFloats];
        var re = work.AsSpan(0, size);
        var im = work.AsSpan(size, size);
        for (int k = 0; k < n; k++)
        {
            re[k * lanes] = _chirpRe[k];
            im[k * lanes] = -_chirpIm[k];
            if (k == 0) continue;
            re[(_m - k) * lanes] = _chirpRe[k];
            im[(_m - k) * lanes] = -_chirpIm[k];
        }
        bool inB = _inner.Execute<Scalar1>(re, im, work.AsSpan(2 * size, size), work.AsSpan(3 * size, size), work.AsSpan(4 * size));
        int offset = inB ? 2 * size : 0;
        _spectrumRe = new float[_m];
        _spectrumIm = new float[_m];
        for (int k = 0; k < _m; k++)
        {
            _spectrumRe[k] = work[offset + k * lanes] / _m;
            _spectrumIm[k] = work[offset + size + k * lanes] / _m;
        }
    }

    /// <summary>Smallest 2^a 3^b 5^c not below <paramref name="n"/>.</summary>
    internal static int SmoothAtLeast(int n)
    {
        long best = long.MaxValue;
        for (long p2 = 1; p2 < 2L * n; p2 *= 2)
            for (long p3 = p2; p3 < 2L * n; p3 *= 3)
                for (long p5 = p3; p5 < 2L * n; p5 *= 5)
                    if (p5 >= n && p5 < best) best = p5;
        return (int)best;
    }

    public void Execute<T>(Span<float> aRe, Span<float> aIm, Span<float> extra) where T : struct, ISimd<T>
    {
        int lanes = FftPlan1D.Lanes, c = T.Count, size = _m * lanes;
        var cRe = extra[..size];
        var cIm = extra.Slice(size, size);
        var dRe = extra.Slice(2 * size, size);
        var dIm = extra.Slice(3 * size, size);
        var innerExtra = extra[(4 * size)..];
        for (int k = 0; k < _n; k++)
        {
            T wr = T.Broadcast(_chirpRe[k]), wi = T.Broadcast(_chirpIm[k]);
            for (int q = k * lanes; q < (k + 1) * lanes; q += c)
            {
                T xr = T.Load(ref aRe[0], q), xi = T.Load(ref aIm[0], q);
                T.Store(xr * wr - xi * wi, ref cRe[0], q);
                T.Store(T.MulAdd(xr, wi, xi * wr), ref cIm[0], q);
            }
        }
        cRe[(_n * lanes)..].Clear();
        cIm[(_n * lanes)..].Clear();
        bool inB = _inner.Execute<T>(cRe, cIm, dRe, dIm, innerExtra);
        Span<float> xRe = inB ? dRe : cRe, xIm = inB ? dIm : cIm, oRe = inB ? cRe : dRe, oIm = inB ? cIm : dIm;
        for (int k = 0; k < _m; k++)
        {
            T wr = T.Broadcast(_spectrumRe[k]), wi = T.Broadcast(_spectrumIm[k]);
            for (int q = k * lanes; q < (k + 1) * lanes; q += c)
            {
                T xr = T.Load(ref xRe[0], q), xi = T.Load(ref xIm[0], q);
                T.Store(xr * wr - xi * wi, ref xRe[0], q);
                T.Store(T.MulAdd(xr, wi, xi * wr), ref xIm[0], q);
            }
        }
        // Inverse transform by swapping re and im on the way in and out.
        bool inB2 = _inner.Execute<T>(xIm, xRe, oIm, oRe, innerExtra);
        Span<float> yRe = inB2 ? oRe : xRe, yIm = inB2 ? oIm : xIm;
        for (int k = 0; k < _n; k++)
        {
            T wr = T.Broadcast(_chirpRe[k]), wi = T.Broadcast(_chirpIm[k]);
            for (int q = k * lanes; q < (k + 1) * lanes; q += c)
            {
                T xr = T.Load(ref yRe[0], q), xi = T.Load(ref yIm[0], q);
                T.Store(xr * wr - xi * wi, ref aRe[0], q);
                T.Store(T.MulAdd(xr, wi, xi * wr), ref aIm[0], q);
            }
        }
    }
}
