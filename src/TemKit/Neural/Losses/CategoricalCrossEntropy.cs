namespace TemKit.Neural.Losses;

/// <summary>
/// Categorical cross-entropy on logits for one sample, −log softmax(z)_t per pixel, where t is the class index stored
/// in the target plane; the derivative with respect to z_c is p_c − [c = t].
/// </summary>
public static class CategoricalCrossEntropy
{
    /// <summary>
    /// Logits are <paramref name="channels"/> planes of the target's length; returns the summed loss (nats) and writes
    /// gradScale·(p − onehot(t)) into <paramref name="gradLogits"/> (if not empty). With <paramref name="classWeights"/>
    /// (one per class; empty = all 1) every pixel's loss and gradient are multiplied by the weight of its target class
    /// w_t, the weighted cross-entropy −w_t log softmax(z)_t that lifts rare classes.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int channels, Span<float> gradLogits, float gradScale,
        ReadOnlySpan<float> classWeights = default)
    {
        int n = targets.Length;
        if (logits.Length != channels * n) throw new ArgumentException($"{logits.Length} logits for {channels} classes x {n} pixels", nameof(logits));
        bool weighted = !classWeights.IsEmpty;
        if (weighted && classWeights.Length != channels) throw new ArgumentException($"{classWeights.Length} class weights for {channels} classes", nameof(classWeights));
        bool grad = !gradLogits.IsEmpty;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            int t = (int)targets[i];
            if ((uint)t >= (uint)channels) throw new ArgumentException($"class {t} outside 0..{channels - 1}", nameof(targets));
            float max = float.NegativeInfinity;
            for (int c = 0; c < channels; c++) max = Math.Max(max, logits[c * n + i]);
            double sum = 0;
            for (int c = 0; c < channels; c++) sum += Math.Exp(logits[c * n + i] - max);
            double logSum = Math.Log(sum) + max;
            float w = weighted ? classWeights[t] : 1f;
            loss += w * (logSum - logits[t * n + i]);
            if (grad)
                for (int c = 0; c < channels; c++)
                    gradLogits[c * n + i] = w * gradScale * (float)(Math.Exp(logits[c * n + i] - logSum) - (c == t ? 1 : 0));
        }
        return loss;
    }
}
