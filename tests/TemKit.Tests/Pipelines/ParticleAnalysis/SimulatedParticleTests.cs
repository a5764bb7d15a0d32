using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>The regional Fourier analysis on multislice images of a 2 nm Au particle on CeO2 (the existing simulator).</summary>
public class SimulatedParticleTests
{
    // The on-zone image is shared by both tests (one multislice run instead of two).
    private static readonly Lazy<RegionalFourierResult> s_onZone = new(() => Analyse(0));

    private static RegionalFourierResult Analyse(double tiltDegrees, double tiltAxisDegrees = 30)
    {
        var grid = new SimulationGrid(256, 256, 0.1);
        var particle = new FccParticleParameters(DiameterNanometres: 2.0, TiltDegrees: tiltDegrees, TiltAxisDegrees: tiltAxisDegrees, RotationDegrees: 20);
        var sim = ParticleSimulation.Simulate(particle, grid, new PotentialParameters(), new MultisliceParameters(), new Random(3));
        var (detected, _) = ParticleSimulation.RenderEpoch(new WaveImager(sim.ExitWave), new ImagingParameters(DefocusAngstrom: 60), 5000, DetectorModel.Preset(4), new Random(5));
        return RegionalFourier.Analyse(detected.WithPixelSize(VoxelSize.Isotropic(0.1)), sim.Mask.Pixels);
    }

    [Fact]
    public void OnZoneAuParticleIndexesTo110WithAuSpacings()
    {
        var result = s_onZone.Value;
        Assert.NotNull(result.Zone);
        Assert.Equal("[110]", result.Zone.Zone);
        Assert.True(result.Zone.ResidualPercent < 2, $"residual {result.Zone.ResidualPercent} %");
        // Au (a = 4.078 Å): d111 = 2.354 Å, d200 = 2.039 Å; the two {111} pairs of [110] are 70.5° apart. A 2 nm particle
        // holds only ~8 fringes, so its peaks are ~1/(2 nm) wide and the falling transfer across them pulls the maxima by
        // a few percent: 4 % tolerance.
        var d111 = result.Pairs.Where(p => Math.Abs(p.SpacingAngstrom - 2.354) < 0.1).ToList();
        Assert.True(d111.Count >= 2, string.Join("; ", result.Pairs.Select(p => $"{p.SpacingAngstrom:F3} Å {p.DirectionDegrees:F1}°")));
        double between = Math.Abs(d111[0].DirectionDegrees - d111[1].DirectionDegrees);
        Assert.Equal(70.53, Math.Min(between, 180 - between), 2.0);
        Assert.Contains(result.Pairs, p => Math.Abs(p.SpacingAngstrom - 2.039) < 0.08);
    }

    /// <summary>
    /// The simulator puts [110] along the beam with lab x = [-112], y = [1-11] (SupportedParticleBuilder). A tilt about
    /// [001] (azimuth atan2(1/√3, 2/√6) = 35.26° from x) by 45° brings a &lt;100&gt; axis to the beam; a tilt about [1-10]
    /// (azimuth 125.26°) by arccos(√(2/3)) = 35.26° brings a &lt;111&gt; axis. The indexer must name that zone.
    /// </summary>
    [Theory]
    [InlineData(45.0, 35.264, "[100]")]
    [InlineData(35.264, 125.264, "[111]")]
    public void ParticleTiltedOntoAnotherZoneIndexesToIt(double tiltDegrees, double tiltAxisDegrees, string zone)
    {
        var result = Analyse(tiltDegrees, tiltAxisDegrees);
        Assert.NotNull(result.Zone);
        Assert.Equal(zone, result.Zone.Zone);
        Assert.True(result.Zone.ResidualPercent < 2, $"residual {result.Zone.ResidualPercent} %");
    }

    [Fact]
    public void TiltingOffTheZoneRaisesTheRatio()
    {
        double onZone = s_onZone.Value.Ratio, tilted = Analyse(8).Ratio;
        Assert.True(onZone < 4, $"on zone {onZone}");
        Assert.True(tilted > 3 * onZone, $"on zone {onZone}, 8° off {tilted}");
    }
}
