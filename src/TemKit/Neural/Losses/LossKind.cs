namespace TemKit.Neural.Losses;

/// <summary>What a network's output means and which loss trains it; recorded in the model file with the network settings.</summary>
public enum LossKind
{
    /// <summary>
    /// Segmentation: one output channel is the logit of a foreground probability (sigmoid, binary cross-entropy,
    /// target 0/1); two or more are class logits (softmax, categorical cross-entropy, target = class index). One target plane.
    /// </summary>
    CrossEntropy,

    /// <summary>
    /// Regression: every output channel is a value in the target's units (no activation), trained with the mean squared
    /// error against one target plane per output channel (e.g. Gaussian column maps, interpolated frames).
    /// </summary>
    MeanSquaredError,
}
