using System.Buffers;
using TemKit.Neural.Tensors;
using TemKit.Numerics.Gemm;

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

    /// <summary>dst[o][pixel] = bias[o] + Σ_row weights[o][row] · columns[row][pixel], band by band of output rows.</summary>
    private void Correlate(in ColumnGeometry g, ReadOnlySpan<float> src, ReadOnlySpan<float> weights, int outChannels, ReadOnlySpan<float> bias, Span<float> dst)
    {
        int ow = g.OutWidth, plane = g.OutHeight * ow, depth = g.Depth, band = Im2Col.RowsPerBand(g);
        if (dst.Length < outChannels * plane) throw new ArgumentException("output too short", nameof(dst));
        var columns = ArrayPool<float>.Shared.Rent(depth * band * ow);
        var gemm = Gemm;
        for (int y0 = 0; y0 < g.OutHeight; y0 += band)
        {
            int y1 = Math.Min(g.OutHeight, y0 + band), pixels = (y1 - y0) * ow;
            Im2Col.Fill(g, src, y0, y1, columns);
            if (!bias.IsEmpty)
                for (int o = 0; o < outChannels; o++) dst.Slice(o * plane + y0 * ow, pixels).Fill(bias[o]);
            gemm.Multiply(Transpose.No, Transpose.No, outChannels, pixels, depth, 1f, weights, depth,
                columns.AsSpan(0, depth * pixels), pixels, bias.IsEmpty ? 0f : 1f, dst.Slice(y0 * ow), plane);
        }
        ArrayPool<float>.Shared.Return(columns);
    }
}
