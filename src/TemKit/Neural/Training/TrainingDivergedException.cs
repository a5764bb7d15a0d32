namespace TemKit.Neural.Training;

/// <summary>Training stopped because the loss or a weight became NaN or infinite (too large a learning rate, or bad
/// data); the network's weights from that step on are meaningless, so nothing after it should be saved.</summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="epoch"/> and <paramref name="step"/> (1-based).</summary>
    public TrainingDivergedException(int epoch, int step, string what)
        : base($"training diverged at epoch {epoch}, step {step}: {what}")
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>Epoch (1-based) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>Optimiser step (1-based, within the epoch) after which it was noticed.</summary>
    public int Step { get; }

    /// <summary>
    /// The check every trainer makes after an optimiser step: throws when <paramref name="loss"/> is not finite or a
    /// weight of <paramref name="parameters"/> is NaN or infinite (naming the parameter).
    /// </summary>
    public static void ThrowIfDiverged(int epoch, int step, double loss, IReadOnlyList<Tensors.Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch, step, $"the training loss is {loss}");
        foreach (var p in parameters)
        {
            // The sum of finite floats is finite or ±inf; a NaN or inf weight makes it NaN or inf.
            if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum<float>(p.Value)) && HasNonFinite(p.Value))
                throw new TrainingDivergedException(epoch, step, $"parameter {p.Name} holds a weight that is not finite");
        }
    }

    private static bool HasNonFinite(float[] values)
    {
        foreach (float v in values) if (!float.IsFinite(v)) return true;
        return false;
    }
}
