using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>Max pooling over non-overlapping 2x2 windows (stride 2); odd trailing rows/columns are dropped.</summary>
public sealed class MaxPool2d : Layer
{
    private byte[]? _argmax;
    private int _n, _c, _h, _w;

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, bool training)
    {
        int oh = input.H / 2, ow = input.W / 2;
        if (oh == 0 || ow == 0) throw new ArgumentException($"input {input.ShapeText} too small to pool", nameof(input));
        var output = Tensor.Uninitialised(input.N, input.C, oh, ow);
        byte[]? arg = training ? new byte[output.Length] : null;
        int w = input.W;
        PlaneParallel.For(input.N * input.C, input.PlaneLength, p =>
        {
            var x = input.Plane(p / input.C, p % input.C);
            var y = output.Plane(p / input.C, p % input.C);
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    int i0 = 2 * oy * w + 2 * ox;
                    float best = x[i0];
                    byte k = 0;
                    if (x[i0 + 1] > best) { best = x[i0 + 1]; k = 1; }
                    if (x[i0 + w] > best) { best = x[i0 + w]; k = 2; }
                    if (x[i0 + w + 1] > best) { best = x[i0 + w + 1]; k = 3; }
                    y[oy * ow + ox] = best;
                    if (arg != null) arg[p * oh * ow + oy * ow + ox] = k;
                }
        });
        _argmax = arg;
        (_n, _c, _h, _w) = (input.N, input.C, input.H, input.W);
        return output;
    }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Backward(Tensor gradOutput)
    {
        var arg = _argmax ?? throw new InvalidOperationException("Backward called without a training forward pass");
        var gradInput = Tensor.Zeros(_n, _c, _h, _w);
        int oh = _h / 2, ow = _w / 2;
        PlaneParallel.For(_n * _c, _h * _w, p =>
        {
            var g = gradOutput.Plane(p / _c, p % _c);
            var d = gradInput.Plane(p / _c, p % _c);
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    int k = arg[p * oh * ow + oy * ow + ox];
                    d[(2 * oy + (k >> 1)) * _w + 2 * ox + (k & 1)] = g[oy * ow + ox];
                }
        });
        _argmax = null;
        return gradInput;
    }

    /// <inheritdoc />
    public override void ReleaseCache() => _argmax = null;
}
