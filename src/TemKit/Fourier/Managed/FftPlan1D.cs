using System.Collections.Concurrent;

namespace TemKit.Fourier.Managed;

/// <summary>
/// A forward, unnormalised 1D DFT of one length applied to <see cref="Lanes"/> sequences at once (batched split layout:
/// element e of lane b is re[e*Lanes + b], im[e*Lanes + b]). Mixed radix 8, 4, 2 and any odd prime up to
/// <see cref="MaxDirectPrime"/>; lengths with a larger prime factor go through Bluestein's chirp-z algorithm
/// (Bluestein, IEEE Trans. Audio Electroacoust. 18, 451 (1970)) on a 2·3·5-smooth length. Immutable and thread-safe;
/// the inverse transform is the forward one with re and im swapped (IDFT(x) = swap(DFT(swap(x)))).
/// </summary>
internal sealed class FftPlan1D
{
    /// <summary>Sequences transformed together; one 512-bit vector of floats.</summary>
    public const int Lanes = 16;

    /// <summary>Largest prime factor done as a direct odd-radix pass; above it Bluestein is cheaper.</summary>
    public const int MaxDirectPrime = 128;

    private static readonly ConcurrentDictionary<int, FftPlan1D> s_cache = new();

    private readonly Pass[] _passes;
    private readonly Bluestein? _bluestein;

    /// <summary>Transform length.</summary>
    public int Length { get; }

    /// <summary>Floats of extra workspace <see cref="Execute{T}"/> needs besides the two element buffers.</summary>
    public int ExtraFloats { get; }

    /// <summary>The cached plan of length <paramref name="n"/> (built once, thread-safe).</summary>
    public static FftPlan1D Get(int n) => s_cache.GetOrAdd(n, static len => new FftPlan1D(len));

    private FftPlan1D(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "FFT length must be at least 1");
        Length = n;
        var factors = Factor(n);
        if (factors.Any(f => f > MaxDirectPrime))
        {
            _passes = [];
            _bluestein = new Bluestein(n);
            ExtraFloats = _bluestein.ExtraFloats;
            return;
        }
        _passes = new Pass[factors.Count];
        int l = 1, maxOdd = 0;
        for (int i = 0; i < factors.Count; i++)
        {
            _passes[i] = new Pass(factors[i], l);
            if (factors[i] % 2 == 1) maxOdd = Math.Max(maxOdd, factors[i]);
            l *= factors[i];
        }
        ExtraFloats = 4 * maxOdd * Lanes;
    }

    /// <summary>Radix 8 first, then one 4 or 2 if needed, then the odd primes in increasing order.</summary>
    private static List<int> Factor(int n)
    {
        var f = new List<int>();
        while (n % 8 == 0) { f.Add(8); n /= 8; }
        if (n % 4 == 0) { f.Add(4); n /= 4; }
        if (n % 2 == 0) { f.Add(2); n /= 2; }
        for (int p = 3; (long)p * p <= n; p += 2)
            while (n % p == 0) { f.Add(p); n /= p; }
        if (n > 1) f.Add(n);
        return f;
    }

    /// <summary>
    /// Transforms the Length×Lanes elements in (aRe, aIm) using (bRe, bIm) as the other Stockham buffer.
    /// Returns true when the result ended in b, false when in a. Buffers hold at least Length*Lanes floats.
    /// </summary>
    public bool Execute<T>(Span<float> aRe, Span<float> aIm, Span<float> bRe, Span<float> bIm, Span<float> extra)
        where T : struct, ISimd<T>
    {
        int need = Length * Lanes;
        if (aRe.Length < need || aIm.Length < need || bRe.Length < need || bIm.Length < need || extra.Length < ExtraFloats)
            throw new ArgumentException("FFT workspace too small");
        if (_bluestein is not null)
        {
            _bluestein.Execute<T>(aRe, aIm, extra);
            return false;
        }
        bool inB = false;
        Span<float> sRe = aRe, sIm = aIm, dRe = bRe, dIm = bIm;
        foreach (var pass in _passes)
        {
            int rB = Length / (pass.Radix * pass.L) * Lanes;
            switch (pass.Radix)
            {
                case 2: Butterflies.Radix2<T>(ref sRe[0], ref sIm[0], ref dRe[0], ref dIm[0], pass.L, rB, pass.TwRe, pass.TwIm); break;
                case 8: Butterflies.Radix8<T>(ref sRe[0], ref sIm[0], ref dRe[0], ref dIm[0], pass.L, rB, pass.TwRe, pass.TwIm); break;
                case 4: Butterflies.Radix4<T>(ref sRe[0], ref sIm[0], ref dRe[0], ref dIm[0], pass.L, rB, pass.TwRe, pass.TwIm); break;
                default:
                    Butterflies.RadixOdd<T>(ref sRe[0], ref sIm[0], ref dRe[0], ref dIm[0], pass.Radix, pass.L, rB,
                        pass.TwRe, pass.TwIm, pass.Cos!, pass.Sin!, extra);
                    break;
            }
            inB = !inB;
            Span<float> t = sRe; sRe = dRe; dRe = t;
            t = sIm; sIm = dIm; dIm = t;
        }
        return inB;
    }

    /// <summary>One radix-p pass with its twiddles exp(-2πi j k/(L p)) computed in double precision.</summary>
    private sealed class Pass
    {
        public readonly int Radix, L;
        public readonly float[] TwRe, TwIm;
        public readonly float[]? Cos, Sin;

        public Pass(int p, int l)
        {
            Radix = p;
            L = l;
            TwRe = new float[l * (p - 1)];
            TwIm = new float[l * (p - 1)];
            for (int k = 0; k < l; k++)
                for (int j = 1; j < p; j++)
                {
                    double a = -2 * Math.PI * ((long)j * k % (l * p)) / (l * p);
                    TwRe[k * (p - 1) + j - 1] = (float)Math.Cos(a);
                    TwIm[k * (p - 1) + j - 1] = (float)Math.Sin(a);
                }
            if (p % 2 == 0) return;
            Cos = new float[p];
            Sin = new float[p];
            for (int i = 0; i < p; i++)
            {
                Cos[i] = (float)Math.Cos(2 * Math.PI * i / p);
                Sin[i] = (float)Math.Sin(2 * Math.PI * i / p);
            }
        }
    }
}
