using TemKit.Neural.Losses;

namespace TemKit.Neural.Models;

/// <summary>Shapes that follow from a network's settings.</summary>
public static class NetworkShapes
{
    /// <summary>Label planes per training sample: 1 for cross-entropy (mask or class index), one per output channel for mean squared error.</summary>
    public static int TargetPlanes(this ISegmentationNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return SegmentationLoss.TargetPlanes(network.Loss, network.Classes);
    }

    /// <summary>True when the outputs are probabilities (cross-entropy), false when they are regressed values.</summary>
    public static bool OutputsProbabilities(this ISegmentationNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Loss == LossKind.CrossEntropy;
    }
}
