using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;

namespace TemKit.Pipelines.Training;

/// <summary>
/// An MSD-net or U-Net trained by <see cref="Trainer"/> on in-memory samples (what <c>temkit train</c> runs), saved
/// with <see cref="ModelFile"/>.
/// </summary>
internal sealed class SegmentationTrainingTask(ISegmentationNetwork network, Adam adam, Trainer trainer, IReadOnlyList<SegmentationSample> train,
    IReadOnlyList<SegmentationSample> validation, TrainingState state, ModelInput input, ModelOutput? output) : ITrainingTask
{
    /// <inheritdoc />
    public TrainingState State { get; } = state;

    /// <summary>The state last saved (the starting state before any epoch).</summary>
    public TrainingState Saved { get; private set; } = state;

    /// <inheritdoc />
    public Adam Optimiser => adam;

    /// <inheritdoc />
    public int StepsPerEpoch => trainer.StepsPerEpoch(train.Count);

    /// <inheritdoc />
    public LearningCurveAxes Curve { get; } = new($"{network.Kind} learning curve",
        network.OutputsProbabilities() ? "Cross-entropy (nats/pixel)" : "Squared error per pixel");

    /// <inheritdoc />
    public EpochRecord RunEpoch(int epoch, Action? stepDone, CancellationToken cancel) => trainer.RunEpoch(epoch, train, validation, stepDone);

    /// <inheritdoc />
    public void Save(string path, TrainingState state)
    {
        ModelFile.Save(path, network, adam, state, input, output);
        Saved = state;
    }
}
