using TemKit.Neural.Convolution;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Fully convolutional frame interpolator (issue 17's "better" model). Input channels: the frame before, the frame
/// after (each min-max normalised to [0, 1], <see cref="FrameNormalisation"/>) and a constant plane holding the
/// half-gap in degrees divided by <see cref="GapScaleDegrees"/>. Output: one plane, a correction added to the linear
/// average (before + after)/2, so the prediction is average + output. The last 1×1 layer starts at zero, so an untrained
/// network is exactly linear interpolation. Trained with the mean squared error against the true (normalised) frame.
/// </summary>
public sealed class InterpolationNetwork
{
    /// <summary>Input channels: before, after, half-gap plane.</summary>
    public const int InputChannels = 3;

    /// <summary>The half-gap plane holds halfGapDegrees / GapScaleDegrees (so the trained gaps 1-4° give 0.25-1).</summary>
    public const double GapScaleDegrees = 4;

    private readonly Conv2d[] _convs;
    private readonly PRelu[] _activations;
    private readonly Conv2d _output;

    /// <summary>Builds the network with He-normal hidden weights (from the seed) and a zero output layer.</summary>
    public InterpolationNetwork(InterpolationNetworkParameters settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        var rng = new Random(settings.Seed);
        int layers = settings.Dilations.Count, w = settings.Width;
        _convs = new Conv2d[layers];
        _activations = new PRelu[layers];
        var all = new List<Parameter>();
        for (int l = 0; l < layers; l++)
        {
            _convs[l] = new Conv2d($"conv{l}", l == 0 ? InputChannels : w, w, 3, settings.Dilations[l], PaddingMode.Zero, bias: true, rng);
            _activations[l] = new PRelu($"act{l}", w);
            all.AddRange(_convs[l].Parameters);
            all.AddRange(_activations[l].Parameters);
        }
        _output = new Conv2d("output", w, 1, 1, 1, PaddingMode.Zero, bias: true, rng);
        Array.Clear(_output.Weight.Value);
        all.AddRange(_output.Parameters);
        Parameters = all;
    }

    /// <summary>The architecture.</summary>
    public InterpolationNetworkParameters Settings { get; }

    /// <summary>All trainable parameters, in checkpoint order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The correction planes (N × 1 × H × W) for inputs N × 3 × H × W (caller disposes).</summary>
    public Tensor PredictCorrection(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        for (int l = 0; l < _convs.Length; l++)
        {
            using var c = _convs[l].Forward(x, training: false);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = _activations[l].Forward(c, training: false);
        }
        var y = _output.Forward(x, training: false);
        x.Dispose();
        return y;
    }

    /// <summary>
    /// Training step: forward pass, mean squared error between the correction and <paramref name="targetCorrection"/>
    /// (N × 1 × H × W: true frame − linear average, normalised units) over the batch and pixels, and backward pass
    /// accumulating gradients. Returns the mean squared error.
    /// </summary>
    public double AccumulateGradients(Tensor input, Tensor targetCorrection) => AccumulateGradients(input, targetCorrection, default);

    /// <summary>
    /// Training step with a weight per sample: loss = (1/N) Σₙ wₙ · mean over pixels of (correction − target)², so
    /// with wₙ = 1 / (linear interpolation's MSE on sample n) every sample counts by its error relative to linear
    /// interpolation (an even footing for easy noise-free small gaps and hard noisy wide ones). Empty
    /// <paramref name="sampleWeights"/> = all 1. Returns the loss.
    /// </summary>
    public double AccumulateGradients(Tensor input, Tensor targetCorrection, ReadOnlySpan<float> sampleWeights)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targetCorrection);
        if (!sampleWeights.IsEmpty && sampleWeights.Length != input.N) throw new ArgumentException($"{sampleWeights.Length} sample weights for a batch of {input.N}", nameof(sampleWeights));
        if (targetCorrection.N != input.N || targetCorrection.C != 1 || targetCorrection.H != input.H || targetCorrection.W != input.W)
            throw new ArgumentException($"targets {targetCorrection.ShapeText} do not match input {input.ShapeText}", nameof(targetCorrection));
        var kept = new List<Tensor>();
        try
        {
            var x = input;
            for (int l = 0; l < _convs.Length; l++)
            {
                var c = _convs[l].Forward(x, training: true);
                kept.Add(c);
                x = _activations[l].Forward(c, training: true);
                kept.Add(x);
            }
            using var y = _output.Forward(x, training: true);
            using var grad = Tensor.Uninitialised(y.N, 1, y.H, y.W);
            var ys = y.Span;
            var ts = targetCorrection.Span;
            var gs = grad.Span;
            double loss = 0;
            int plane = y.H * y.W;
            for (int n = 0; n < y.N; n++)
            {
                float w = sampleWeights.IsEmpty ? 1f : sampleWeights[n];
                float scale = 2f * w / ys.Length;
                double sampleLoss = 0;
                for (int i = n * plane; i < (n + 1) * plane; i++)
                {
                    float d = ys[i] - ts[i];
                    sampleLoss += (double)d * d;
                    gs[i] = scale * d;
                }
                loss += w * sampleLoss;
            }
            var g = _output.Backward(grad);
            for (int l = _convs.Length - 1; l >= 0; l--)
            {
                var ga = _activations[l].Backward(g);
                g.Dispose();
                g = _convs[l].Backward(ga);
                ga.Dispose();
            }
            g.Dispose();
            return loss / ys.Length;
        }
        finally
        {
            foreach (var t in kept) t.Dispose();
            foreach (var c in _convs) c.ReleaseCache();
            foreach (var a in _activations) a.ReleaseCache();
            _output.ReleaseCache();
        }
    }
}
