using System.Buffers;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Convolution.Gemm;

public sealed partial class GemmConvolution
{
    /// <summary>Gradient of the loss with respect to the input of <see cref="Forward"/>, given the gradient with respect to its output. The caller owns the result.</summary>
    public Tensor BackwardData(Tensor gradOutput, ReadOnlySpan<float> weights)
    {
        CheckInput(gradOutput, OutChannels, nameof(gradOutput));
        CheckWeights(weights);
        int m = Margin, h = gradOutput.H, w = gradOutput.W, pw = w + 2 * m, plane = (h + 2 * m) * pw;
        var padded = ArrayPool<float>.Shared.Rent(InChannels * plane);
        var gradInput = Tensor.Uninitialised(gradOutput.N, InChannels, h, w);
        for (int n = 0; n < gradOutput.N; n++)
        {
            var gp = padded.AsSpan(0, InChannels * plane);
            BackwardDataPadded(gradOutput.Sample(n), h, w, weights, gp);
            for (int c = 0; c < InChannels; c++)
            {
                var p = gp.Slice(c * plane, plane);
                Convolution.Padding.Fold(p, pw, h, w, m, Padding);
                var dst = gradInput.Plane(n, c);
                for (int y = 0; y < h; y++) p.Slice((y + m) * pw + m, w).CopyTo(dst.Slice(y * w, w));
            }
        }
        ArrayPool<float>.Shared.Return(padded);
        return gradInput;
    }

    /// <summary>
    /// Gradient with respect to the padded input frame of one sample (InChannels planes of (h + 2m)×(w + 2m), overwritten):
    /// the full correlation of the output gradient, zero-padded by 2m, with weights transposed to [in][out] and flipped.
    /// The caller folds the margins back (<see cref="Convolution.Padding.Fold"/>), the adjoint of the padding.
    /// </summary>
    internal void BackwardDataPadded(ReadOnlySpan<float> gradOutput, int h, int w, ReadOnlySpan<float> weights, Span<float> gradPadded)
    {
        int m = Margin, zw = w + 4 * m, zplane = zw * (h + 4 * m);
        var flipped = ArrayPool<float>.Shared.Rent(WeightCount);
        FlipTranspose(weights, flipped);
        var gz = ArrayPool<float>.Shared.Rent(OutChannels * zplane);
        Array.Clear(gz, 0, OutChannels * zplane);
        for (int o = 0; o < OutChannels; o++)
            for (int y = 0; y < h; y++)
                gradOutput.Slice(o * h * w + y * w, w).CopyTo(gz.AsSpan(o * zplane + (y + 2 * m) * zw + 2 * m, w));
        BackwardDataZeroPadded(gz.AsSpan(0, OutChannels * zplane), flipped.AsSpan(0, WeightCount), h, w, gradPadded);
        ArrayPool<float>.Shared.Return(gz);
        ArrayPool<float>.Shared.Return(flipped);
    }

    /// <summary>flipped[i][o][K²−1−t] = weights[o][i][t].</summary>
    private void FlipTranspose(ReadOnlySpan<float> weights, Span<float> flipped)
    {
        int kk = Kernel * Kernel;
        for (int o = 0; o < OutChannels; o++)
            for (int i = 0; i < InChannels; i++)
                for (int t = 0; t < kk; t++)
                    flipped[(i * OutChannels + o) * kk + kk - 1 - t] = weights[(o * InChannels + i) * kk + t];
    }

    /// <summary>
    /// As <see cref="BackwardDataPadded"/> from a prepared output gradient <paramref name="gradZeroPadded"/> (OutChannels
    /// planes of (h + 4m)×(w + 4m), image at (2m, 2m), zero elsewhere) and weights already flipped and transposed to
    /// [in][out][K²−1−t], as the direct path of <see cref="Layers.Conv2d"/> prepares them.
    /// </summary>
    internal void BackwardDataZeroPadded(ReadOnlySpan<float> gradZeroPadded, ReadOnlySpan<float> flipped, int h, int w, Span<float> gradPadded)
    {
        int m = Margin, zw = w + 4 * m, zplane = zw * (h + 4 * m);
        var g = new ColumnGeometry(OutChannels, Kernel, Dilation, zplane, zw, m * zw + m, h + 2 * m, w + 2 * m);
        Correlate(g, gradZeroPadded, flipped, InChannels, default, gradPadded);
    }

    /// <summary>
    /// Adds the gradient with respect to the weights ([out][in][ky][kx]) and, when <paramref name="gradBias"/> is not empty,
    /// the bias to the given accumulators (as <see cref="Parameter.Grad"/>: +=). Sums run in double across pixel bands.
    /// </summary>
    public void BackwardWeights(Tensor input, Tensor gradOutput, Span<float> gradWeights, Span<float> gradBias)
    {
        CheckInput(input, InChannels, nameof(input));
        CheckInput(gradOutput, OutChannels, nameof(gradOutput));
        if (input.N != gradOutput.N || input.H != gradOutput.H || input.W != gradOutput.W)
            throw new ArgumentException($"gradient {gradOutput.ShapeText} does not match input {input.ShapeText}", nameof(gradOutput));
        if (gradWeights.Length != WeightCount) throw new ArgumentException($"{gradWeights.Length} weight gradients, expected {WeightCount}", nameof(gradWeights));
        if (!gradBias.IsEmpty && gradBias.Length != OutChannels) throw new ArgumentException($"{gradBias.Length} bias gradients for {OutChannels} output channels", nameof(gradBias));
        int m = Margin, h = input.H, w = input.W, plane = (h + 2 * m) * (w + 2 * m);
        var padded = ArrayPool<float>.Shared.Rent(InChannels * plane);
        var acc = new double[WeightCount];
        for (int n = 0; n < input.N; n++)
        {
            Pad(input, n, padded);
            BackwardWeightsPadded(padded.AsSpan(0, InChannels * plane), gradOutput.Sample(n), h, w, acc);
            for (int o = 0; o < gradBias.Length; o++)
            {
                double s = 0;
                foreach (float v in gradOutput.Plane(n, o)) s += v;
                gradBias[o] += (float)s;
            }
        }
        for (int i = 0; i < acc.Length; i++) gradWeights[i] += (float)acc[i];
        ArrayPool<float>.Shared.Return(padded);
    }
}
