using System.Runtime.Intrinsics;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>Parametric ReLU with one slope per channel: y = x for x &gt; 0, a_c·x otherwise (He et al. 2015, eq. 1); slopes start at 0.25.</summary>
public sealed class PRelu : Layer
{
    private Tensor? _input;

    /// <summary>Creates the layer with all slopes 0.25 (the PyTorch default).</summary>
    public PRelu(string name, int channels)
    {
        Slope = new Parameter(name + ".slope", channels);
        Array.Fill(Slope.Value, 0.25f);
    }

    /// <summary>Negative-side slope per channel.</summary>
    public Parameter Slope { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [Slope];

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, bool training)
    {
        var output = Tensor.Uninitialised(input.N, input.C, input.H, input.W);
        PlaneParallel.For(input.N * input.C, input.PlaneLength, p =>
        {
            int c = p % input.C;
            float a = Slope.Value[c];
            var x = input.Plane(p / input.C, c);
            var y = output.Plane(p / input.C, c);
            Apply(x, y, a);
        });
        _input = training ? input : null;
        return output;
    }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called without a training forward pass");
        var gradInput = Tensor.Uninitialised(input.N, input.C, input.H, input.W);
        var slopeGrad = new double[input.N * input.C];
        PlaneParallel.For(input.N * input.C, input.PlaneLength, p =>
            {
                int n = p / input.C, c = p % input.C;
                float a = Slope.Value[c];
                var x = input.Plane(n, c);
                var g = gradOutput.Plane(n, c);
                var d = gradInput.Plane(n, c);
                double ga = Differentiate(x, g, d, a);
                slopeGrad[p] = ga;
            });
        for (int p = 0; p < slopeGrad.Length; p++) Slope.Grad[p % input.C] += (float)slopeGrad[p];
        _input = null;
        return gradInput;
    }

    /// <inheritdoc />
    public override void ReleaseCache() => _input = null;

    /// <summary>y = x where x &gt; 0, a·x elsewhere; Vector512 with a scalar tail.</summary>
    private static void Apply(ReadOnlySpan<float> x, Span<float> y, float a)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            for (; i + 16 <= x.Length; i += 16)
            {
                var v = Vector512.Create(x.Slice(i, 16));
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, va * v).CopyTo(y.Slice(i, 16));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : a * x[i];
    }

    /// <summary>d = g where x &gt; 0, a·g elsewhere; returns Σ g·x over x ≤ 0 (the slope gradient), summed in double.</summary>
    private static double Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> d, float a)
    {
        int i = 0;
        double ga = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            Vector512<double> lo = default, hi = default;
            for (; i + 16 <= x.Length; i += 16)
            {
                var vx = Vector512.Create(x.Slice(i, 16));
                var vg = Vector512.Create(g.Slice(i, 16));
                var positive = Vector512.GreaterThan(vx, Vector512<float>.Zero);
                Vector512.ConditionalSelect(positive, vg, va * vg).CopyTo(d.Slice(i, 16));
                var (glo, ghi) = Vector512.Widen(Vector512.ConditionalSelect(positive, Vector512<float>.Zero, vg));
                var (xlo, xhi) = Vector512.Widen(vx);
                lo = Vector512.FusedMultiplyAdd(glo, xlo, lo);
                hi = Vector512.FusedMultiplyAdd(ghi, xhi, hi);
            }
            ga = Vector512.Sum(lo + hi);
        }
        for (; i < x.Length; i++)
        {
            if (x[i] > 0) d[i] = g[i];
            else
            {
                d[i] = a * g[i];
                ga += (double)g[i] * x[i];
            }
        }
        return ga;
    }
}
