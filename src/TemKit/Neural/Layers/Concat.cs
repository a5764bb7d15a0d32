using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>Channel concatenation of two tensors with the same N, H, W, and its adjoint (a split).</summary>
public static class Concat
{
    /// <summary>Returns [a, b] stacked along channels.</summary>
    public static Tensor Forward(Tensor a, Tensor b)
    {
        if (a.N != b.N || a.H != b.H || a.W != b.W) throw new ArgumentException($"cannot concatenate {a.ShapeText} and {b.ShapeText}");
        var output = Tensor.Uninitialised(a.N, a.C + b.C, a.H, a.W);
        for (int n = 0; n < a.N; n++)
        {
            a.Sample(n).CopyTo(output.Sample(n));
            b.Sample(n).CopyTo(output.Sample(n).Slice(a.Sample(n).Length));
        }
        return output;
    }

    /// <summary>Splits a gradient of the concatenation into the parts for the first <paramref name="channelsA"/> channels and the rest.</summary>
    public static (Tensor GradA, Tensor GradB) Backward(Tensor gradOutput, int channelsA)
    {
        int cb = gradOutput.C - channelsA;
        var ga = Tensor.Uninitialised(gradOutput.N, channelsA, gradOutput.H, gradOutput.W);
        var gb = Tensor.Uninitialised(gradOutput.N, cb, gradOutput.H, gradOutput.W);
        for (int n = 0; n < gradOutput.N; n++)
        {
            var s = gradOutput.Sample(n);
            s.Slice(0, ga.Sample(n).Length).CopyTo(ga.Sample(n));
            s.Slice(ga.Sample(n).Length).CopyTo(gb.Sample(n));
        }
        return (ga, gb);
    }
}
