using TemKit.Neural.Models;


namespace TemKit.Pipelines.Training;

/// <summary>The outcome of a <see cref="TrainingJob"/>: the trained network as saved in the model file.</summary>
/// <param name="ModelPath">Model file written (absolute).</param>
/// <param name="Network">The network with its final weights.</param>
/// <param name="State">Epochs done, seed, learning curve and the run's settings, as stored in the file.</param>
/// <param name="Input">Training pixel size and normalisation, as stored in the file.</param>
/// <param name="TrainCount">Training samples.</param>
/// <param name="ValidationCount">Validation samples.</param>
public sealed record TrainingResult(string ModelPath, ISegmentationNetwork Network, TrainingState State, ModelInput Input, int TrainCount, int ValidationCount)
{
    /// <summary>The last epoch's record, or null when no epoch was trained (a resumed run that had already reached its epochs).</summary>
    public EpochRecord? LastEpoch => State.History.Count > 0 ? State.History[^1] : null;
}
