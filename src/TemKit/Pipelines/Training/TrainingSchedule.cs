namespace TemKit.Pipelines.Training;

/// <summary>How long <see cref="TrainingJob.Train"/> runs and where it checkpoints.</summary>
/// <param name="ModelPath">Model file written after every epoch, with MODEL.history.csv and MODEL.learning-curve.svg beside it.</param>
/// <param name="Epochs">Total epochs (a resumed run continues up to this number).</param>
/// <param name="MaxSeconds">No new epoch starts once this much wall time has passed (s; 0 = no limit), so a run fits a time slot; resume later.</param>
public sealed record TrainingSchedule(string ModelPath, int Epochs, double MaxSeconds = 0);

/// <summary>The outcome of <see cref="TrainingJob.Train"/>.</summary>
/// <param name="ModelPath">Model file written (absolute).</param>
/// <param name="State">Epochs done, seed, learning curve and run settings, as last saved.</param>
/// <param name="EpochsRun">Epochs trained by this call.</param>
/// <param name="StoppedByTimeLimit">True when <see cref="TrainingSchedule.MaxSeconds"/> ended the run before its epochs.</param>
/// <param name="Seconds">Wall time of this call (s).</param>
public sealed record TrainingOutcome(string ModelPath, Neural.Models.TrainingState State, int EpochsRun, bool StoppedByTimeLimit, double Seconds);
