namespace TemKit.Neural.Losses;

/// <summary>
/// Binary cross-entropy on logits, −[t·log σ(z) + (1−t)·log(1−σ(z))], evaluated stably as
/// max(z,0) − z·t + log(1 + e^−|z|); its derivative is σ(z) − t.
/// </summary>
public static class BinaryCrossEntropy
{
    /// <summary>Returns the summed loss (nats) over the pixels and writes gradScale·(σ(z) − t) into <paramref name="gradLogits"/> (if not empty).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradLogits, float gradScale)
    {
        if (targets.Length != logits.Length) throw new ArgumentException($"{targets.Length} targets for {logits.Length} logits", nameof(targets));
        bool grad = !gradLogits.IsEmpty;
        if (grad && gradLogits.Length != logits.Length) throw new ArgumentException("gradient span length", nameof(gradLogits));
        double loss = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float z = logits[i], t = targets[i];
            loss += Math.Max(z, 0f) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            if (grad) gradLogits[i] = gradScale * (1f / (1f + MathF.Exp(-z)) - t);
        }
        return loss;
    }
}
