using TemKit.Pipelines.Interpolation;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography.Interpolation;
using Xunit;
using Xunit.Abstractions;

namespace TemKit.Tests.Tomography.Interpolation;

/// <summary>A small simulated cluster series at the committed model's sampling (64² px, 0.7 Å/px, 1° steps).</summary>
public sealed class SmallClusterSeries : IDisposable
{
    public SmallClusterSeries()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"temkit-committed-{Guid.NewGuid():N}");
        TiltDataset.Run(Folder, TiltDatasetRangesYaml.Parse("""
            shapes: [decahedron]
            elements: [Au]
            diameter_nanometres: [2.0]
            orientations_per_cluster: 1
            tilts: "-6:6:1"
            image_pixels: 64
            step_angstrom: 0.7
            dose_electrons_per_angstrom2: [10000, 10000]
            split: [0, 0, 1]
            """), 5);
    }

    public string Folder { get; }

    /// <summary>Frame PSNR (dB) of linear interpolation and of the model, for gaps 1, 2 and doses 0, 10³ e/Å².</summary>
    public Func<string, int, double, double> Evaluate(InterpolationModel model)
    {
        var parameters = new InterpolationEvaluationParameters
        {
            GapsFrames = [1, 2], DosesElectronsPerAngstrom2 = [0, 1000], ReconstructionFactors = [], Reprojection = null, Flow = null, Threads = 1,
        };
        var result = InterpolationEvaluation.Run(DatasetEvaluationSeries.Series(Folder), parameters, new LearnedInterpolator(model.Network));
        return (method, gap, dose) => result.Frames.Single(f => f.Method == method && f.GapFrames == gap && f.DoseElectronsPerAngstrom2 == dose).PsnrDb;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, true);
    }

    /// <summary>The repository's root folder (the one holding models/ and src/).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "models")) && Directory.Exists(Path.Combine(dir.FullName, "src"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root (with models/) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// Interpolation model files written before the shared training loop and container still load and predict exactly as
/// they did, and the committed model reproduces its numbers against linear interpolation on a small simulated series.
/// </summary>
public class CommittedModelTests(SmallClusterSeries series, ITestOutputHelper output) : IClassFixture<SmallClusterSeries>
{
    private void Check(Func<string, int, double, double> psnr, (int Gap, double Dose, double Linear, double Learned)[] expected)
    {
        foreach (var (gap, dose, _, _) in expected)
            output.WriteLine($"d = {gap}, dose {dose}: linear {psnr("linear", gap, dose):F4} dB, learned {psnr("learned", gap, dose):F4} dB");
        foreach (var (gap, dose, linear, learned) in expected)
        {
            Assert.Equal(linear, psnr("linear", gap, dose), 3);
            Assert.Equal(learned, psnr("learned", gap, dose), 3);
        }
    }

    [Fact]
    public void AVersion2FileReproducesTheNumbersOfTheCodeThatWroteIt()
    {
        // The model committed in session 5 (284 epochs), written by the interpolation network's own loop and file writer.
        string path = Path.Combine(SmallClusterSeries.RepositoryRoot(), "tests", "TemKit.Tests", "Tomography", "Interpolation", "Data", "interpolation-clusters-64px-v2-284epochs.tkm");
        var model = InterpolationModelFile.Load(path);
        Assert.Equal(284, model.History.Count);
        Assert.Null(model.Training!.Run);
        Assert.NotNull(model.Optimiser);
        Assert.Equal(38340, model.Optimiser!.Step);
        // Measured with the session-5 code (commit 1ce084b: the network's own loop and file reader) on this series.
        Check(series.Evaluate(model), [(1, 0, 48.2303, 50.2487), (2, 0, 38.5320, 39.4333), (1, 1000, 37.7128, 37.2044), (2, 1000, 35.4756, 34.4562)]);
    }

    [Fact]
    public void CommittedModelReproducesItsEvaluationAgainstLinear()
    {
        string path = Path.Combine(SmallClusterSeries.RepositoryRoot(), "models", "interpolation-clusters-64px.tkm");
        var model = InterpolationModelFile.Load(path);
        Assert.Equal(0.7, model.Trained.PixelSizeAngstrom, 9);
        Assert.NotNull(model.Optimiser);
        Assert.Equal(645, model.History.Count);
        // Trained to the end of a cosine learning-rate decay (10⁻³ down to 2·10⁻⁵ over epochs 580-635), recorded per epoch.
        Assert.Equal(2e-5, model.History[^1].Metrics![TemKit.Pipelines.Training.TrainingJob.LearningRateMetric], 12);
        Assert.False(model.History[368].Metrics!.ContainsKey(TemKit.Pipelines.Training.TrainingJob.LearningRateMetric));
        Assert.NotNull(model.Training!.Run);
        var psnr = series.Evaluate(model);
        // Measured when this file (645 epochs, session 7) was committed; linear's numbers are those of the session-5 code above.
        Check(psnr, [(1, 0, 48.2303, 49.6264), (2, 0, 38.5320, 39.5598), (1, 1000, 37.7128, 35.8120), (2, 1000, 35.4756, 34.46852)]);
        // This one small series (a 2 nm Au decahedron, 13 tilts over ±6°) is a reproducibility check, not the goal's
        // measurement: the +2 dB at d = 1 noise-free is measured on the 13 held-out clusters (docs/tomography.md: +2.03 dB
        // for this file). Here the file beats linear without noise by 1.40 dB (d = 1) and 1.03 dB (d = 2); the
        // 369-epoch file of session 6 gave 2.12 and 1.04 dB on it.
        Assert.True(psnr("learned", 1, 0) > psnr("linear", 1, 0) + 1, "the committed model beats linear by 1 dB at d = 1 noise-free on this series");
        Assert.True(psnr("learned", 2, 0) > psnr("linear", 2, 0) + 1, "the committed model beats linear by 1 dB at d = 2 noise-free on this series");
    }
}
