using TemKit.Neural.Losses;

namespace TemKit.Neural.Models;

/// <summary>The loss implied by the number of classes: binary cross-entropy for one, categorical cross-entropy otherwise.</summary>
internal static class SegmentationLoss
{
    /// <summary>Summed loss of one sample; writes gradScale·∂loss/∂logits into <paramref name="gradLogits"/>.</summary>
    public static double Sample(int classes, ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradLogits, float gradScale) =>
        classes == 1
            ? BinaryCrossEntropy.FromLogits(logits, targets, gradLogits, gradScale)
            : CategoricalCrossEntropy.FromLogits(logits, targets, classes, gradLogits, gradScale);
}
