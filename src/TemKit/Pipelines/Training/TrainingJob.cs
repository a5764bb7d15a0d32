using System.Globalization;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;

namespace TemKit.Pipelines.Training;

/// <summary>
/// Trains (or resumes training of) an MSD-net or U-Net and writes the model file after every epoch, with the learning
/// curve as CSV and SVG beside it: what <c>temkit train</c> does, callable from code (studies, notebooks). Killing the
/// process loses at most the current epoch; running the job again with <see cref="TrainingJobParameters.Resume"/>
/// continues exactly where the file stopped, because epoch e draws its crops from a generator seeded by (seed, e).
/// </summary>
public sealed class TrainingJob
{
    /// <summary>Checks the parameters that need no file access (<see cref="ArgumentException"/>).</summary>
    public TrainingJob(TrainingJobParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Samples.Count == 0) throw new ArgumentException("no training samples");
        if (parameters.ValidationFraction is < 0 or >= 1 || double.IsNaN(parameters.ValidationFraction))
            throw new ArgumentException($"validation fraction {parameters.ValidationFraction} must be in [0, 1)");
        SegmentationDataset.ValidationCount(parameters.Samples.Count, parameters.ValidationFraction);
        if (!parameters.Resume && parameters.Network is null && parameters.InitialModelPath is null)
            throw new ArgumentException("a new training run needs network settings or an initial model");
        if (parameters.Resume && parameters.InitialModelPath is not null)
            throw new ArgumentException("an initial model starts a new run; it cannot be combined with resuming one");
        parameters.Decay?.Validate();
        if (parameters.Trainer.Epochs < 1) throw new ArgumentException($"epochs {parameters.Trainer.Epochs} must be at least 1");
        var small = parameters.Samples.FirstOrDefault(s => s.Width < parameters.Trainer.CropSize || s.Height < parameters.Trainer.CropSize);
        if (small != null) throw new ArgumentException($"{small.Name} is {small.Width}x{small.Height}, smaller than the crop size {parameters.Trainer.CropSize} px");
        Parameters = parameters;
    }

    /// <summary>What is trained.</summary>
    public TrainingJobParameters Parameters { get; }

    /// <summary>Called after every epoch with its record, once the model file holds it.</summary>
    public Action<EpochRecord>? EpochDone { get; init; }

    /// <summary>Called with notes worth showing a user (resuming, missing pixel size, nothing left to train).</summary>
    public Action<string>? Note { get; init; }

    /// <summary>
    /// Trains up to the requested epochs, reporting ("epoch e/N", steps done, steps per epoch) to <paramref name="progress"/>.
    /// Stops after the current epoch (saved) when <paramref name="cancel"/> is signalled. Throws
    /// <see cref="ArgumentException"/> for settings that do not fit the network or the stored run,
    /// <see cref="TemKit.IO.TemKitFormatException"/> for a model file that cannot be resumed, and
    /// <see cref="TrainingDivergedException"/> when the loss or a weight stops being finite (the file keeps the last good epoch).
    /// </summary>
    public TrainingResult Run(IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        var p = Parameters;
        string path = Path.GetFullPath(p.ModelPath);
        var (network, adam, state) = p.Resume ? Resumed(path) : Fresh();
        var settings = p.Trainer with { Optimiser = adam.Settings };
        var trainer = new Trainer(network, adam, settings);
        var run = new TrainingRun(SegmentationDataset.Fingerprint(p.Samples), p.Samples.Count, p.ValidationFraction, settings.CropSize, settings.BatchSize,
            settings.CropsPerImage, settings.Augment, p.Trainer.Optimiser?.LearningRate ?? adam.Settings.LearningRate);
        if (p.Resume && state.Run is null)
            Note?.Invoke($"{path} does not record what its run was started with (an older TemKit): data and settings are not checked");
        if (p.Resume && state.Run?.Differences(run) is { Count: > 0 } differences)
            throw new ArgumentException($"{path} was started with other data or settings ({string.Join("; ", differences)}); resume with the same ones, or train a new model file");
        var (train, validation) = SegmentationDataset.Split(p.Samples, p.ValidationFraction, state.Seed);
        var input = ModelInput.FromPixelSizes(p.Samples.Select(s => s.PixelSizeAngstrom)) with { Channels = p.InputChannels };
        if (p.InputChannels is { } channels && channels.Count != network.InputChannels)
            throw new ArgumentException($"{channels.Count} input channel modes for a network with {network.InputChannels} input channel(s)");
        if (!input.HasPixelSize) Note?.Invoke("the training images have no pixel size; the model cannot tell a segmenter which pixel size it expects");
        if (state.EpochsDone >= settings.Epochs) Note?.Invoke($"{path} has already trained {state.EpochsDone} epochs; raise the epochs to train more");

        var task = new SegmentationTrainingTask(network, adam, trainer, train, validation, state with { Run = run }, input, p.Output);
        Train(task, new TrainingSchedule(path, settings.Epochs, 0, p.Decay), progress, cancel, EpochDone);
        return new TrainingResult(path, network, task.Saved, input, train.Count, validation.Count);
    }

    /// <summary>Key of <see cref="EpochRecord.Metrics"/> holding the learning rate an epoch used, recorded when a <see cref="TrainingSchedule.Decay"/> is given.</summary>
    public const string LearningRateMetric = "learning_rate";

    /// <summary>
    /// The epoch loop every TemKit training runs: from <see cref="ITrainingTask.State"/> up to
    /// <see cref="TrainingSchedule.Epochs"/>, each epoch reported to <paramref name="progress"/> as ("epoch e/N", steps
    /// done, steps per epoch), appended to the learning curve, saved by the task to <see cref="TrainingSchedule.ModelPath"/>
    /// (a checkpoint to resume from), and written as MODEL.history.csv and MODEL.learning-curve.svg beside it; then
    /// <paramref name="epochDone"/> is called. Stops after the current epoch (saved) when <paramref name="cancel"/> is
    /// signalled or the schedule's time limit has passed. With a <see cref="TrainingSchedule.Decay"/>, each epoch's
    /// learning-rate factor is set on <see cref="ITrainingTask.Optimiser"/> first and the rate used is recorded as
    /// <see cref="LearningRateMetric"/>.
    /// </summary>
    public static TrainingOutcome Train(ITrainingTask task, TrainingSchedule schedule, IProgress<JobProgress>? progress = null, CancellationToken cancel = default,
        Action<EpochRecord>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Decay?.Validate();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        string path = Path.GetFullPath(schedule.ModelPath);
        string stem = path.EndsWith(".tkm", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
        var state = task.State;
        var history = state.History.ToList();
        int run = 0;
        bool timedOut = false;
        for (int epoch = state.EpochsDone + 1; epoch <= schedule.Epochs && !cancel.IsCancellationRequested; epoch++)
        {
            if (schedule.MaxSeconds > 0 && run > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds > schedule.MaxSeconds)
            {
                timedOut = true;
                break;
            }
            string stage = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{schedule.Epochs}");
            int steps = task.StepsPerEpoch, done = 0;
            progress?.Report(new JobProgress(stage, 0, steps));
            var optimiser = task.Optimiser;
            optimiser.LearningRateFactor = schedule.Decay?.Factor(epoch) ?? 1;
            var record = task.RunEpoch(epoch, () => progress?.Report(new JobProgress(stage, Math.Min(++done, steps), steps)), cancel);
            if (schedule.Decay is not null)
                record = record with { Metrics = new Dictionary<string, double>(record.Metrics ?? new Dictionary<string, double>()) { [LearningRateMetric] = optimiser.Settings.LearningRate * optimiser.LearningRateFactor } };
            history.Add(record);
            state = state with { EpochsDone = epoch, History = history.ToArray() };
            task.Save(path, state);
            LearningCurve.WriteCsv(stem + ".history.csv", history);
            LearningCurve.WriteSvg(stem + ".learning-curve.svg", history, task.Curve);
            run++;
            epochDone?.Invoke(record);
        }
        return new TrainingOutcome(path, state, run, timedOut, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private (ISegmentationNetwork, Adam, TrainingState) Fresh()
    {
        var p = Parameters;
        var network = p.InitialModelPath is null ? NetworkFactory.Create(p.Network!) : Initial(p.InitialModelPath);
        return (network, new Adam(network.Parameters, p.Trainer.Adam), new TrainingState(0, p.Trainer.Seed, []));
    }

    private ISegmentationNetwork Initial(string path)
    {
        var p = Parameters;
        if (!File.Exists(path)) throw new ArgumentException($"initial model {path} does not exist");
        var network = ModelFile.Load(path).Network;
        if (p.Network is not null && !Equals(p.Network, Architecture(network)))
            throw new ArgumentException($"the network settings differ from the {network.Kind} stored in the initial model {path}; leave them out to keep its architecture");
        Note?.Invoke($"starting from the weights of {path} ({network.Kind}); optimiser and epochs start afresh");
        return network;
    }

    private (ISegmentationNetwork, Adam, TrainingState) Resumed(string path)
    {
        var p = Parameters;
        if (!File.Exists(path)) throw new ArgumentException($"{path} does not exist, so there is nothing to resume");
        var checkpoint = ModelFile.Load(path);
        var adam = checkpoint.Optimiser ?? throw new TemKit.IO.TemKitFormatException(path, "no optimiser state to resume from (was it written by an older TemKit?)");
        var state = checkpoint.Training ?? throw new TemKit.IO.TemKitFormatException(path, "no training state to resume from");
        if (state.Seed != p.Trainer.Seed)
            throw new ArgumentException($"{path} was started with seed {state.Seed}, not {p.Trainer.Seed}; the seed cannot change on resume");
        if (p.Network is not null && !Equals(p.Network, Architecture(checkpoint.Network)))
            throw new ArgumentException($"the network settings differ from the {checkpoint.Network.Kind} stored in {path}; the architecture cannot change on resume");
        Note?.Invoke($"resuming {checkpoint.Network.Kind} from epoch {state.EpochsDone} up to epoch {p.Trainer.Epochs} " +
            "(the number of epochs may change on resume; the data, split, crop, batch, learning rate and architecture may not)");
        return (checkpoint.Network, adam, state);
    }

    /// <summary>The parameter record of a network (<see cref="MsdNetParameters"/> or <see cref="UNetParameters"/>).</summary>
    public static object Architecture(ISegmentationNetwork network) => network switch
    {
        MsdNet m => m.Settings,
        UNet u => u.Settings,
        _ => throw new ArgumentException($"unknown network {network.GetType().Name}", nameof(network)),
    };
}
