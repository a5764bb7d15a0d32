using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Imaging;
using TemKit.Neural.Losses;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Training;
using TemKit.Pipelines;

namespace TemKit.Tests.Neural;

/// <summary>The training library job: what `temkit train` does, from code.</summary>
public sealed class TrainingJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-trainjob-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainingJobParameters Parameters(string path, int epochs, bool resume = false) => new(
        path, SyntheticParticles.Make(6, 32, seed: 3), resume ? null : new MsdNetParameters(Depth: 4, KernelSize: 3, Seed: 2),
        new TrainerParameters(epochs, BatchSize: 2, CropSize: 32, Seed: 5), 0.2, resume,
        new ModelOutput(["particle"], "6 synthetic 32² test images"));

    [Fact]
    public void KilledAndResumedRunEqualsAnUninterruptedOne()
    {
        string whole = Path.Combine(_dir, "whole.tkm"), split = Path.Combine(_dir, "split.tkm");
        var progress = new List<JobProgress>();
        var epochs = new List<EpochRecord>();
        var a = new TrainingJob(Parameters(whole, 3)) { EpochDone = epochs.Add }.Run(new Recorder(progress));
        Assert.Equal(3, a.State.EpochsDone);
        Assert.Equal(3, epochs.Count);
        Assert.Contains(progress, p => p.Stage == "epoch 3/3" && p.Done == p.Total);
        Assert.Equal((5, 1), (a.TrainCount, a.ValidationCount));

        new TrainingJob(Parameters(split, 1)).Run();
        var notes = new List<string>();
        var b = new TrainingJob(Parameters(split, 3, resume: true)) { Note = notes.Add }.Run();
        Assert.Contains(notes, n => n.Contains("resuming msd from epoch 1", StringComparison.Ordinal));
        for (int i = 0; i < a.Network.Parameters.Count; i++) Assert.Equal(a.Network.Parameters[i].Value, b.Network.Parameters[i].Value);

        var loaded = ModelFile.Load(split);
        Assert.Equal(["particle"], loaded.Output.ClassNames);
        Assert.Equal("6 synthetic 32² test images", loaded.Output.Description);
        Assert.Equal(3, loaded.Training!.History.Count);
        Assert.True(File.Exists(Path.Combine(_dir, "split.history.csv")));
        Assert.True(File.Exists(Path.Combine(_dir, "split.learning-curve.svg")));
    }

    [Fact]
    public void ResumeRefusesOtherDataOrSeed()
    {
        string path = Path.Combine(_dir, "m.tkm");
        new TrainingJob(Parameters(path, 1)).Run();
        var other = Parameters(path, 2, resume: true) with { Samples = SyntheticParticles.Make(6, 32, seed: 4) };
        Assert.Contains("other data or settings", Assert.Throws<ArgumentException>(() => new TrainingJob(other).Run()).Message);
        var seed = Parameters(path, 2, resume: true);
        seed = seed with { Trainer = seed.Trainer with { Seed = 6 } };
        Assert.Contains("seed", Assert.Throws<ArgumentException>(() => new TrainingJob(seed).Run()).Message);
        Assert.Equal(1, ModelFile.Load(path).Training!.EpochsDone);
    }

    [Fact]
    public void AWarmStartBeginsFromTheGivenModelsWeights()
    {
        string first = Path.Combine(_dir, "first.tkm"), tuned = Path.Combine(_dir, "tuned.tkm");
        var a = new TrainingJob(Parameters(first, 2)).Run();
        // A learning rate of 1e-9 keeps the weights where they start, so the new run's first validation loss must be the
        // first run's last one (same samples, same split), far from that of random weights.
        var p = Parameters(tuned, 1) with { Network = null, InitialModelPath = first };
        p = p with { Trainer = p.Trainer with { Optimiser = new TemKit.Neural.Optimisers.AdamParameters(LearningRate: 1e-9) } };
        var notes = new List<string>();
        var b = new TrainingJob(p) { Note = notes.Add }.Run();
        Assert.Contains(notes, n => n.Contains("starting from the weights of", StringComparison.Ordinal));
        Assert.Equal(1, b.State.EpochsDone);
        for (int i = 0; i < a.Network.Parameters.Count; i++)
            for (int j = 0; j < a.Network.Parameters[i].Value.Length; j++)
                Assert.Equal(a.Network.Parameters[i].Value[j], b.Network.Parameters[i].Value[j], 1e-5f);
        double lastA = a.State.History[^1].ValidationLoss, firstB = b.State.History[0].ValidationLoss;
        Assert.Equal(lastA, firstB, 1e-4 * lastA);
        var fresh = new TrainingJob(Parameters(Path.Combine(_dir, "fresh.tkm"), 1) with { Trainer = p.Trainer }).Run();
        Assert.True(Math.Abs(fresh.State.History[0].ValidationLoss - lastA) > 1e-3 * lastA);

        var other = Parameters(Path.Combine(_dir, "other.tkm"), 1) with { Network = new MsdNetParameters(Depth: 5, KernelSize: 3, Seed: 2), InitialModelPath = first };
        Assert.Contains("differ from the msd", Assert.Throws<ArgumentException>(() => new TrainingJob(other).Run()).Message);
        Assert.Throws<ArgumentException>(() => new TrainingJob(Parameters(tuned, 2, resume: true) with { InitialModelPath = first }));
    }

    [Fact]
    public void ALearningRateDecayIsAppliedPerEpochRecordedAndResumable()
    {
        // Cosine from epoch 1 to 3 down to 0.1: factors 1, 0.1 + 0.9·(1 + cos(π/2))/2 = 0.55, 0.1 (rates 1e-3, 5.5e-4, 1e-4).
        var decay = new TemKit.Neural.Optimisers.LearningRateDecay(1, 3, 0.1);
        string whole = Path.Combine(_dir, "whole.tkm"), split = Path.Combine(_dir, "split.tkm"), plain = Path.Combine(_dir, "plain.tkm");
        var a = new TrainingJob(Parameters(whole, 3) with { Decay = decay }).Run();
        double[] rates = [.. a.State.History.Select(h => h.Metrics![TrainingJob.LearningRateMetric])];
        Assert.Equal([1e-3, 5.5e-4, 1e-4], rates, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Contains(TrainingJob.LearningRateMetric, File.ReadLines(Path.Combine(_dir, "whole.history.csv")).First());

        // Killed after epoch 1 and resumed with the same decay: the same weights as the uninterrupted run.
        new TrainingJob(Parameters(split, 1) with { Decay = decay }).Run();
        var b = new TrainingJob(Parameters(split, 3, resume: true) with { Decay = decay }).Run();
        for (int i = 0; i < a.Network.Parameters.Count; i++) Assert.Equal(a.Network.Parameters[i].Value, b.Network.Parameters[i].Value);

        // Without the decay epochs 2-3 take larger steps, so the weights differ; no learning_rate column is written.
        var c = new TrainingJob(Parameters(plain, 3)).Run();
        Assert.Contains(Enumerable.Range(0, a.Network.Parameters.Count), i => !a.Network.Parameters[i].Value.AsSpan().SequenceEqual(c.Network.Parameters[i].Value));
        Assert.Null(c.State.History[^1].Metrics);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingJob(Parameters(Path.Combine(_dir, "bad.tkm"), 1) with { Decay = new(3, 3) }));
    }

    [Fact]
    public void BadSettingsAreRefusedBeforeAnythingIsWritten()
    {
        string path = Path.Combine(_dir, "m.tkm");
        var p = Parameters(path, 1);
        Assert.Contains("smaller than the crop size", Assert.Throws<ArgumentException>(() => new TrainingJob(p with { Trainer = p.Trainer with { CropSize = 64 } })).Message);
        Assert.Throws<ArgumentException>(() => new TrainingJob(p with { ValidationFraction = 1 }));
        Assert.Throws<ArgumentException>(() => new TrainingJob(p with { Network = null }));
        Assert.Throws<ArgumentException>(() => new TrainingJob(p with { Output = new ModelOutput(["a", "b"], null) }).Run());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ARegressionNetworkLearnsATwoChannelTarget()
    {
        // Target = the sum of the two input channels, a linear map an MSD-net can represent exactly: training must cut the error well below that of predicting 0.
        var rng = new Random(11);
        var samples = new List<SegmentationSample>();
        for (int s = 0; s < 6; s++)
        {
            var image = new float[2 * 24 * 24];
            for (int i = 0; i < image.Length; i++) image[i] = (float)(rng.NextDouble() * 2 - 1);
            var target = new float[24 * 24];
            for (int i = 0; i < target.Length; i++) target[i] = image[i] + image[24 * 24 + i];
            samples.Add(new SegmentationSample($"s{s}", 24, 24, image, target));
        }
        double baseline = samples.Average(s => s.Labels.Average(v => (double)v * v));
        var result = new TrainingJob(new TrainingJobParameters(Path.Combine(_dir, "r.tkm"), samples,
            new MsdNetParameters(Depth: 2, KernelSize: 3, InputChannels: 2, Classes: 1, Seed: 1, Loss: LossKind.MeanSquaredError),
            new TrainerParameters(40, BatchSize: 2, CropSize: 24, Seed: 1, Optimiser: new TemKit.Neural.Optimisers.AdamParameters(LearningRate: 1e-2)), 0.2)).Run();
        var last = result.LastEpoch!;
        Assert.True(double.IsNaN(last.ValidationF1));
        Assert.True(last.ValidationLoss < 0.05 * baseline, $"validation squared error {last.ValidationLoss} vs {baseline} for predicting 0");
        Assert.Equal(LossKind.MeanSquaredError, ModelFile.Load(result.ModelPath).Network.Loss);
    }

    [Fact]
    public void DatasetGroupsConsecutiveFramesIntoChannels()
    {
        string images = Path.Combine(_dir, "images.mrc"), masks = Path.Combine(_dir, "masks.mrc");
        var frames = new ImageStack(8, 8, 6);
        for (int z = 0; z < 6; z++) for (int i = 0; i < 64; i++) frames.Frame(z)[i] = z * 10 + (i % 7);
        MrcFile.Write(images, frames);
        var labels = new ImageStack(8, 8, 2);
        labels.Frame(1)[5] = 1;
        MrcFile.Write(masks, labels);
        var samples = SegmentationDataset.Load(images, masks, classes: 1, inputChannels: 3);
        Assert.Equal(2, samples.Count);
        Assert.Equal(3, samples[0].Channels);
        // Each channel is normalised on its own: same ramp, so identical after normalisation.
        Assert.Equal(samples[0].Image.AsSpan(0, 64).ToArray(), samples[0].Image.AsSpan(128, 64).ToArray());
        Assert.Equal(1f, samples[1].Labels[5]);
        Assert.Contains("not a multiple of the 4 input channels",
            Assert.Throws<TemKitFormatException>(() => SegmentationDataset.Load(images, masks, 1, inputChannels: 4)).Message);
    }

    private sealed class Recorder(List<JobProgress> list) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => list.Add(value);
    }
}
