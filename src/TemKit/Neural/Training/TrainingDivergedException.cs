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
}
