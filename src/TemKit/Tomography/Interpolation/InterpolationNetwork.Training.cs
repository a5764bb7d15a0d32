using TemKit.Neural.Tensors;

namespace TemKit.Tomography.Interpolation;

public sealed partial class InterpolationNetwork
{
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
        RequireInput(input);
        if (!sampleWeights.IsEmpty && sampleWeights.Length != input.N) throw new ArgumentException($"{sampleWeights.Length} sample weights for a batch of {input.N}", nameof(sampleWeights));
        if (targetCorrection.N != input.N || targetCorrection.C != 1 || targetCorrection.H != input.H || targetCorrection.W != input.W)
            throw new ArgumentException($"targets {targetCorrection.ShapeText} do not match input {input.ShapeText}", nameof(targetCorrection));
        var kept = new List<Tensor>();
        try
        {
            var x = input;
            foreach (var layer in _layers)
            {
                x = layer.Forward(x, training: true);
                kept.Add(x);
            }
            // The seed model's output is the frame; its correction differs by the (constant) average, so the gradient
            // with respect to the output equals that with respect to the correction.
            using var y = Tensor.FromSpan(x.Span, x.N, 1, x.H, x.W);
            if (PredictsFrame) SubtractAverage(input, y);
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
            var g = grad;
            for (int l = _layers.Length - 1; l >= 0; l--)
            {
                var next = _layers[l].Backward(g);
                if (!ReferenceEquals(g, grad)) g.Dispose();
                g = next;
            }
            g.Dispose();
            return loss / ys.Length;
        }
        finally
        {
            foreach (var t in kept) t.Dispose();
            foreach (var layer in _layers) layer.ReleaseCache();
        }
    }
}
