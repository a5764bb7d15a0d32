using TemKit.Neural.Convolution;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

public sealed partial class MsdNet
{
    /// <inheritdoc />
    public double AccumulateGradients(Tensor input, Tensor targets)
    {
        CheckInput(input);
        SegmentationLoss.CheckTargets(input, targets, Loss, Classes);
        EnsureBuffers(input.H, input.W, training: true);
        int hw = input.H * input.W;
        float scale = 1f / ((float)input.N * hw);
        double loss = 0;
        using var logits = Tensor.Uninitialised(1, Classes, input.H, input.W);
        using var gradLogits = Tensor.Uninitialised(1, Classes, input.H, input.W);
        for (int n = 0; n < input.N; n++)
        {
            ForwardSample(input, n);
            OutputLayer(logits.Span);
            loss += SegmentationLoss.Sample(Loss, Classes, logits.Span, targets.Sample(n), gradLogits.Span, scale, ClassWeights);
            BackwardSample(gradLogits.Span);
        }
        return loss / ((double)input.N * hw);
    }

    /// <summary>Walks the layers in reverse, accumulating parameter gradients; the gradient buffer holds ∂L/∂feature per channel.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void BackwardSample(ReadOnlySpan<float> gradLogits)
    {
        var f = _features!;
        var gb = _gradients!;
        var z = _scratch!;
        int h = _bufferH, w = _bufferW, m = Margin, pw = PaddedWidth, plane = PaddedPlane, hw = h * w;
        int zw = ScratchWidth, zplane = ScratchPlane, origin = m * pw + m, kk = Settings.KernelSize * Settings.KernelSize;
        int width = Settings.Width;
        Array.Clear(gb);

        // Output 1x1 layer: bias and weight gradients, then ∂L/∂feature_c = Σ_k w[k][c]·∂L/∂logit_k.
        for (int k = 0; k < Classes; k++) OutputBias.Grad[k] += (float)Layers.Conv2d.Sum(gradLogits.Slice(k * hw, hw));
        var gOut = new ConvGeometry(TotalChannels, Classes, h, w, 1, 1, plane, pw, origin, hw, w, 0);
        AddWeightGradient(gOut, f, gradLogits, hw, w, 0, OutputWeight);
        var transposed = new float[TotalChannels * Classes];
        for (int k = 0; k < Classes; k++)
            for (int c = 0; c < TotalChannels; c++) transposed[c * Classes + k] = OutputWeight.Value[k * TotalChannels + c];
        var gIn = new ConvGeometry(Classes, TotalChannels, h, w, 1, 1, hw, w, 0, plane, pw, origin);
        DirectConvolution.Forward(gIn, gradLogits, transposed, default, gb, accumulate: false);

        int zOrigin = 2 * m * zw + 2 * m;
        for (int i = Settings.Depth - 1; i >= 0; i--)
        {
            int cin = LayerInputs(i), d = Dilations[i], p = Settings.KernelSize / 2 * d;
            // All consumers of this layer's channels are done: fold their margins, apply the ReLU mask, sum the bias.
            for (int k = 0; k < width; k++)
            {
                var gp = gb.AsSpan((cin + k) * plane, plane);
                Padding.Fold(gp, pw, h, w, m, PaddingMode.Reflect);
                var fp = f.AsSpan((cin + k) * plane, plane);
                var zp = z.AsSpan(k * zplane, zplane);
                double bias = 0;
                for (int y = 0; y < h; y++)
                {
                    var gr = gp.Slice((y + m) * pw + m, w);
                    var fr = fp.Slice((y + m) * pw + m, w);
                    var zr = zp.Slice((y + 2 * m) * zw + 2 * m, w);
                    for (int x = 0; x < w; x++)
                    {
                        float v = fr[x] > 0 ? gr[x] : 0f;
                        zr[x] = v;
                        bias += v;
                    }
                }
                _biases[i].Grad[k] += (float)bias;
            }
            var gl = new ConvGeometry(cin, width, h, w, Settings.KernelSize, d, plane, pw, origin, plane, pw, 0);
            AddWeightGradient(gl, f.AsSpan(0, cin * plane), z, zplane, zw, zOrigin, _weights[i]);

            // ∂L/∂(earlier channels) += full correlation of the layer gradient with the flipped kernel, over the reach of its padding.
            var wv = _weights[i].Value;
            var flipped = new float[wv.Length];
            for (int k = 0; k < width; k++)
                for (int c = 0; c < cin; c++)
                    for (int t = 0; t < kk; t++) flipped[(c * width + k) * kk + kk - 1 - t] = wv[(k * cin + c) * kk + t];
            var gt = new ConvGeometry(width, cin, h + 2 * p, w + 2 * p, Settings.KernelSize, d,
                zplane, zw, (2 * m - p) * zw + 2 * m - p, plane, pw, (m - p) * pw + m - p);
            DirectConvolution.Forward(gt, z, flipped, default, gb, accumulate: true);
        }
    }

    private static void AddWeightGradient(ConvGeometry g, ReadOnlySpan<float> src, ReadOnlySpan<float> grad, int gradChannelStride, int gradRowStride, int gradOrigin, Parameter weight)
    {
        var acc = new double[weight.Value.Length];
        DirectConvolution.WeightGradient(g, src, grad, gradChannelStride, gradRowStride, gradOrigin, acc);
        for (int i = 0; i < acc.Length; i++) weight.Grad[i] += (float)acc[i];
    }
}
