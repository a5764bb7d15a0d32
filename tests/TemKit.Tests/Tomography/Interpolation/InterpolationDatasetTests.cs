using TemKit.IO;
using TemKit.Tests.Cli;
using TemKit.IO.Mrc;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography;
using TemKit.Pipelines.Interpolation;
using TemKit.Tomography.Interpolation;
using Xunit;

namespace TemKit.Tests.Tomography.Interpolation;

/// <summary>A tiny simulated tilt dataset shared by the tests of this class.</summary>
public sealed class TinyTiltDataset : IDisposable
{
    public TinyTiltDataset()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"temkit-interp-{Guid.NewGuid():N}");
        var ranges = TiltDatasetRangesYaml.Parse("""
            shapes: [icosahedron]
            elements: [Au]
            diameter_nanometres: [0.8]
            orientations_per_cluster: 6
            tilts: "-6:6:1"
            image_pixels: 16
            step_angstrom: 0.6
            dose_electrons_per_angstrom2: [10000, 10000]
            split: [0.5, 0.25, 0.25]
            """);
        TiltDataset.Run(Folder, ranges, 3);
    }

    public string Folder { get; }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, true);
    }
}

public class InterpolationDatasetTests(TinyTiltDataset data) : IClassFixture<TinyTiltDataset>
{
    private InterpolationTrainingParameters Training(string model, int epochs, bool resume = false) => new()
    {
        DatasetFolder = data.Folder,
        ModelPath = model,
        Network = new InterpolationNetworkParameters { Width = 4, Dilations = [1, 2] },
        Sampling = new InterpolationSampling { GapsFrames = [1, 2], DosesElectronsPerAngstrom2 = [0, 1000], SamplesPerCluster = 6, ClustersInMemory = 2 },
        Epochs = epochs,
        CropPx = 8,
        BatchSize = 4,
        Resume = resume,
        ValidationFramesPerSeries = 1,
    };

    [Fact]
    public void SamplesComeOnlyFromTheirSplitAndTargetTheNoiseFreeMiddleFrame()
    {
        var train = InterpolationDataset.Clusters(data.Folder, "train");
        var test = InterpolationDataset.Clusters(data.Folder, "test");
        var validation = InterpolationDataset.Clusters(data.Folder, "validation");
        Assert.Equal(6, train.Count + test.Count + validation.Count);
        Assert.Empty(train.Select(c => c.Index).Intersect(test.Select(c => c.Index)));
        Assert.Empty(train.Select(c => c.Index).Intersect(validation.Select(c => c.Index)));
        var sampling = new InterpolationSampling { GapsFrames = [1, 2, 4], DosesElectronsPerAngstrom2 = [0], SamplesPerCluster = 5 };
        var samples = InterpolationDataset.Epoch(train, sampling, 1).ToList();
        Assert.Equal(5 * train.Count, samples.Count);
        Assert.All(samples, s => Assert.Contains(s.ClusterIndex, train.Select(c => c.Index)));
        var s0 = samples[0];
        var series = InterpolationDataset.Load(train.Single(c => c.Index == s0.ClusterIndex));
        // One affine map for all three frames: the mean of the inputs' minima and maxima.
        var a = series.Noiseless.Frame(s0.Frame - s0.GapFrames).ToArray();
        var b = series.Noiseless.Frame(s0.Frame + s0.GapFrames).ToArray();
        float lo = 0.5f * (a.Min() + b.Min()), hi = 0.5f * (a.Max() + b.Max());
        var truth = series.Noiseless.Frame(s0.Frame).ToArray();
        for (int i = 0; i < truth.Length; i++)
        {
            Assert.Equal((truth[i] - lo) / (hi - lo), s0.Target[i], 4);
            Assert.Equal((a[i] - lo) / (hi - lo), s0.Before[i], 4);
        }
        Assert.Equal(s0.GapFrames * 1.0, s0.HalfGapDegrees, 9);
        Assert.Equal(samples.Select(s => (s.ClusterIndex, s.Frame)), InterpolationDataset.Epoch(train, sampling, 1).Select(s => (s.ClusterIndex, s.Frame)));
    }

