using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

/// <summary>
/// A fully convolutional segmentation network mapping N x InputChannels x H x W images to N x Classes x H x W logits.
/// One class means a binary mask (sigmoid, binary cross-entropy); two or more mean softmax and categorical
/// cross-entropy with class indices as targets.
/// </summary>
public interface ISegmentationNetwork
{
    /// <summary>"msd" or "unet".</summary>
    string Kind { get; }

    /// <summary>Channels of the input image.</summary>
    int InputChannels { get; }

    /// <summary>Output channels (1 = binary).</summary>
    int Classes { get; }

    /// <summary>Image height and width must be multiples of this (1 for the MSD-net, 2^(levels−1) for the U-Net).</summary>
    int SizeMultiple { get; }

    /// <summary>All trainable parameters, in checkpoint order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Inference: returns the logits for <paramref name="input"/> (caller disposes).</summary>
    Tensor Predict(Tensor input);

    /// <summary>
    /// Training: forward pass, mean loss over the batch and pixels, and backward pass accumulating gradients into
    /// <see cref="Parameter.Grad"/>. Targets are N x 1 x H x W (mask 0/1 or class index). Returns the mean loss in nats.
    /// </summary>
    double AccumulateGradients(Tensor input, Tensor targets);
}
