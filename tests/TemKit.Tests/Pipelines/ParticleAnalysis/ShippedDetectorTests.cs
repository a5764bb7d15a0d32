using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Neural.Models;
using TemKit.Numerics;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.Segmentation;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>The committed detector models/particles-au-b8.tkm on a simulated particle it was not trained on.</summary>
public class ShippedDetectorTests
{
    private static string ModelPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", "particles-au-b8.tkm");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("models/particles-au-b8.tkm not found above the test binaries");
    }

    [Fact]
    public void FindsAnUnseenAuParticleInA1024FieldAtItsRecordedPixelSize()
    {
        var model = ModelFile.Load(ModelPath());
        Assert.Equal(0.8, model.Input.PixelSizeAngstrom!.Value, 1e-9);

        // A 2.5 nm Au particle on CeO2 (seed 77, 4° off [110]) at 0.1 Å/px, 1000 e/Å², placed in a 1024² field of vacuum.
        const int Tile = 256, Field = 1024, X0 = 500, Y0 = 300;
        var grid = new SimulationGrid(Tile, Tile, 0.1);
        var sim = ParticleSimulation.Simulate(new FccParticleParameters(DiameterNanometres: 2.5, TiltDegrees: 4), grid, new PotentialParameters(), new MultisliceParameters(), new Random(77));
        var (detected, _) = ParticleSimulation.RenderEpoch(new WaveImager(sim.ExitWave), new ImagingParameters(DefocusAngstrom: 60), 1000, DetectorModel.Preset(4), new Random(78));
        var field = new float[Field * Field];
        new NoiseRandom(79, 0).FillPoisson(field, 1000 * 0.1 * 0.1);
        var pixels = detected.Pixels;
        double area = 0, sx = 0, sy = 0;
        for (int y = 0; y < Tile; y++)
            for (int x = 0; x < Tile; x++)
            {
                field[(Y0 + y) * Field + X0 + x] = pixels[y * Tile + x];
                if (sim.Mask.Pixels[y * Tile + x] < 0.5f) continue;
                area++;
                sx += X0 + x;
                sy += Y0 + y;
            }
        var image = new Image2D(Field, Field, field, VoxelSize.Isotropic(0.1));
        var detector = new NetworkParticleDetector(model, new SegmentationOptions(), "particles-au-b8.tkm");
        var result = ParticleFrameAnalysis.Analyse(image, 0, "field", 0, detector, new ParticlesRunOptions { ReportFrames = 0 });

        // One particle, at the true centroid within 1 nm, its area within 30 % of the true mask's (at the model's
        // calibrated threshold 0.15 the area is +3 % on average on the speed benchmark's frames, 9 % mean absolute error).
        var particle = Assert.Single(result.Record.Particles);
        double distancePx = Math.Sqrt(Math.Pow(particle.CentroidXPx - sx / area, 2) + Math.Pow(particle.CentroidYPx - sy / area, 2));
        Assert.True(distancePx < 10, $"centroid {distancePx:F1} px from the truth");
        Assert.InRange(particle.AreaPx / area, 0.7, 1.3);
        Assert.Single(detector.Warnings(image), w => w.Contains("resampled to 0.8 Å/px"));
        Assert.Equal(0.15, detector.Threshold);
    }
}
