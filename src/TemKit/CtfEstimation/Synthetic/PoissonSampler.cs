namespace TemKit.CtfEstimation.Synthetic;

/// <summary>Poisson random numbers for shot noise.</summary>
internal static class PoissonSampler
{
    /// <summary>
    /// One Poisson deviate with mean <paramref name="mean"/>: Knuth's product method below 30; above, the normal
    /// approximation N(μ, μ) rounded to the nearest count (its error is far below the shot noise itself at μ ≥ 30).
    /// </summary>
    public static float Sample(Random rng, double mean)
    {
        if (mean <= 0) return 0;
        if (mean < 30)
        {
            double limit = Math.Exp(-mean), product = rng.NextDouble();
            int k = 0;
            while (product > limit) { product *= rng.NextDouble(); k++; }
            return k;
        }
        return (float)Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * SyntheticMicrograph.Gaussian(rng)));
    }
}
