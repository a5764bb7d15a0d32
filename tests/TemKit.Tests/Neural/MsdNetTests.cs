using TemKit.Neural.Convolution;
using TemKit.Neural.Layers;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

public class MsdNetTests
{
    /// <summary>Naive MSD forward in double: layer i = ReLU(bias + Σ_c reflect-padded dilated conv of channel c).</summary>
    private static double[] NaiveLogits(MsdNet net, Tensor x)
    {
        var s = net.Settings;
        int h = x.H, w = x.W, hw = h * w;
        var ch = new List<double[]>();
        for (int c = 0; c < s.InputChannels; c++)
        {
            var p = new double[hw];
            for (int i = 0; i < hw; i++) p[i] = x.Plane(0, c)[i];
            ch.Add(p);
        }
        var pars = net.Parameters;
        for (int l = 0; l < s.Depth; l++)
        {
            int cin = ch.Count, k = s.KernelSize, d = net.Dilations[l], half = k / 2;
            var wt = pars[2 * l].Value;
            var b = pars[2 * l + 1].Value;
            for (int o = 0; o < s.Width; o++)
            {
                var outp = new double[hw];
                for (int y = 0; y < h; y++)
                    for (int xx = 0; xx < w; xx++)
                    {
                        double v = b[o];
                        for (int c = 0; c < cin; c++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                    v += wt[((o * cin + c) * k + ky) * k + kx] * ch[c][Reference.ReflectIndex(y + (ky - half) * d, h) * w + Reference.ReflectIndex(xx + (kx - half) * d, w)];
                        outp[y * w + xx] = Math.Max(v, 0);
                    }
                ch.Add(outp);
            }
        }
        var logits = new double[s.Classes * hw];
        for (int k = 0; k < s.Classes; k++)
            for (int i = 0; i < hw; i++)
            {
                double v = net.OutputBias.Value[k];
                for (int c = 0; c < ch.Count; c++) v += net.OutputWeight.Value[k * ch.Count + c] * ch[c][i];
                logits[k * hw + i] = v;
            }
        return logits;
    }

    [Theory]
    [InlineData(6, 1, 3, 10, 1, 13, 11)]
    [InlineData(4, 2, 9, 10, 2, 9, 20)]
    [InlineData(3, 1, 5, 3, 1, 70, 33)]
    public void ForwardMatchesNaiveDenseNetwork(int depth, int width, int k, int maxDil, int classes, int h, int w)
    {
        var net = new MsdNet(new MsdNetParameters(depth, width, k, maxDil, 1, classes, Seed: 7));
        var rng = new Random(2);
        foreach (var p in net.Parameters) if (p.Name.EndsWith(".bias")) for (int i = 0; i < p.Value.Length; i++) p.Value[i] = (float)(0.2 * rng.NextDouble());
        using var x = Reference.Random(rng, 1, 1, h, w);
        using var y = net.Predict(x);
        var expected = NaiveLogits(net, x);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - y.Span[i]) < 1e-4 * (1 + Math.Abs(expected[i])), $"{i}: {y.Span[i]} vs {expected[i]}");
    }

    [Fact]
    public void DilationsAreSeededAndInRange()
    {
        var a = new MsdNet(new MsdNetParameters(Depth: 100, Seed: 3));
        var b = new MsdNet(new MsdNetParameters(Depth: 100, Seed: 3));
        Assert.Equal(a.Dilations, b.Dilations);
        Assert.All(a.Dilations, d => Assert.InRange(d, 1, 10));
        Assert.Equal(10, a.Dilations.Distinct().Count());
        Assert.Equal(1 + 100, a.TotalChannels);
    }

    [Theory]
    [InlineData(1, 3, 11, 9)]
    [InlineData(2, 9, 13, 11)]
    [InlineData(1, 9, 13, 11)]
    [InlineData(2, 3, 13, 11)]
    [InlineData(1, 9, 43, 41)]
    // ReLU kinks make central differences inexact where a pre-activation crosses zero, and float32 rounding
    // limits small steps, hence the loose tolerance; MatchesCompositionOfVerifiedLayers is the tight check.
    public void BackwardMatchesFiniteDifferences(int classes, int k, int h, int w)
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 5, Width: 1, KernelSize: k, MaxDilation: 10, Classes: classes, Seed: 4));
        var rng = new Random(9);
        using var x = Reference.Random(rng, 1, 1, h, w);
        using var t = Tensor.Uninitialised(1, 1, h, w);
        for (int i = 0; i < t.Length; i++) t.Span[i] = rng.Next(classes == 1 ? 2 : classes);
        Reference.AssertGradientsMatchFiniteDifferences(net, x, t, 1e-4f, 5e-2, 3e-5, 6, "msd");
    }

    [Theory]
    [InlineData(1, 9, 10, 13, 11, 6)]
    [InlineData(2, 3, 10, 40, 70, 7)]
    [InlineData(1, 5, 4, 21, 90, 9)]
    public void MatchesCompositionOfVerifiedLayers(int classes, int k, int maxDil, int h, int w, int depth)
    {
        // The same network built from Conv2d/Relu/Concat layers (each checked by finite differences) with explicit
        // concatenated copies must give the same gradients as the in-place buffer implementation.
        var net = new MsdNet(new MsdNetParameters(Depth: depth, Width: 1, KernelSize: k, MaxDilation: maxDil, Classes: classes, Seed: 8));
        var rng = new Random(10);
        using var x = Reference.Random(rng, 1, 1, h, w);
        using var t = Tensor.Uninitialised(1, 1, h, w);
        for (int i = 0; i < t.Length; i++) t.Span[i] = rng.Next(classes == 1 ? 2 : classes);
        foreach (var p in net.Parameters) p.ZeroGrad();
        double loss = net.AccumulateGradients(x, t);

        var convs = new List<Conv2d>();
        var relus = new List<Relu>();
        var inputs = new List<Tensor>();
        var feats = x.Span.ToArray();
        int channels = 1;
        for (int i = 0; i < depth; i++)
        {
            var conv = new Conv2d($"l{i}", channels, 1, k, net.Dilations[i], PaddingMode.Reflect, true, rng);
            net.Parameters[2 * i].Value.CopyTo(conv.Weight.Value, 0);
            net.Parameters[2 * i + 1].Value.CopyTo(conv.Bias!.Value, 0);
            var input = Tensor.FromSpan(feats, 1, channels, h, w);
            var pre = conv.Forward(input, true);
            var relu = new Relu();
            var post = relu.Forward(pre, true);
            feats = [.. feats, .. post.Span.ToArray()];
            channels++;
            convs.Add(conv);
            relus.Add(relu);
            inputs.Add(input);
            inputs.Add(pre);
        }
        var outConv = new Conv2d("out", channels, classes, 1, 1, PaddingMode.Zero, true, rng);
        net.OutputWeight.Value.CopyTo(outConv.Weight.Value, 0);
        net.OutputBias.Value.CopyTo(outConv.Bias!.Value, 0);
        using var all = Tensor.FromSpan(feats, 1, channels, h, w);
        using var logits = outConv.Forward(all, true);
        using var gl = Tensor.Uninitialised(1, classes, h, w);
        double refLoss = classes == 1
            ? TemKit.Neural.Losses.BinaryCrossEntropy.FromLogits(logits.Span, t.Span, gl.Span, 1f / (h * w))
            : TemKit.Neural.Losses.CategoricalCrossEntropy.FromLogits(logits.Span, t.Span, classes, gl.Span, 1f / (h * w));
        Assert.Equal(refLoss / (h * w), loss, 5);
        using var gAll = outConv.Backward(gl);
        var g = gAll.Span.ToArray();
        for (int i = depth - 1; i >= 0; i--)
        {
            int cin = i + 1;
            using var gPost = Tensor.FromSpan(g.AsSpan(cin * h * w, h * w), 1, 1, h, w);
            using var gPre = relus[i].Backward(gPost);
            using var gIn = convs[i].Backward(gPre);
            for (int j = 0; j < cin * h * w; j++) g[j] += gIn.Span[j];
        }
        foreach (var tt in inputs) tt.Dispose();

        void Compare(float[] expected, float[] actual, string name)
        {
            double scale = expected.Max(Math.Abs) + 1e-12;
            for (int j = 0; j < expected.Length; j++) Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-3 * scale, $"{name}[{j}]: {actual[j]} vs {expected[j]}");
        }
        for (int i = 0; i < depth; i++)
        {
            Compare(convs[i].Weight.Grad, net.Parameters[2 * i].Grad, $"layer{i}.weight");
            Compare(convs[i].Bias!.Grad, net.Parameters[2 * i + 1].Grad, $"layer{i}.bias");
        }
        Compare(outConv.Weight.Grad, net.OutputWeight.Grad, "output.weight");
        Compare(outConv.Bias!.Grad, net.OutputBias.Grad, "output.bias");
    }

    [Fact]
    public void Depth100NetworkTrains()
    {
        // The paper's deeper setting: 100 layers in one buffer; a few Adam steps on one sample must lower its loss.
        var net = new MsdNet(new MsdNetParameters(Depth: 100, KernelSize: 3, Seed: 6));
        var sample = SyntheticParticles.Make(1, 24, seed: 7)[0];
        using var x = Tensor.FromSpan(sample.Image, 1, 1, 24, 24);
        using var t = Tensor.FromSpan(sample.Labels, 1, 1, 24, 24);
        var adam = new TemKit.Neural.Optimisers.Adam(net.Parameters, new TemKit.Neural.Optimisers.AdamParameters());
        double first = net.AccumulateGradients(x, t);
        adam.StepAndZeroGrad();
        double last = first;
        for (int i = 0; i < 10; i++)
        {
            last = net.AccumulateGradients(x, t);
            adam.StepAndZeroGrad();
        }
        Assert.True(double.IsFinite(last) && last < 0.9 * first, $"loss {first} -> {last}");
        Assert.Equal(101 * (24 + 2 * 10) * (24 + 2 * 10) * 4L * 2 + (24 + 40) * (24 + 40) * 4L, net.BufferBytes);
    }
}
