using TemKit.Numerics;

namespace TemKit.Neural.Optimisers;

/// <summary>
/// A cosine learning-rate decay by epoch (Loshchilov &amp; Hutter 2017, one cycle without restarts): the optimiser's
/// learning rate is multiplied by 1 up to <see cref="StartEpoch"/>, by
/// f + (1 − f)·(1 + cos(π (e − start)/(end − start)))/2 for epochs e between <see cref="StartEpoch"/> and
/// <see cref="EndEpoch"/>, and by f = <see cref="FinalFactor"/> from <see cref="EndEpoch"/> on. Epochs are 1-based, as
/// the training loop numbers them; the factor depends only on the epoch, so a resumed run continues the same schedule.
/// </summary>
/// <param name="StartEpoch">Last epoch at the full learning rate (≥ 0; 0 = decay from the first epoch).</param>
/// <param name="EndEpoch">First epoch at the final factor (&gt; <see cref="StartEpoch"/>).</param>
/// <param name="FinalFactor">Learning rate at and after <see cref="EndEpoch"/> as a fraction of the set rate, in (0, 1].</param>
public sealed record LearningRateDecay(int StartEpoch, int EndEpoch, double FinalFactor = 0.01)
{
    /// <summary>Final factors accepted: (0, 1].</summary>
    public static Limits FinalFactorLimits { get; } = Limits.Positive(1, "");

    /// <summary>The factor on the learning rate during epoch <paramref name="epoch"/> (1-based).</summary>
    public double Factor(int epoch)
    {
        if (epoch <= StartEpoch) return 1;
        if (epoch >= EndEpoch) return FinalFactor;
        double t = (double)(epoch - StartEpoch) / (EndEpoch - StartEpoch);
        return FinalFactor + (1 - FinalFactor) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (StartEpoch < 0) throw new ArgumentOutOfRangeException(nameof(StartEpoch), StartEpoch, "the decay's start epoch must be ≥ 0");
        if (EndEpoch <= StartEpoch) throw new ArgumentOutOfRangeException(nameof(EndEpoch), EndEpoch, $"the decay's end epoch must be after its start epoch {StartEpoch}");
        FinalFactorLimits.Check(FinalFactor, nameof(FinalFactor));
    }
}
