using System.Diagnostics;
using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Training;

/// <summary>
/// Mini-batch training with random augmented crops, Adam/AMSGrad, and per-epoch validation (loss and pixel F1 of whole
/// validation images through tiled inference). Epoch e draws its crops from a generator seeded by (seed, e), so a run
/// is deterministic and a resumed run continues exactly where it stopped.
/// </summary>
public sealed class Trainer
{
    private readonly ISegmentationNetwork _network;
    private readonly Adam _adam;

    /// <summary>Checks that the crop size suits the network.</summary>
    public Trainer(ISegmentationNetwork network, Adam adam, TrainerParameters settings)
    {
        if (settings.CropSize < 1 || settings.CropSize % network.SizeMultiple != 0)
            throw new ArgumentException($"crop size {settings.CropSize} must be a positive multiple of {network.SizeMultiple} for this network");
        if (settings.BatchSize < 1 || settings.CropsPerImage < 1) throw new ArgumentException("batch size and crops per image must be at least 1");
        adam.Settings.Validate();
        if (settings.ClassWeights is { } weights)
        {
            if (weights.Count != network.Classes || network.Classes < 2)
                throw new ArgumentException($"{weights.Count} class weights for a network with {network.Classes} class(es); give one weight per class of a multi-class network");
            if (weights.Any(w => !(w > 0) || !float.IsFinite(w))) throw new ArgumentException("class weights must be positive finite numbers");
            network.ClassWeights = [.. weights];
        }
        _network = network;
        _adam = adam;
        Settings = settings;
    }

    /// <summary>Epochs, batch, crops, seed and optimiser settings.</summary>
    public TrainerParameters Settings { get; }

    /// <summary>Optimiser steps in one epoch over <paramref name="trainCount"/> images.</summary>
    public int StepsPerEpoch(int trainCount) => (trainCount * Settings.CropsPerImage + Settings.BatchSize - 1) / Settings.BatchSize;

    /// <summary>Trains one epoch (1-based number) and validates; <paramref name="stepDone"/> is called after every optimiser step.
    /// Throws <see cref="TrainingDivergedException"/> at the first step whose loss or updated weights are not finite.</summary>
    public EpochRecord RunEpoch(int epoch, IReadOnlyList<SegmentationSample> train, IReadOnlyList<SegmentationSample> validation, Action? stepDone = null)
    {
        if (train.Count == 0) throw new ArgumentException("no training images");
        long start = Stopwatch.GetTimestamp();
        var rng = new Random(unchecked(Settings.Seed * 1_000_003 + epoch));
        var order = new int[train.Count * Settings.CropsPerImage];
        for (int i = 0; i < order.Length; i++) order[i] = i % train.Count;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int crop = Settings.CropSize, targetPlanes = _network.TargetPlanes();
        foreach (var s in train) RequireShape(s);
        double lossSum = 0;
        int steps = 0;
        for (int b0 = 0; b0 < order.Length; b0 += Settings.BatchSize)
        {
            int nb = Math.Min(Settings.BatchSize, order.Length - b0);
            using var x = Tensor.Uninitialised(nb, _network.InputChannels, crop, crop);
            using var t = Tensor.Uninitialised(nb, targetPlanes, crop, crop);
            for (int k = 0; k < nb; k++)
            {
                var sample = train[order[b0 + k]];
                bool replicate = sample.Channels == 1 && _network.InputChannels > 1;
                Augmentation.RandomCrop(sample, crop, rng, replicate ? x.Plane(k, 0) : x.Sample(k), t.Sample(k), Settings.Augment);
                if (replicate)
                    for (int c = 1; c < _network.InputChannels; c++) x.Plane(k, 0).CopyTo(x.Plane(k, c));
            }
            double loss = _network.AccumulateGradients(x, t);
            if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch, steps + 1, $"the training loss is {loss}");
            lossSum += loss;
            _adam.StepAndZeroGrad();
            steps++;
            TrainingDivergedException.ThrowIfDiverged(epoch, steps, loss, _network.Parameters);
            stepDone?.Invoke();
        }
        var (valLoss, valF1) = validation.Count > 0 ? Validate(validation) : (double.NaN, double.NaN);
        return new EpochRecord(epoch, lossSum / steps, valLoss, valF1, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Throws unless the sample has the network's input channels (or one, replicated) and its target planes.</summary>
    private void RequireShape(SegmentationSample s)
    {
        if (s.Channels != _network.InputChannels && s.Channels != 1)
            throw new ArgumentException($"{s.Name} has {s.Channels} channel(s); the network takes {_network.InputChannels}");
        s.RequirePlanes(s.Channels, _network.TargetPlanes());
    }

    /// <summary>
    /// Over whole images: for cross-entropy networks the mean cross-entropy (nats per pixel) and the pooled pixel F1
    /// (foreground probability ≥ 0.5); for regression networks the squared error per pixel summed over the output
    /// channels, and F1 = NaN.
    /// </summary>
    public (double Loss, double F1) Validate(IReadOnlyList<SegmentationSample> samples)
    {
        var seg = new TiledSegmenter(_network, new TilingParameters(Settings.CropSize, Settings.CropSize / 4));
        var scores = new SegmentationScores();
        double loss = 0;
        long pixels = 0;
        foreach (var s in samples)
        {
            RequireShape(s);
            int plane = s.Width * s.Height, classes = _network.Classes;
            var p = new float[classes * plane];
            seg.Predict(s.Image, s.Width, s.Height, p);
            if (!_network.OutputsProbabilities())
            {
                for (int i = 0; i < p.Length; i++)
                {
                    double d = p[i] - s.Labels[i];
                    loss += d * d;
                }
                pixels += plane;
                continue;
            }
            var fg = new float[plane];
            for (int i = 0; i < plane; i++)
            {
                int label = (int)s.Labels[i];
                double pt;
                if (classes == 1)
                {
                    fg[i] = p[i];
                    pt = label > 0 ? p[i] : 1 - p[i];
                }
                else
                {
                    fg[i] = 1 - p[i];
                    pt = p[Math.Clamp(label, 0, classes - 1) * plane + i];
                }
                loss -= Math.Log(Math.Max(pt, 1e-7));
            }
            scores.Add(fg, s.Labels);
            pixels += plane;
        }
        return (loss / pixels, _network.OutputsProbabilities() ? scores.F1 : double.NaN);
    }
}
