using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Tensors;
using TemKit.Neural.Training;
using TemKit.Tomography;
using TemKit.Tomography.Interpolation;

namespace TemKit.Pipelines.Interpolation;

/// <summary>
/// One epoch of interpolation training for the shared loop (<see cref="Training.TrainingJob.Train"/>): batches of
/// random crops of the streamed samples, the residual MSE weighted per sample by 1 / (linear MSE + floor), Adam; then the
/// validation frames. Both losses are relative to linear interpolation's error: the training loss is the mean weighted
/// loss of the crops (each crop's MSE over its whole frame's linear MSE + floor, so it is not 1 at linear: an untrained
/// network scores about 2), the validation loss the validation frames' MSE over linear's (1 = as good as linear).
/// </summary>
internal sealed class InterpolationTrainingTask(InterpolationModel model, IReadOnlyList<InterpolationCluster> train, IReadOnlyList<InterpolationSample> validation)
    : ITrainingTask
{
    /// <summary>The model as last saved (weights are updated in place; the learning curve as of the last save).</summary>
    public InterpolationModel Model { get; private set; } = model;

    /// <inheritdoc />
    public TrainingState State { get; } = model.Training ?? new TrainingState(0, model.Trained.Sampling.Seed, []);

    /// <inheritdoc />
    public Adam Optimiser { get; } = model.Optimiser ?? throw new ArgumentException("the model holds no optimiser to train with", nameof(model));

    /// <inheritdoc />
    public int StepsPerEpoch => (train.Count * Model.Trained.Sampling.SamplesPerCluster + Model.Trained.BatchSize - 1) / Model.Trained.BatchSize;

    /// <inheritdoc />
    public LearningCurveAxes Curve { get; } = new($"Interpolation ({InterpolationModelFile.NetworkKind(model.Network.Settings.Architecture)}) learning curve",
        "MSE over linear interpolation's (validation: 1 = linear)", "Validation gain over linear (dB)", [InterpolationMetrics.GainDb, InterpolationMetrics.WorstGainDb]);

    /// <inheritdoc />
    public EpochRecord RunEpoch(int epoch, Action? stepDone, CancellationToken cancel)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        double trainLoss = TrainEpoch(epoch, stepDone, cancel);
        var v = InterpolationTraining.Evaluate(Model.Network, validation);
        return new EpochRecord(epoch, trainLoss, v.Model / v.Linear, double.NaN, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds)
        {
            Metrics = InterpolationMetrics.Of(v.Model, v.Linear, v.WorstGainDb),
        };
    }

    /// <inheritdoc />
    public void Save(string path, TrainingState state)
    {
        Model = Model with { Training = state };
        InterpolationModelFile.Save(path, Model);
    }

    private double TrainEpoch(int epoch, Action? stepDone, CancellationToken cancel)
    {
        var info = Model.Trained;
        var network = Model.Network;
        var adam = Optimiser;
        var rng = new Random(Seeds.Mix(info.Sampling.Seed, epoch, 31));
        int crop = info.CropPx, batch = info.BatchSize, steps = 0;
        double lossSum = 0;
        var pending = new List<InterpolationSample>(batch);
        var weights = new float[batch];
        void Step()
        {
            using var x = Tensor.Uninitialised(pending.Count, InterpolationNetwork.InputChannels, crop, crop);
            using var t = Tensor.Uninitialised(pending.Count, 1, crop, crop);
            for (int k = 0; k < pending.Count; k++)
            {
                InterpolationTraining.Crop(pending[k], crop, rng, x, t, k);
                weights[k] = (float)(1 / (pending[k].LinearMse() + InterpolationTraining.LinearMseFloor));
            }
            double loss = network.AccumulateGradients(x, t, weights.AsSpan(0, pending.Count));
            adam.StepAndZeroGrad();
            steps++;
            TrainingDivergedException.ThrowIfDiverged(epoch, steps, loss, network.Parameters);
            lossSum += loss;
            pending.Clear();
            stepDone?.Invoke();
        }
        foreach (var s in InterpolationDataset.Epoch(train, info.Sampling, epoch))
        {
            cancel.ThrowIfCancellationRequested();
            if (s.Width < crop || s.Height < crop) throw new ArgumentException($"frames of {s.Width}x{s.Height} px are smaller than the {crop} px crop");
            pending.Add(s);
            if (pending.Count == batch) Step();
        }
        if (pending.Count > 0) Step();
        return lossSum / Math.Max(1, steps);
    }
}