    [Fact]
    public void NoisySeriesArePoissonCountsAtTheRequestedDose()
    {
        var series = InterpolationDataset.Load(InterpolationDataset.Clusters(data.Folder, "train")[0]);
        var noisy = series.AtDose(2000, 5);
        double expected = series.Noiseless.Array.Sum(v => (double)v) * 2000 / series.DoseElectronsPerAngstrom2;
        double counts = noisy.Array.Sum(v => (double)v);
        Assert.InRange(counts / expected, 0.97, 1.03);
        Assert.All(noisy.Array, v => Assert.Equal(Math.Round(v), v));
        Assert.Same(series.Noiseless, series.AtDose(0, 5));
        // In the noise-free series' units: the same counts divided by the dose ratio, so the mean is the noise-free mean.
        var scaled = series.AtDoseInNoiselessUnits(2000, 5);
        float ratio = (float)(series.DoseElectronsPerAngstrom2 / 2000);
        for (int i = 0; i < scaled.Array.Length; i += 97) Assert.Equal(noisy.Array[i] * ratio, scaled.Array[i], 3);
    }

    [Fact]
    public void TrainingResumesWhereItStoppedAndRecordsWhatItWasTrainedOn()
    {
        using var dir = new TempFolder();
        var progress = new List<TemKit.Pipelines.JobProgress>();
        var epochs = new List<TemKit.Neural.Models.EpochRecord>();
        var whole = InterpolationTraining.Run(Training(dir["a.tkm"], 2), new SyncRecorder(progress), default, epochs.Add);
        Assert.Equal(2, whole.Model.History.Count);
        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
        Assert.Contains(progress, p => p.Stage == "epoch 2/2" && p.Done > 0);
        // The shared loop's learning curve: the interpolation metrics as extra columns, and the SVG.
        var csv = File.ReadAllLines(dir["a.history.csv"]);
        Assert.StartsWith("epoch,train_loss,validation_loss,validation_f1,seconds,validation_mse,validation_linear_mse,gain_db", csv[0], StringComparison.Ordinal);
        Assert.Equal(3, csv.Length);
        Assert.True(File.Exists(dir["a.learning-curve.svg"]));
        InterpolationTraining.Run(Training(dir["b.tkm"], 1));
        var resumed = InterpolationTraining.Run(Training(dir["b.tkm"], 2, resume: true));
        Assert.Equal(1, resumed.EpochsRun);
        var a = InterpolationModelFile.Load(dir["a.tkm"]);
        var b = InterpolationModelFile.Load(dir["b.tkm"]);
        for (int p = 0; p < a.Network.Parameters.Count; p++)
            for (int i = 0; i < a.Network.Parameters[p].Value.Length; i++)
                Assert.Equal(a.Network.Parameters[p].Value[i], b.Network.Parameters[p].Value[i], 4);
        Assert.Equal(InterpolationDataset.Clusters(data.Folder, "train").Select(c => c.Index), a.Trained.TrainClusters);
        Assert.Equal(0.6, a.Trained.PixelSizeAngstrom, 9);
        Assert.Equal(16, a.Trained.ImagePixels);
        Assert.Equal([1, 2], a.Trained.Sampling.GapsFrames);
        Assert.Equal(2, a.History.Count);
        Assert.All(a.History, h =>
        {
            double model = h.Metrics![InterpolationMetrics.ValidationMse], linear = h.Metrics[InterpolationMetrics.ValidationLinearMse];
            Assert.True(double.IsFinite(model) && linear > 0);
            Assert.Equal(model / linear, h.ValidationLoss, 9);
            Assert.Equal(10 * Math.Log10(linear / model), h.Metrics[InterpolationMetrics.GainDb], 9);
        });
        Assert.NotNull(a.Training!.Run);
        Assert.NotNull(a.Optimiser);
        Assert.Equal(a.Optimiser!.Step, b.Optimiser!.Step);
        var e = Assert.Throws<ArgumentException>(() => InterpolationModelCheck.Require(a, 1.2, 16, 16, "x.mrc"));
        Assert.Contains("x.mrc: pixel size 1.2 Å but the model was trained at 0.6 Å/px", e.Message);
        Assert.NotNull(InterpolationModelCheck.Require(a, 0, 16, 16, "x.mrc"));
        Assert.Throws<TemKitFormatException>(() => InterpolationModelFile.Load(dir["missing.tkm"]));
    }

