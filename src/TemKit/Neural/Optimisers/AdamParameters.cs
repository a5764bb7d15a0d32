using TemKit.Numerics;

namespace TemKit.Neural.Optimisers;

/// <summary>Adam settings (Kingma &amp; Ba 2015); AMSGrad (Reddi et al. 2018) keeps the running maximum of the second moment, as used in SOI A.2.</summary>
/// <param name="LearningRate">Step size (the paper uses 1e-3).</param>
/// <param name="Beta1">Decay of the first-moment average.</param>
/// <param name="Beta2">Decay of the second-moment average.</param>
/// <param name="Epsilon">Added to the denominator.</param>
/// <param name="AmsGrad">Use the AMSGrad variant.</param>
public sealed record AdamParameters(double LearningRate = 1e-3, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8, bool AmsGrad = true)
{
    /// <summary>Learning rates accepted: (0, 1] (training diverges long before 1; 0 or a negative rate never learns).</summary>
    public static Limits LearningRateLimits { get; } = Limits.Positive(1, "");

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        LearningRateLimits.Check(LearningRate, nameof(LearningRate));
        new Limits(0, 1, "", MaxExclusive: true).Check(Beta1, nameof(Beta1));
        new Limits(0, 1, "", MaxExclusive: true).Check(Beta2, nameof(Beta2));
        Limits.Positive(1, "").Check(Epsilon, nameof(Epsilon));
    }
}
