using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;

using TemKit.Neural.Training;

namespace TemKit.Pipelines.Training;

/// <summary>What <see cref="TrainingJob"/> trains: the data, the network, the trainer settings and where the model goes.</summary>
/// <param name="ModelPath">Model file (.tkm) written after every epoch, with MODEL.history.csv and MODEL.learning-curve.svg beside it.</param>
/// <param name="Samples">Image/label pairs (e.g. from <see cref="SegmentationDataset.Load"/>, or built in code); the validation
/// images are split off with <see cref="ValidationFraction"/> and the trainer's seed.</param>
/// <param name="Network">
/// <see cref="MsdNetParameters"/> or <see cref="UNetParameters"/>: required for a new run; on <see cref="Resume"/> null keeps
/// the stored architecture, and any other value must equal it.
/// </param>
/// <param name="Trainer">Epochs (total, a resumed run continues up to it), batch, crop, crops per image, seed, augmentation, Adam settings.</param>
/// <param name="ValidationFraction">Fraction of the samples held out for validation, in [0, 1).</param>
/// <param name="Resume">Continue the run stored in <see cref="ModelPath"/> (same data, split, crop, batch, learning rate and seed).</param>
/// <param name="Output">Names of the output channels and a description of the data, recorded in the model file (optional).</param>
public sealed record TrainingJobParameters(
    string ModelPath,
    IReadOnlyList<SegmentationSample> Samples,
    object? Network,
    TrainerParameters Trainer,
    double ValidationFraction = 0.1,
    bool Resume = false,
    ModelOutput? Output = null)
{
    /// <summary>
    /// How each input channel of the samples was prepared (e.g. <see cref="DefocusChannel.Channels"/>), recorded in the
    /// model file so segmenters prepare images the same way; null = every channel standardised.
    /// </summary>
    public IReadOnlyList<InputChannel>? InputChannels { get; init; }

    /// <summary>
    /// Warm start: a model file whose network weights a new run starts from (fine-tuning on other data) instead of
    /// random ones; the optimiser state and the epoch count start afresh. <see cref="Network"/> may be null (the file's
    /// architecture is kept) or must equal it. Not used on <see cref="Resume"/>. Null = random initial weights.
    /// </summary>
    public string? InitialModelPath { get; init; }

    /// <summary>
    /// Cosine learning-rate decay by epoch (null = the constant rate of the trainer's Adam settings); it may be added when
    /// resuming a run (the rate each epoch used is recorded in the history as <c>learning_rate</c>).
    /// </summary>
    public LearningRateDecay? Decay { get; init; }
}
