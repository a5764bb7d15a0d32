using System.Security.Cryptography;
using System.Text;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Tensors;
using TemKit.Pipelines.Training;
using TemKit.Tomography;
using TemKit.Tomography.Interpolation;

namespace TemKit.Pipelines.Interpolation;

/// <summary>
/// Trains an <see cref="InterpolationNetwork"/> on a tilt dataset through the shared epoch loop
/// (<see cref="TrainingJob.Train"/>: progress per step, checkpoint, learning curve CSV/SVG, time limit, resume). One
/// epoch (<see cref="InterpolationTrainingTask"/>): the streamed samples of <see cref="InterpolationDataset.Epoch"/>
/// (train split), cropped at random (the seed model takes whole frames), flipped in x and y and with the two inputs
/// swapped at random (all three leave the projection geometry valid), batched, MSE loss on the residual with each sample
/// weighted by 1 / (linear interpolation's MSE on its whole frame + <see cref="LinearMseFloor"/>), Adam; then the model
/// and linear MSE on fixed whole-frame validation samples (validation split). Epoch e draws from seeds (seed, e), so a
/// resumed run repeats what an uninterrupted one would do.
/// </summary>
public static class InterpolationTraining
{
    /// <summary>Added to a sample's linear MSE before taking its inverse as the sample's loss weight (normalised units; 40 dB), so nearly perfect samples do not dominate.</summary>
    public const double LinearMseFloor = 1e-4;

    /// <summary>
    /// Runs (or resumes) the training; <paramref name="progress"/> gets ("epoch e/N", steps done, steps per epoch) and
    /// <paramref name="epochDone"/> each epoch's record once it is saved. Throws <see cref="ArgumentException"/> for bad
    /// settings or a checkpoint that cannot be resumed on this dataset.
    /// </summary>
    public static InterpolationTrainingResult Run(InterpolationTrainingParameters parameters, IProgress<JobProgress>? progress = null, CancellationToken cancel = default,
        Action<EpochRecord>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var train = InterpolationDataset.Clusters(parameters.DatasetFolder, "train");
        var validation = InterpolationDataset.Clusters(parameters.DatasetFolder, "validation");
        if (train.Count == 0) throw new ArgumentException($"{parameters.DatasetFolder}: no complete training clusters");
        var first = InterpolationDataset.Load(train[0]);
        InterpolationModel model;
        if (parameters.Resume && File.Exists(parameters.ModelPath))
        {
            model = InterpolationModelFile.Load(parameters.ModelPath);
            if (model.Optimiser is null) throw new ArgumentException($"{parameters.ModelPath}: holds no optimiser state, so training cannot resume from it");
        }
        else
        {
            var settings = parameters.Network;
            if (settings.Architecture == InterpolationArchitecture.Seed)
            {
                if (first.Noiseless.Nx != first.Noiseless.Ny) throw new ArgumentException($"{parameters.DatasetFolder}: the seed model needs square frames, the dataset has {first.Noiseless.Nx}x{first.Noiseless.Ny} px");
                settings = settings with { FramePx = first.Noiseless.Nx };
            }
            int crop = parameters.CropPx ?? (settings.Architecture == InterpolationArchitecture.Seed ? settings.FramePx : 32);
            if (settings.Architecture == InterpolationArchitecture.Seed && crop != settings.FramePx)
                throw new ArgumentException($"the seed model trains on whole {settings.FramePx} px frames (its dense layers fix the size); leave the crop unset or give {settings.FramePx}");
            var network = new InterpolationNetwork(settings);
            var info = new InterpolationTrainingInfo(Path.GetFullPath(parameters.DatasetFolder), [.. train.Select(c => c.Index)], [.. validation.Select(c => c.Index)],
                parameters.Sampling, first.PixelSizeAngstrom, first.Noiseless.Nx, Math.Abs(first.TiltsDegrees[1] - first.TiltsDegrees[0]),
                crop, parameters.BatchSize, parameters.Adam);
            model = new InterpolationModel(network, info, new TrainingState(0, parameters.Sampling.Seed, []), new Adam(network.Parameters, parameters.Adam));
        }
        var run = Run(model.Trained, train, validation.Count);
        var state = model.Training ?? new TrainingState(0, model.Trained.Sampling.Seed, []);
        if (state.Run?.Differences(run) is { Count: > 0 } differences)
            throw new ArgumentException($"{parameters.ModelPath} was trained on other clusters or settings ({string.Join("; ", differences)}); resume on the same dataset, or train a new model file");
        if (first.Noiseless.Nx < model.Trained.CropPx || first.Noiseless.Ny < model.Trained.CropPx)
            throw new ArgumentException($"{parameters.DatasetFolder}: frames of {first.Noiseless.Nx}x{first.Noiseless.Ny} px are smaller than the {model.Trained.CropPx} px crop");
        var validationSamples = ValidationSamples(validation, model.Trained.Sampling, parameters.ValidationFramesPerSeries);
        var task = new InterpolationTrainingTask(model with { Training = state with { Run = run } }, train, validationSamples);
        var outcome = TrainingJob.Train(task, new TrainingSchedule(parameters.ModelPath, parameters.Epochs, parameters.MaxSeconds, parameters.Decay), progress, cancel, epochDone);
        return new InterpolationTrainingResult(task.Model, outcome.EpochsRun, outcome.StoppedByTimeLimit, outcome.Seconds);
    }

