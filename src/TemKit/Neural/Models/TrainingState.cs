namespace TemKit.Neural.Models;

/// <summary>One line of the learning curve.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch (nats per pixel for segmentation; the training task's loss otherwise).</param>
/// <param name="ValidationLoss">Mean validation loss (same units; NaN without validation images).</param>
/// <param name="ValidationF1">Pixel F1 score of the validation images at probability 0.5 (NaN without validation images).</param>
/// <param name="Seconds">Wall-clock time of the epoch (s).</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double ValidationF1, double Seconds)
{
    /// <summary>
    /// Further validation figures of the epoch by name, e.g. "gain_db" (a regression network's gain over a baseline);
    /// written as extra columns of the history CSV; null (and absent from the model file) when there are none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}

/// <summary>Where a training run stands, stored in checkpoints so that --resume continues the same run.</summary>
/// <param name="EpochsDone">Completed epochs.</param>
/// <param name="Seed">Seed of the run (crops, augmentation, split).</param>
/// <param name="History">Learning curve so far.</param>
/// <param name="Run">What the run was started with (null in checkpoints written before it was stored).</param>
public sealed record TrainingState(int EpochsDone, int Seed, IReadOnlyList<EpochRecord> History, TrainingRun? Run = null);
