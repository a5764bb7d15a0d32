using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>
/// A differentiable layer. <see cref="Forward"/> with training = true remembers what <see cref="Backward"/> needs (it may
/// keep a reference to the input, so the caller keeps the input alive until Backward has run). Backward accumulates
/// parameter gradients into <see cref="Parameter.Grad"/> and returns the gradient with respect to the input.
/// Returned tensors belong to the caller.
/// </summary>
public abstract class Layer
{
    /// <summary>Trainable parameters (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Computes the output for a batch.</summary>
    public abstract Tensor Forward(Tensor input, bool training);

    /// <summary>Back-propagates <paramref name="gradOutput"/> through the last training forward pass.</summary>
    public abstract Tensor Backward(Tensor gradOutput);

    /// <summary>Frees anything remembered by the last training forward pass.</summary>
    public virtual void ReleaseCache()
    {
    }
}
