using TemKit.Neural.Losses;

namespace TemKit.Neural.Models;

/// <summary>
/// The loss of a network: for <see cref="LossKind.CrossEntropy"/> binary cross-entropy for one class and categorical
/// cross-entropy otherwise (one target plane); for <see cref="LossKind.MeanSquaredError"/> the squared error of every
/// output channel against its own target plane.
/// </summary>
internal static class SegmentationLoss
{
    /// <summary>Target planes per sample: 1 for cross-entropy, one per output channel for regression.</summary>
    public static int TargetPlanes(LossKind loss, int classes) => loss == LossKind.MeanSquaredError ? classes : 1;

    /// <summary>Summed loss of one sample; writes gradScale·∂loss/∂output into <paramref name="gradLogits"/>;
    /// <paramref name="classWeights"/> (empty = none) weight the categorical cross-entropy per target class.</summary>
    public static double Sample(LossKind loss, int classes, ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradLogits, float gradScale,
        ReadOnlySpan<float> classWeights = default) =>
        loss switch
        {
            LossKind.MeanSquaredError => MeanSquaredError.FromOutputs(logits, targets, gradLogits, gradScale),
            _ when classes == 1 => BinaryCrossEntropy.FromLogits(logits, targets, gradLogits, gradScale),
            _ => CategoricalCrossEntropy.FromLogits(logits, targets, classes, gradLogits, gradScale, classWeights),
        };

    /// <summary>Throws unless <paramref name="targets"/> is N x <see cref="TargetPlanes"/> x H x W like <paramref name="input"/>.</summary>
    public static void CheckTargets(Tensors.Tensor input, Tensors.Tensor targets, LossKind loss, int classes)
    {
        int planes = TargetPlanes(loss, classes);
        if (targets.N != input.N || targets.C != planes || targets.H != input.H || targets.W != input.W)
            throw new ArgumentException($"targets {targets.ShapeText} do not match input {input.ShapeText} ({planes} target plane(s) per sample expected)", nameof(targets));
    }
}
