using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

/// <summary>
/// A fully convolutional segmentation network mapping N x InputChannels x H x W images to N x Classes x H x W logits.
/// One class means a binary mask (sigmoid, binary cross-entropy); two or more mean softmax and categorical
/// cross-entropy with class indices as targets. With <see cref="Losses.LossKind.MeanSquaredError"/> every output
/// channel is a regressed value (no activation) with its own target plane.
/// </summary>
public interface ISegmentationNetwork
{
    /// <summary>"msd" or "unet".</summary>
    string Kind { get; }

    /// <summary>Channels of the input image.</summary>
    int InputChannels { get; }

    /// <summary>Output channels (1 = binary for cross-entropy; one regressed value per channel for mean squared error).</summary>
    int Classes { get; }

    /// <summary>What the output means and how it is trained.</summary>
    Losses.LossKind Loss { get; }

    /// <summary>
    /// Weights of the categorical cross-entropy per target class during training (index = class; null = all 1), e.g. to
    /// lift a rare class. A training setting: not saved in the model file and ignored by binary and regression losses.
    /// Networks that do not support weights (the default) report null and refuse non-null weights.
    /// </summary>
    float[]? ClassWeights
    {
        get => null;
        set
        {
            if (value is not null) throw new NotSupportedException($"{Kind} networks do not take class weights");
        }
    }

    /// <summary>Image height and width must be multiples of this (1 for the MSD-net, 2^(levels−1) for the U-Net).</summary>
    int SizeMultiple { get; }

    /// <summary>All trainable parameters, in checkpoint order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Inference: returns the logits for <paramref name="input"/> (caller disposes).</summary>
    Tensor Predict(Tensor input);

    /// <summary>
    /// Training: forward pass, mean loss over the batch and pixels, and backward pass accumulating gradients into
    /// <see cref="Parameter.Grad"/>. Targets are N x 1 x H x W (mask 0/1 or class index) for cross-entropy, N x Classes x H x W
    /// for mean squared error. Returns the mean loss per pixel (nats for cross-entropy, squared target units summed over
    /// channels for mean squared error).
    /// </summary>
    double AccumulateGradients(Tensor input, Tensor targets);
}
