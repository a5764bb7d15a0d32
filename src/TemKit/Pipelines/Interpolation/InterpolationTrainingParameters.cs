using TemKit.Neural.Optimisers;
using TemKit.Tomography;
using TemKit.Tomography.Interpolation;

namespace TemKit.Pipelines.Interpolation;

/// <summary>A training run of an <see cref="InterpolationNetwork"/> (the library job behind <c>temkit tomo train-interpolation</c>).</summary>
public sealed record InterpolationTrainingParameters
{
    /// <summary>The tilt dataset folder (<c>temkit simulate tilt-dataset</c>); its train split trains, its validation split validates.</summary>
    public required string DatasetFolder { get; init; }

    /// <summary>The model file written after every epoch (a checkpoint with the optimiser state).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Architecture (ignored when resuming: the checkpoint's is used); the seed model's <see cref="InterpolationNetworkParameters.FramePx"/> is the dataset's frame edge when 0.</summary>
    public InterpolationNetworkParameters Network { get; init; } = new();

    /// <summary>Gaps, doses and draws per cluster.</summary>
    public InterpolationSampling Sampling { get; init; } = new();

    /// <summary>Total epochs (a resumed run continues up to this number).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Edge of the random training crops (px); null = 32 for the residual network and the whole frame for the seed model (which takes only that).</summary>
    public int? CropPx { get; init; }

    /// <summary>Crops per optimiser step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Adam settings (the learning rate 1e-3 as for the segmentation networks).</summary>
    public AdamParameters Adam { get; init; } = new();

    /// <summary>Continue from the checkpoint at <see cref="ModelPath"/> when it exists.</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Cosine learning-rate decay by epoch (null = the constant rate of <see cref="Adam"/>); it may be added when resuming
    /// a run (the rate each epoch used is recorded in the history as <c>learning_rate</c>); give the same decay on each
    /// later resume of that run.
    /// </summary>
    public LearningRateDecay? Decay { get; init; }

    /// <summary>Start no new epoch once this much wall time has passed (s; 0 = no limit), so a run fits a time slot; resume later.</summary>
    public double MaxSeconds { get; init; }

    /// <summary>Validation frames per validation cluster, dose and gap (evenly spaced through the series).</summary>
    public int ValidationFramesPerSeries { get; init; } = 2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        // The seed model's frame edge comes from the dataset when unset.
        (Network.Architecture == InterpolationArchitecture.Seed && Network.FramePx == 0 ? Network with { FramePx = 1 << Math.Clamp(Network.Levels, 0, 8) } : Network).Validate();
        Sampling.Validate();
        Adam.Validate();
        Decay?.Validate();
        if (Epochs < 1) throw new ArgumentException($"epochs must be ≥ 1, got {Epochs}");
        if (CropPx is { } crop && crop is < 8 or > 4096) throw new ArgumentException($"crop must be 8..4096 px, got {CropPx}");
        if (BatchSize is < 1 or > 1024) throw new ArgumentException($"batch size must be 1..1024, got {BatchSize}");
        if (MaxSeconds < 0) throw new ArgumentException($"time limit must be ≥ 0 s, got {MaxSeconds}");
        if (ValidationFramesPerSeries < 1) throw new ArgumentException($"validation frames must be ≥ 1, got {ValidationFramesPerSeries}");
    }
}

/// <summary>Result of a training run.</summary>
/// <param name="Model">The model as saved.</param>
/// <param name="EpochsRun">Epochs trained by this call.</param>
/// <param name="StoppedByTimeLimit">True when <see cref="InterpolationTrainingParameters.MaxSeconds"/> ended the run early.</param>
/// <param name="Seconds">Wall time of this call (s).</param>
public sealed record InterpolationTrainingResult(InterpolationModel Model, int EpochsRun, bool StoppedByTimeLimit, double Seconds);