    /// <summary>
    /// What a run was started with, for the resume check: a hash of the training cluster indices and their noise-free
    /// stacks' byte lengths, the training clusters, the validation fraction, crop, batch, samples per cluster and
    /// learning rate.
    /// </summary>
    private static TrainingRun Run(InterpolationTrainingInfo info, IReadOnlyList<InterpolationCluster> train, int validationClusters)
    {
        var text = new StringBuilder();
        foreach (var c in train)
            text.Append(c.Index).Append(':').Append(new FileInfo(Path.Combine(c.Folder, TemKit.Simulation.TiltSeries.TiltSeriesWriter.NoiselessFile)).Length).Append(';');
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
        return new TrainingRun(hash, train.Count, (double)validationClusters / Math.Max(1, train.Count + validationClusters), info.CropPx, info.BatchSize,
            info.Sampling.SamplesPerCluster, true, info.Adam.LearningRate);
    }

    /// <summary>A random crop of sample <paramref name="s"/> into batch slot <paramref name="k"/>: inputs and gap plane into x, target − average into t.</summary>
    internal static void Crop(InterpolationSample s, int crop, Random rng, Tensor x, Tensor t, int k)
    {
        int x0 = rng.Next(s.Width - crop + 1), y0 = rng.Next(s.Height - crop + 1);
        bool flipX = rng.Next(2) == 1, flipY = rng.Next(2) == 1, swap = rng.Next(2) == 1;
        var a = x.Plane(k, 0);
        var b = x.Plane(k, 1);
        var target = t.Plane(k, 0);
        var first = swap ? s.After : s.Before;
        var second = swap ? s.Before : s.After;
        for (int y = 0; y < crop; y++)
        {
            int sy = y0 + (flipY ? crop - 1 - y : y);
            for (int xx = 0; xx < crop; xx++)
            {
                int src = sy * s.Width + x0 + (flipX ? crop - 1 - xx : xx), dst = y * crop + xx;
                a[dst] = first[src];
                b[dst] = second[src];
                target[dst] = s.Target[src] - 0.5f * (first[src] + second[src]);
            }
        }
        x.Plane(k, 2).Fill((float)(s.HalfGapDegrees / InterpolationNetwork.GapScaleDegrees));
    }

