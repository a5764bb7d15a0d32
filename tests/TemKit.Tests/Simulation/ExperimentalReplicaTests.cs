using TemKit.Detector;
using TemKit.Pipelines.Columns;
using TemKit.Simulation;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;
using TemKit.Tests.Tomography.Interpolation;

namespace TemKit.Tests.Simulation;

/// <summary>
/// The seed paper's experimental-replica conditions (Leth Larsen et al., section 3: blur 0.1-0.2 Å, focal spread 5-6 Å,
/// defocus 48-50 Å, Cs 7-8 µm, frame dose 10¹-10⁴ e/Å², MTF 3, on the [110] zone axis) as a preset, a documented YAML file
/// and event-sequence conditions; and the sign of the defocus checked by the image itself.
/// </summary>
public class ExperimentalReplicaTests
{
    private static void AssertSeedOptics(DatasetRanges r)
    {
        Assert.Equal(new ParameterRange(0.1, 0.2), r.BlurAngstrom);
        Assert.Equal(new ParameterRange(5, 6), r.FocalSpreadAngstrom);
        Assert.Equal(new ParameterRange(48, 50), r.DefocusAngstrom);
        Assert.Equal(new ParameterRange(0.007, 0.008), r.CsMillimetres);
        Assert.Equal(3, r.MtfModel);
        Assert.Equal(0, r.MaxTiltDegrees);
        Assert.Equal(300, r.VoltageKilovolts);
    }

    [Fact]
    public void PresetHasTheSeedParagraphsRangesAndTable1Elsewhere()
    {
        var r = DatasetRanges.Named("experimental-replica");
        AssertSeedOptics(r);
        Assert.Equal(new ParameterRange(10, 1e4), r.DoseElectronsPerAngstrom2);
        // Everything the paragraph does not give is Table 1's.
        var t = DatasetRanges.Table1;
        Assert.Equal(t with
        {
            BlurAngstrom = r.BlurAngstrom, FocalSpreadAngstrom = r.FocalSpreadAngstrom, DefocusAngstrom = r.DefocusAngstrom,
            CsMillimetres = r.CsMillimetres, DoseElectronsPerAngstrom2 = r.DoseElectronsPerAngstrom2, MtfModel = 3, MaxTiltDegrees = 0,
        }, r);
        Assert.Same(DatasetRanges.Table1, DatasetRanges.Named("TABLE1"));
        Assert.Contains("experimental-replica", Assert.Throws<ArgumentException>(() => DatasetRanges.Named("scherzer")).Message);
    }

    [Fact]
    public void DocumentedYamlFileHasTheSeedOpticsAtTheColumnNetworksSampling()
    {
        string path = Path.Combine(SmallClusterSeries.RepositoryRoot(), "docs", "columns", "experimental-replica.yaml");
        var r = DatasetRangesYaml.Read(path);
        AssertSeedOptics(r);
        Assert.Equal(new ParameterRange(10, 1e4), r.DoseElectronsPerAngstrom2);
        Assert.Equal(256, r.GridPixels);
        Assert.Equal(ParameterRange.Fixed(0.15), r.PixelSizeAngstrom);
        Assert.True(r.SurfaceDisorder().IsNone);
    }

    [Fact]
    public void ColumnsAreDarkAtTheReplicaUnderfocusAndBrightAtTheMirroredOverfocus()
    {
        // Positive phase contrast: a weak phase object under Scherzer-like underfocus images dark (intensity 1 − 2σV·sinχ
        // with sinχ > 0 over the passband, CTFFIND convention, positive = underfocus); the mirrored overfocus flips it.
        // Noise-free intensity of a small on-zone Au particle, mean at the column centres against the frame's mean.
        const int n = 128;
        const double px = 0.2;
        var grid = new SimulationGrid(n, n, px);
        var particle = new FccParticleParameters("Au", null, 1.2, MaxTiltDegrees: 0, WithSupport: false);
        var sim = ParticleSimulation.Simulate(particle, grid, new PotentialParameters(2.0), new MultisliceParameters(300), new Random(4));
        var columns = ColumnGrouping.Group(sim.Specimen.Particle, 1.0);
        var imager = new WaveImager(sim.ExitWave);
        var r = DatasetRanges.ExperimentalReplica;
        double Contrast(double defocusAngstrom)
        {
            var optics = new ImagingParameters(defocusAngstrom, r.CsMillimetres.Centre, FocalSpreadAngstrom: r.FocalSpreadAngstrom.Centre,
                ConvergenceSemiAngleMilliradians: 0.2, BlurAngstrom: r.BlurAngstrom.Centre);
            var image = imager.Intensity(optics);
            double mean = image.Pixels.ToArray().Average(v => (double)v);
            double atColumns = columns.Average(c => (double)image[(int)Math.Round(c.XAngstrom / px), (int)Math.Round(c.YAngstrom / px)]);
            return atColumns / mean - 1;
        }
        double under = Contrast(r.DefocusAngstrom.Centre), over = Contrast(-r.DefocusAngstrom.Centre);
        Assert.True(under < -0.05, $"columns at +49 Å (underfocus): {under:F3} relative to the mean");
        Assert.True(over > 0.02, $"columns at −49 Å (overfocus): {over:F3} relative to the mean");
    }

    [Fact]
    public void EventSequenceDrawsEachFramesOpticsFromTheConditionsAndKeepsTheSameEvents()
    {
        var plain = new EventSequenceParameters(FrameCount: 3, DiameterNanometres: 1.5, GridPx: 96, PixelSizeAngstrom: 0.25, Seed: 5);
        var a = EventSequence.Simulate(plain);
        var b = EventSequence.Simulate(plain with { Conditions = DatasetRanges.ExperimentalReplica });
        Assert.All(a.Imaging, o => Assert.Equal(new ImagingParameters(), o));
        Assert.Equal(DetectorModel.Preset(4), a.Detector);
        Assert.Equal(3, b.Imaging.Count);
        Assert.All(b.Imaging, o =>
        {
            Assert.InRange(o.DefocusAngstrom, 48, 50);
            Assert.InRange(o.CsMillimetres, 0.007, 0.008);
            Assert.InRange(o.FocalSpreadAngstrom, 5, 6);
            Assert.InRange(o.BlurAngstrom, 0.1, 0.2);
        });
        Assert.True(b.Imaging[0].DefocusAngstrom != b.Imaging[1].DefocusAngstrom, "drawn per frame");
        var mtf3 = DetectorModelRange.Preset(3);
        Assert.InRange(b.Detector.C0, mtf3.C0Min, mtf3.C0Max);
        // The conditions have a stream of their own: same particle, events and drift as without them.
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.DriftAngstrom, b.DriftAngstrom);
        Assert.Equal(a.Columns.Select(c => c.Length), b.Columns.Select(c => c.Length));
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => EventSequence.Simulate(plain with { DefocusAngstrom = 100, Conditions = DatasetRanges.ExperimentalReplica })).Message);
    }
}
