namespace TemKit.Neural.Losses;

/// <summary>Squared error (z − t)² summed over the values; its derivative is 2·(z − t).</summary>
public static class MeanSquaredError
{
    /// <summary>Returns Σ(z − t)² and writes gradScale·2·(z − t) into <paramref name="gradOutputs"/> (if not empty).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double FromOutputs(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradOutputs, float gradScale)
    {
        if (targets.Length != outputs.Length) throw new ArgumentException($"{targets.Length} targets for {outputs.Length} outputs", nameof(targets));
        bool grad = !gradOutputs.IsEmpty;
        if (grad && gradOutputs.Length != outputs.Length) throw new ArgumentException("gradient span length", nameof(gradOutputs));
        double loss = 0;
        float twice = 2f * gradScale;
        for (int i = 0; i < outputs.Length; i++)
        {
            float d = outputs[i] - targets[i];
            loss += (double)d * d;
            if (grad) gradOutputs[i] = twice * d;
        }
        return loss;
    }
}