    /// <summary>Whole-frame samples of the validation clusters: every dose and gap, <paramref name="framesPerSeries"/> evenly spaced frames, fixed noise.</summary>
    internal static List<InterpolationSample> ValidationSamples(IReadOnlyList<InterpolationCluster> clusters, InterpolationSampling sampling, int framesPerSeries)
    {
        var samples = new List<InterpolationSample>();
        foreach (var c in clusters)
        {
            var series = InterpolationDataset.Load(c);
            for (int di = 0; di < sampling.DosesElectronsPerAngstrom2.Count; di++)
            {
                var inputs = series.AtDoseInNoiselessUnits(sampling.DosesElectronsPerAngstrom2[di], Seeds.Mix(sampling.Seed, -1, c.Index, di));
                foreach (int gap in sampling.GapsFrames)
                {
                    int usable = series.Noiseless.Nz - 2 * gap;
                    if (usable < 1) continue;
                    for (int f = 0; f < framesPerSeries; f++)
                        samples.Add(InterpolationDataset.Sample(inputs, series.Noiseless, series.TiltsDegrees, gap + (int)((f + 0.5) * usable / framesPerSeries), gap, sampling.DosesElectronsPerAngstrom2[di], c.Index));
                }
            }
        }
        return samples;
    }

    /// <summary>
    /// Mean squared error (normalised units) of the network (as <see cref="LearnedInterpolator"/> predicts: not below 0) and of linear
    /// interpolation over whole-frame samples, and the smallest gain of the model over linear among the (gap, dose)
    /// groups of the samples (dB, 10 log10 of the group's linear over model MSE) with that group's label.
    /// </summary>
    public static InterpolationValidation Evaluate(InterpolationNetwork network, IReadOnlyList<InterpolationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) return new InterpolationValidation(double.NaN, double.NaN, double.NaN, "");
        double model = 0, linear = 0;
        long pixels = 0;
        var groups = new Dictionary<(int, double), (double Model, double Linear)>();
        foreach (var s in samples)
        {
            using var x = Tensor.Uninitialised(1, InterpolationNetwork.InputChannels, s.Height, s.Width);
            s.Before.CopyTo(x.Plane(0, 0));
            s.After.CopyTo(x.Plane(0, 1));
            x.Plane(0, 2).Fill((float)(s.HalfGapDegrees / InterpolationNetwork.GapScaleDegrees));
            using var c = network.PredictCorrection(x);
            var corr = c.Plane(0, 0);
            double m = 0, l = 0;
            for (int i = 0; i < s.Target.Length; i++)
            {
                double avg = 0.5 * (s.Before[i] + s.After[i]), dl = avg - s.Target[i], dm = Math.Max(0, avg + corr[i]) - s.Target[i];
                l += dl * dl;
                m += dm * dm;
            }
            model += m;
            linear += l;
            pixels += s.Target.Length;
            var key = (s.GapFrames, s.DoseElectronsPerAngstrom2);
            groups[key] = groups.TryGetValue(key, out var g) ? (g.Model + m, g.Linear + l) : (m, l);
        }
        var worst = groups.MinBy(g => g.Value.Linear / g.Value.Model);
        string label = $"d = {worst.Key.Item1}, {(worst.Key.Item2 > 0 ? worst.Key.Item2.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) + " e/Å²" : "noise-free")}";
        return new InterpolationValidation(model / pixels, linear / pixels, 10 * Math.Log10(worst.Value.Linear / worst.Value.Model), label);
    }
}

/// <summary>Validation of an interpolation network on whole frames.</summary>
/// <param name="Model">Mean squared error of the model (normalised units).</param>
/// <param name="Linear">Mean squared error of linear interpolation on the same samples.</param>
/// <param name="WorstGainDb">Smallest gain over linear among the (gap, dose) groups (dB).</param>
/// <param name="WorstCondition">That group, e.g. "d = 1, noise-free".</param>
public sealed record InterpolationValidation(double Model, double Linear, double WorstGainDb, string WorstCondition);
