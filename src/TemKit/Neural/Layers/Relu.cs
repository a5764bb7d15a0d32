using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>Rectified linear unit, y = max(x, 0).</summary>
public sealed class Relu : Layer
{
    private Tensor? _input;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, bool training)
    {
        var output = Tensor.Uninitialised(input.N, input.C, input.H, input.W);
        TensorPrimitives.Max(input.Span, 0f, output.Span);
        _input = training ? input : null;
        return output;
    }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Backward(Tensor gradOutput)
    {
        var y = _input ?? throw new InvalidOperationException("Backward called without a training forward pass");
        var gradInput = Tensor.Uninitialised(y.N, y.C, y.H, y.W);
        var ys = y.Span;
        var g = gradOutput.Span;
        var d = gradInput.Span;
        for (int i = 0; i < d.Length; i++) d[i] = ys[i] > 0 ? g[i] : 0f;
        _input = null;
        return gradInput;
    }

    /// <inheritdoc />
    public override void ReleaseCache() => _input = null;
}
