namespace TemKit.Pipelines.Training;

/// <summary>How long <see cref="TrainingJob.Train"/> runs and where it checkpoints.</summary>
/// <param name="ModelPath">Model file written after every epoch, with MODEL.history.csv and MODEL.learning-curve.svg beside it.</param>
/// <param name="Epochs">Total epochs (a resumed run continues up to this number).</param>
/// <param name="MaxSeconds">No new epoch starts once this much wall time has passed (s; 0 = no limit), so a run fits a time slot; resume later.</param>
/// <param name="Decay">
/// Learning-rate decay by epoch (null = the optimiser's rate throughout). The factor of each epoch is set on the task's
/// optimiser before the epoch and recorded in its history as the metric <see cref="TrainingJob.LearningRateMetric"/>
/// (the rate used); it depends only on the epoch number, so give the same decay on every resume of a run.
/// </param>
public sealed record TrainingSchedule(string ModelPath, int Epochs, double MaxSeconds = 0, Neural.Optimisers.LearningRateDecay? Decay = null);

/// <summary>The outcome of <see cref="TrainingJob.Train"/>.</summary>
/// <param name="ModelPath">Model file written (absolute).</param>
/// <param name="State">Epochs done, seed, learning curve and run settings, as last saved.</param>
/// <param name="EpochsRun">Epochs trained by this call.</param>
/// <param name="StoppedByTimeLimit">True when <see cref="TrainingSchedule.MaxSeconds"/> ended the run before its epochs.</param>
/// <param name="Seconds">Wall time of this call (s).</param>
public sealed record TrainingOutcome(string ModelPath, Neural.Models.TrainingState State, int EpochsRun, bool StoppedByTimeLimit, double Seconds);
