using TemKit.Pipelines.Interpolation;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography.Interpolation;
using Xunit;
using Xunit.Abstractions;

namespace TemKit.Tests.Tomography.Interpolation;

/// <summary>
/// The committed model (models/interpolation-clusters-64px.tkm, written as model-file version 2 by the interpolation
/// network's own training loop) still loads and predicts exactly as it did: on a tiny simulated cluster series its frame
/// PSNR, and linear interpolation's, equal the numbers the session-5 code measured on the same series.
/// </summary>
public class CommittedModelTests(ITestOutputHelper output)
{
    [Fact]
    public void CommittedModelReproducesItsEvaluationAgainstLinear()
    {
        string path = Path.Combine(RepositoryRoot(), "models", "interpolation-clusters-64px.tkm");
        var model = InterpolationModelFile.Load(path);
        Assert.Equal(284, model.History.Count);
        Assert.Equal(0.7, model.Trained.PixelSizeAngstrom, 9);
        Assert.NotNull(model.Optimiser);

        string folder = Path.Combine(Path.GetTempPath(), $"temkit-committed-{Guid.NewGuid():N}");
        try
        {
            TiltDataset.Run(folder, TiltDatasetRangesYaml.Parse("""
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
            var parameters = new InterpolationEvaluationParameters
            {
                GapsFrames = [1, 2], DosesElectronsPerAngstrom2 = [0, 1000], ReconstructionFactors = [], Reprojection = null, Flow = null, Threads = 1,
            };
            var result = InterpolationEvaluation.Run(DatasetEvaluationSeries.Series(folder), parameters, new LearnedInterpolator(model.Network));
            double Psnr(string method, int gap, double dose) => result.Frames.Single(f => f.Method == method && f.GapFrames == gap && f.DoseElectronsPerAngstrom2 == dose).PsnrDb;
            foreach (var f in result.Frames) output.WriteLine($"{f.Method} d={f.GapFrames} dose={f.DoseElectronsPerAngstrom2}: {f.PsnrDb:F4} dB");
            // Measured with the session-5 code (commit 1ce084b: the network's own loop and file reader) on this series.
            (int Gap, double Dose, double Linear, double Learned)[] before =
                [(1, 0, 48.2303, 50.2487), (2, 0, 38.5320, 39.4333), (1, 1000, 37.7128, 37.2044), (2, 1000, 35.4756, 34.4562)];
            foreach (var (gap, dose, linear, learned) in before)
            {
                Assert.Equal(linear, Psnr("linear", gap, dose), 3);
                Assert.Equal(learned, Psnr("learned", gap, dose), 3);
            }
            Assert.True(Psnr("learned", 1, 0) > Psnr("linear", 1, 0) + 2, "the committed model beats linear by 2 dB at d = 1 noise-free on this series");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "models")) && Directory.Exists(Path.Combine(dir.FullName, "src"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root (with models/) not found above " + AppContext.BaseDirectory);
    }
}