    [Fact]
    public void ResumeOnOtherTrainingClustersIsRefused()
    {
        using var dir = new TempFolder();
        InterpolationTraining.Run(Training(dir["m.tkm"], 1));
        // The same dataset with one training cluster fewer.
        string copy = dir["ds"];
        foreach (string file in Directory.GetFiles(data.Folder, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(data.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var lines = File.ReadAllLines(Path.Combine(copy, "clusters.csv")).ToList();
        lines.RemoveAt(lines.FindIndex(1, l => l.Contains(",train", StringComparison.Ordinal)));
        File.WriteAllLines(Path.Combine(copy, "clusters.csv"), lines);
        var e = Assert.Throws<ArgumentException>(() => InterpolationTraining.Run(Training(dir["m.tkm"], 2, resume: true) with { DatasetFolder = copy }));
        Assert.Contains("was trained on other clusters or settings", e.Message);
    }

    [Fact]
    public void EvaluationScoresEveryMethodAndInterpolateMarksTheSyntheticFrames()
    {
        using var dir = new TempFolder();
        var model = InterpolationTraining.Run(Training(dir["m.tkm"], 1)).Model;
        var parameters = new InterpolationEvaluationParameters
        {
            GapsFrames = [1, 2], DosesElectronsPerAngstrom2 = [0, 1000], ReconstructionFactors = [2],
            Reprojection = new() { Method = TemKit.Tomography.Reconstruction.ReconstructionMethod.Sirt, Iterations = 5, NonNegative = true }, Threads = 1,
        };
        var result = InterpolationEvaluation.Run(DatasetEvaluationSeries.Series(data.Folder), parameters, new LearnedInterpolator(model.Network));
        Assert.Equal(4 * 2 * 2, result.Frames.Count);
        Assert.Contains(result.Frames, f => f.Method == "flow" && f.GapFrames == 2 && f.DoseElectronsPerAngstrom2 == 1000);
        Assert.Contains(result.Volumes, v => v.Series == "every 2nd + learned" && v.DoseElectronsPerAngstrom2 == 1000);
        Assert.Contains(result.Volumes, v => v.Series == "every 2nd + reprojection");
        Assert.True(double.IsPositiveInfinity(result.Volumes.Single(v => v.Series == "all frames" && v.DoseElectronsPerAngstrom2 == 0).PsnrDb));
        Assert.All(result.Frames, f => Assert.True(double.IsFinite(f.PsnrDb)));
        // d = 1 over 13 frames: the 6 odd frames from the 7 kept even ones, per test cluster.
        Assert.Equal(6 * result.SeriesNames.Count, result.Frames.First(f => f.Method == "linear" && f.GapFrames == 1).Frames);
        string html = InterpolationEvaluationReport.Write(dir["report"], "t", result);
        Assert.True(File.Exists(html) && File.Exists(dir["report/frames.csv"]));

        var cluster = InterpolationDataset.Load(InterpolationDataset.Clusters(data.Folder, "test")[0]);
        var (kept, keptTilts) = TiltSeriesFilling.EveryNth(cluster.Noiseless, cluster.TiltsDegrees, 2);
        MrcFile.Write(dir["s.mrc"], kept);
        var run = SeriesInterpolation.Run(new SeriesInterpolationParameters
        {
            StackPath = dir["s.mrc"], TiltsDegrees = keptTilts, ModelPath = dir["m.tkm"], ToStepDegrees = 1, OutputPath = dir["dense.mrc"],
        });
        Assert.Equal(13, run.Frames);
        Assert.Equal(6, run.Synthetic);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => i % 2 == 1), run.SyntheticFlags);
        Assert.Equal(Enumerable.Range(-6, 13).Select(i => (double)i), TiltAngleFile.Read(dir["dense.rawtlt"]));
        Assert.Equal(14, File.ReadAllLines(dir["dense.synthetic.csv"]).Length);
        var dense = MrcFile.Read(dir["dense.mrc"]);
        Assert.Equal(kept.Frame(1).ToArray(), dense.Frame(2).ToArray());
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class SyncRecorder(List<TemKit.Pipelines.JobProgress> list) : IProgress<TemKit.Pipelines.JobProgress>
{
    public void Report(TemKit.Pipelines.JobProgress value) => list.Add(value);
}
