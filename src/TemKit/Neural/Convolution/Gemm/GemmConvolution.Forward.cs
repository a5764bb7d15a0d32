using System.Buffers;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Convolution.Gemm;

public sealed partial class GemmConvolution
{
    /// <summary>
    /// output[n][o][y][x] = bias[o] + Σ_i,ky,kx weights[o][i][ky][kx] · input[n][i][y + (ky − K/2)·d][x + (kx − K/2)·d],
    /// outside pixels per <see cref="Padding"/>. <paramref name="bias"/> empty means none. The caller owns the result.
    /// </summary>
    public Tensor Forward(Tensor input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        CheckInput(input, InChannels, nameof(input));
        CheckWeights(weights);
        if (!bias.IsEmpty && bias.Length != OutChannels) throw new ArgumentException($"{bias.Length} biases for {OutChannels} output channels", nameof(bias));
        int m = Margin, h = input.H, w = input.W, plane = (h + 2 * m) * (w + 2 * m);
        var padded = ArrayPool<float>.Shared.Rent(InChannels * plane);
        var output = Tensor.Uninitialised(input.N, OutChannels, h, w);
        for (int n = 0; n < input.N; n++)
        {
            Pad(input, n, padded);
            ForwardPadded(padded.AsSpan(0, InChannels * plane), h, w, weights, bias, output.Sample(n));
        }
        ArrayPool<float>.Shared.Return(padded);
        return output;
    }

    /// <summary>
    /// Forward pass of one sample whose input is already padded: <paramref name="padded"/> holds InChannels planes of
    /// (h + 2m)×(w + 2m) with the image at (m, m); <paramref name="output"/> gets OutChannels planes of h×w.
    /// </summary>
    internal void ForwardPadded(ReadOnlySpan<float> padded, int h, int w, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        int m = Margin, pw = w + 2 * m;
        var g = new ColumnGeometry(InChannels, Kernel, Dilation, (h + 2 * m) * pw, pw, m * pw + m, h, w);
        Correlate(g, padded, weights, OutChannels, bias, output);
    }
}
