using System.Numerics.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>Output non-linearities turning logits into probabilities.</summary>
public static class Activations
{
    /// <summary>Logistic sigmoid σ(z) = 1/(1 + e^−z), element-wise.</summary>
    public static void Sigmoid(ReadOnlySpan<float> logits, Span<float> probabilities) => TensorPrimitives.Sigmoid(logits, probabilities);

    /// <summary>
    /// Softmax across <paramref name="channels"/> planes of <paramref name="planeLength"/> pixels each:
    /// p_c = e^(z_c − max)/Σ_k e^(z_k − max) per pixel.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities, int channels, int planeLength)
    {
        if (logits.Length < channels * planeLength || probabilities.Length < channels * planeLength) throw new ArgumentException("spans too short");
        for (int i = 0; i < planeLength; i++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < channels; c++) max = Math.Max(max, logits[c * planeLength + i]);
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                float e = MathF.Exp(logits[c * planeLength + i] - max);
                probabilities[c * planeLength + i] = e;
                sum += e;
            }
            float inv = (float)(1 / sum);
            for (int c = 0; c < channels; c++) probabilities[c * planeLength + i] *= inv;
        }
    }
}
