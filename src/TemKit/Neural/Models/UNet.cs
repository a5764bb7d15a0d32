using TemKit.Neural.Convolution;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

/// <summary>
/// U-Net of paper 001 SOI A.1. Level l has BaseWidth·2^l channels; the decoder concatenates [up-sampled, skip] before
/// each block. Height and width must be multiples of 2^(Levels−1).
/// </summary>
public sealed class UNet : ISegmentationNetwork
{
    private readonly UNetBlock[] _encoder;
    private readonly MaxPool2d[] _pools;
    private readonly UNetBlock[] _decoder;
    private readonly BilinearUpsample2x[] _ups;
    private readonly Conv2d _output;
    private readonly int[] _widths;

    /// <summary>Builds the network with weights initialised from the seed (He-normal convolutions, PReLU slopes 0.25).</summary>
    public UNet(UNetParameters settings)
    {
        settings.Validate();
        Settings = settings;
        var rng = new Random(settings.Seed);
        int levels = settings.Levels, k = settings.KernelSize;
        _widths = Enumerable.Range(0, levels).Select(l => settings.BaseWidth << l).ToArray();
        _encoder = new UNetBlock[levels];
        _pools = new MaxPool2d[levels - 1];
        _decoder = new UNetBlock[levels - 1];
        _ups = new BilinearUpsample2x[levels - 1];
        var all = new List<Parameter>();
        for (int l = 0; l < levels; l++)
        {
            _encoder[l] = new UNetBlock($"enc{l}", l == 0 ? settings.InputChannels : _widths[l - 1], _widths[l], k, settings.Padding, rng);
            all.AddRange(_encoder[l].Parameters);
            if (l < levels - 1) _pools[l] = new MaxPool2d();
        }
        for (int l = levels - 2; l >= 0; l--)
        {
            _ups[l] = new BilinearUpsample2x();
            _decoder[l] = new UNetBlock($"dec{l}", _widths[l + 1] + _widths[l], _widths[l], k, settings.Padding, rng);
            all.AddRange(_decoder[l].Parameters);
        }
        _output = new Conv2d("output", _widths[0], settings.Classes, 1, 1, PaddingMode.Zero, bias: true, rng);
        all.AddRange(_output.Parameters);
        Parameters = all;
    }

    /// <summary>The architecture settings.</summary>
    public UNetParameters Settings { get; }

    /// <inheritdoc />
    public string Kind => "unet";

    /// <inheritdoc />
    public int InputChannels => Settings.InputChannels;

    /// <inheritdoc />
    public int Classes => Settings.Classes;

    /// <inheritdoc />
    public Losses.LossKind Loss => Settings.Loss;

    /// <inheritdoc />
    public float[]? ClassWeights { get; set; }

    /// <inheritdoc />
    public int SizeMultiple => 1 << (Settings.Levels - 1);

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public Tensor Predict(Tensor input) => Forward(input, training: false);

    /// <inheritdoc />
    public double AccumulateGradients(Tensor input, Tensor targets)
    {
        SegmentationLoss.CheckTargets(input, targets, Loss, Classes);
        try
        {
            using var logits = Forward(input, training: true);
            using var grad = Tensor.Uninitialised(logits.N, logits.C, logits.H, logits.W);
            int hw = input.H * input.W;
            float scale = 1f / ((float)input.N * hw);
            double loss = 0;
            for (int n = 0; n < input.N; n++)
                loss += SegmentationLoss.Sample(Loss, Classes, logits.Sample(n), targets.Sample(n), grad.Sample(n), scale, ClassWeights);
            Backward(grad).Dispose();
            return loss / ((double)input.N * hw);
        }
        finally
        {
            ReleaseCache();
        }
    }

    private Tensor Forward(Tensor input, bool training)
    {
        if (input.C != InputChannels) throw new ArgumentException($"U-Net expects {InputChannels} input channel(s), got {input.ShapeText}", nameof(input));
        if (input.H % SizeMultiple != 0 || input.W % SizeMultiple != 0)
            throw new ArgumentException($"U-Net with {Settings.Levels} levels needs sizes divisible by {SizeMultiple}, got {input.W}x{input.H}", nameof(input));
        int levels = Settings.Levels;
        var skips = new Tensor[levels - 1];
        var x = input;
        for (int l = 0; l < levels; l++)
        {
            var e = _encoder[l].Forward(x, training);
            if (x != input) x.Dispose();
            if (l == levels - 1)
            {
                x = e;
                break;
            }
            skips[l] = e;
            x = _pools[l].Forward(e, training);
        }
        for (int l = levels - 2; l >= 0; l--)
        {
            var u = _ups[l].Forward(x, training);
            x.Dispose();
            var c = Concat.Forward(u, skips[l]);
            u.Dispose();
            skips[l].Dispose();
            x = _decoder[l].Forward(c, training);
            c.Dispose();
        }
        var logits = _output.Forward(x, training);
        if (x != input) x.Dispose();
        return logits;
    }

    private Tensor Backward(Tensor gradLogits)
    {
        int levels = Settings.Levels;
        var g = _output.Backward(gradLogits);
        var skipGrads = new Tensor[levels - 1];
        for (int l = 0; l < levels - 1; l++)
        {
            var gc = _decoder[l].Backward(g);
            g.Dispose();
            var (gu, gs) = Concat.Backward(gc, _widths[l + 1]);
            gc.Dispose();
            skipGrads[l] = gs;
            g = _ups[l].Backward(gu);
            gu.Dispose();
        }
        for (int l = levels - 1; l >= 0; l--)
        {
            if (l < levels - 1)
            {
                var gp = _pools[l].Backward(g);
                g.Dispose();
                System.Numerics.Tensors.TensorPrimitives.Add(gp.Span, skipGrads[l].Span, gp.Span);
                skipGrads[l].Dispose();
                g = gp;
            }
            var gx = _encoder[l].Backward(g);
            g.Dispose();
            g = gx;
        }
        return g;
    }

    private void ReleaseCache()
    {
        foreach (var b in _encoder) b.ReleaseCache();
        foreach (var b in _decoder) b.ReleaseCache();
        foreach (var p in _pools) p.ReleaseCache();
        _output.ReleaseCache();
    }
}
