using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
                for (int ox = PoolRow(x.Slice(2 * oy * w), w, y.Slice(oy * ow, ow), arg == null ? default : arg.AsSpan(p * oh * ow + oy * ow, ow)); ox < ow; ox++)
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

    private static readonly Vector512<int> Evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> Odds = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

    /// <summary>
    /// Pools 16 outputs at a time from input rows <paramref name="x"/>[0..] and [w..] (AVX-512, same comparisons and
    /// first-wins ties as the scalar loop); returns the number of outputs done, the caller finishes the row.
    /// </summary>
    private static int PoolRow(ReadOnlySpan<float> x, int w, Span<float> y, Span<byte> arg)
    {
        if (!Avx512F.IsSupported) return 0;
        int ox = 0;
        var one = Vector512.Create(1);
        for (; ox + 16 <= y.Length; ox += 16)
        {
            var top = x.Slice(2 * ox, 32);
            var bottom = x.Slice(w + 2 * ox, 32);
            Vector512<float> t0 = Vector512.Create(top), t1 = Vector512.Create(top[16..]);
            Vector512<float> b0 = Vector512.Create(bottom), b1 = Vector512.Create(bottom[16..]);
            var best = Avx512F.PermuteVar16x32x2(t0, Evens, t1);
            var k = Vector512<int>.Zero;
            var v = Avx512F.PermuteVar16x32x2(t0, Odds, t1);
            var more = Vector512.GreaterThan(v, best);
            best = Vector512.ConditionalSelect(more, v, best);
            k = Vector512.ConditionalSelect(more.AsInt32(), one, k);
            v = Avx512F.PermuteVar16x32x2(b0, Evens, b1);
            more = Vector512.GreaterThan(v, best);
            best = Vector512.ConditionalSelect(more, v, best);
            k = Vector512.ConditionalSelect(more.AsInt32(), one + one, k);
            v = Avx512F.PermuteVar16x32x2(b0, Odds, b1);
            more = Vector512.GreaterThan(v, best);
            best = Vector512.ConditionalSelect(more, v, best);
            k = Vector512.ConditionalSelect(more.AsInt32(), one + one + one, k);
            best.CopyTo(y.Slice(ox, 16));
            if (!arg.IsEmpty) Avx512F.ConvertToVector128Byte(k).CopyTo(arg.Slice(ox, 16));
        }
        return ox;
    }
}
