using TemKit.Neural.Convolution;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

/// <summary>Five conv + PReLU layers with a short additive skip from the first layer's output to the fifth layer's input.</summary>
internal sealed class UNetBlock
{
    private readonly Conv2d[] _convs = new Conv2d[5];
    private readonly PRelu[] _acts = new PRelu[5];
    private readonly Tensor?[] _pre = new Tensor?[5];

    public UNetBlock(string name, int inChannels, int channels, int kernel, PaddingMode padding, Random rng)
    {
        for (int i = 0; i < 5; i++)
        {
            _convs[i] = new Conv2d($"{name}.conv{i}", i == 0 ? inChannels : channels, channels, kernel, 1, padding, bias: true, rng);
            _acts[i] = new PRelu($"{name}.prelu{i}", channels);
        }
        Parameters = _convs.Zip(_acts).SelectMany(p => p.First.Parameters.Concat(p.Second.Parameters)).ToArray();
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    public Tensor Forward(Tensor input, bool training)
    {
        Tensor? first = null;
        var x = input;
        for (int i = 0; i < 5; i++)
        {
            if (i == 4)
            {
                // Short skip: the fifth layer sees layer 4's output plus layer 1's output.
                System.Numerics.Tensors.TensorPrimitives.Add(x.Span, first!.Span, x.Span);
                first.Dispose();
            }
            var pre = _convs[i].Forward(x, training);
            if (i > 0) x.Dispose();
            var post = _acts[i].Forward(pre, training);
            if (training) _pre[i] = pre;
            else pre.Dispose();
            if (i == 0) first = Tensor.FromSpan(post.Span, post.N, post.C, post.H, post.W);
            x = post;
        }
        return x;
    }

    public Tensor Backward(Tensor gradOutput)
    {
        Tensor g = gradOutput;
        Tensor? skip = null;
        for (int i = 4; i >= 0; i--)
        {
            var gp = _acts[i].Backward(g);
            if (g != gradOutput) g.Dispose();
            _pre[i]!.Dispose();
            _pre[i] = null;
            var gx = _convs[i].Backward(gp);
            gp.Dispose();
            if (i == 4) skip = Tensor.FromSpan(gx.Span, gx.N, gx.C, gx.H, gx.W);
            if (i == 1)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(gx.Span, skip!.Span, gx.Span);
                skip.Dispose();
            }
            g = gx;
        }
        return g;
    }

    public void ReleaseCache()
    {
        for (int i = 0; i < 5; i++)
        {
            _convs[i].ReleaseCache();
            _acts[i].ReleaseCache();
            _pre[i]?.Dispose();
            _pre[i] = null;
        }
    }
}
