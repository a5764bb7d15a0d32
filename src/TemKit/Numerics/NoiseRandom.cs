using System.Numerics;
using System.Runtime.CompilerServices;

namespace TemKit.Numerics;

/// <summary>
/// TemKit's one source of shot and readout noise: a small xoshiro256** generator with Poisson and Gaussian draws. A
/// value type so each image row (or frame) can own one without allocating; seeded from a base seed and a stream index
/// (the row or frame), so results do not depend on thread scheduling. Every simulator that adds dose noise (detector,
/// HRTEM particles, STEM tilt series, synthetic CTF micrographs) draws from it.
/// </summary>
public struct NoiseRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator for stream <paramref name="stream"/> (e.g. a row index) of the base seed <paramref name="baseSeed"/>.</summary>
    public NoiseRandom(long baseSeed, long stream)
    {
        ulong x = unchecked((ulong)baseSeed ^ ((ulong)stream * 0x9E3779B97F4A7C15UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller, one value per call).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Poisson variate with mean <paramref name="lambda"/> (≥ 0): exact, by inversion below 10 and by
    /// Hörmann's transformed rejection (PTRS) above.</summary>
    public double NextPoisson(double lambda)
    {
        if (lambda <= 0) return 0;
        return lambda < 10 ? PoissonByInversion(lambda) : PoissonByRejection(lambda);
    }

    /// <summary>A Poisson variate for a mean used many times: <paramref name="expMinusLambda"/> = exp(-λ) precomputed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextPoisson(double lambda, double expMinusLambda)
    {
        if (lambda <= 0) return 0;
        return lambda < 10 ? PoissonByInversion(lambda, expMinusLambda) : PoissonByRejection(lambda);
    }

    /// <summary>Fills <paramref name="target"/> with independent Poisson variates of one mean <paramref name="lambda"/> (a
    /// uniformly lit field: vacuum counts), drawn in order, as repeated <see cref="NextPoisson(double, double)"/> calls.</summary>
    public void FillPoisson(Span<float> target, double lambda)
    {
        double expMinusLambda = Math.Exp(-lambda);
        for (int i = 0; i < target.Length; i++) target[i] = (float)NextPoisson(lambda, expMinusLambda);
    }

    private double PoissonByInversion(double lambda) => PoissonByInversion(lambda, Math.Exp(-lambda));

    // Sequential search of the cumulative distribution from k = 0; expected cost λ + 1 steps.
    private double PoissonByInversion(double lambda, double expMinusLambda)
    {
        double p = expMinusLambda;
        double cumulative = p;
        double u = NextDouble();
        int k = 0;
        while (u > cumulative && k < 200)
        {
            k++;
            p *= lambda / k;
            cumulative += p;
        }
        return k;
    }

    // Transformed rejection with squeeze (Hörmann 1993, "The transformed rejection method for generating Poisson
    // random variables", algorithm PTRS), exact for λ ≥ 10.
    private double PoissonByRejection(double lambda)
    {
        double sqrtLambda = Math.Sqrt(lambda);
        double logLambda = Math.Log(lambda);
        double b = 0.931 + 2.53 * sqrtLambda;
        double a = -0.059 + 0.02483 * b;
        double logInvAlpha = Math.Log(1.1239 + 1.1328 / (b - 3.4));
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = NextDouble() - 0.5;
            double v = NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + logInvAlpha - Math.Log(a / (us * us) + b) <= -lambda + k * logLambda - LogFactorial(k))
                return k;
        }
    }

    /// <summary>ln k! for integer k ≥ 0 (exact table below 16, Stirling series above).</summary>
    internal static double LogFactorial(double k)
    {
        if (k < 16)
        {
            double f = 1;
            for (int i = 2; i <= (int)k; i++) f *= i;
            return Math.Log(f);
        }
        double n = k + 1;
        double inv = 1 / n, inv2 = inv * inv;
        return (n - 0.5) * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI)
            + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
    }
}
