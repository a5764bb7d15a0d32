using TemKit.Neural.Convolution;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

public sealed partial class MsdNet
{
    /// <inheritdoc />
    public Tensor Predict(Tensor input)
    {
        CheckInput(input);
        EnsureBuffers(input.H, input.W, training: false);
        var logits = Tensor.Uninitialised(input.N, Classes, input.H, input.W);
        for (int n = 0; n < input.N; n++)
        {
            ForwardSample(input, n);
            OutputLayer(logits.Sample(n));
        }
        return logits;
    }

    private void CheckInput(Tensor input)
    {
        if (input.C != InputChannels) throw new ArgumentException($"MSD-net expects {InputChannels} input channel(s), got {input.ShapeText}", nameof(input));
    }

    /// <summary>Fills the feature buffer for sample n: input channels, then each layer's ReLU(conv + bias) with reflect margins.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ForwardSample(Tensor input, int n)
    {
        var f = _features!;
        int h = _bufferH, w = _bufferW, m = Margin, pw = PaddedWidth, plane = PaddedPlane;
        for (int c = 0; c < InputChannels; c++)
        {
            var src = input.Plane(n, c);
            var dst = f.AsSpan(c * plane, plane);
            for (int y = 0; y < h; y++) src.Slice(y * w, w).CopyTo(dst.Slice((y + m) * pw + m, w));
            Padding.Fill(dst, pw, h, w, m, PaddingMode.Reflect);
        }
        int origin = m * pw + m;
        for (int i = 0; i < Settings.Depth; i++)
        {
            int cin = LayerInputs(i);
            var g = new ConvGeometry(cin, Settings.Width, h, w, Settings.KernelSize, Dilations[i], plane, pw, origin, plane, pw, cin * plane + origin);
            DirectConvolution.Forward(g, f.AsSpan(0, cin * plane), _weights[i].Value, _biases[i].Value, f, accumulate: false);
            for (int k = 0; k < Settings.Width; k++)
            {
                var dst = f.AsSpan((cin + k) * plane, plane);
                for (int y = 0; y < h; y++)
                {
                    var row = dst.Slice((y + m) * pw + m, w);
                    System.Numerics.Tensors.TensorPrimitives.Max(row, 0f, row);
                }
                Padding.Fill(dst, pw, h, w, m, PaddingMode.Reflect);
            }
        }
    }

    /// <summary>The final 1x1 convolution over all channels into <paramref name="logits"/> (Classes planes of H x W).</summary>
    private void OutputLayer(Span<float> logits)
    {
        int pw = PaddedWidth, origin = Margin * pw + Margin;
        var g = new ConvGeometry(TotalChannels, Classes, _bufferH, _bufferW, 1, 1, PaddedPlane, pw, origin, _bufferH * _bufferW, _bufferW, 0);
        DirectConvolution.Forward(g, _features, OutputWeight.Value, OutputBias.Value, logits, accumulate: false);
    }
}
