using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation.Stem;

public class StemMethodTests
{
    private static readonly StemOptions Fine = new() { PixelSizeAngstrom = 0.05, SliceThicknessAngstrom = 1 };

    [Fact]
    public void VacuumProbeKeepsAllItsIntensityInsideTheApertureAndNoneOnTheDarkField()
    {
        var specimen = new Specimen([new Atom(6, 5, 5, 0)], [], 12, 12);   // one carbon atom far from the probe
        var scan = new ScanRegion(0.6, 0.6, 1, 1, 0.5);
        var bright = new StemParameters(new ProbeParameters(300, 20), new AnnularDetector(0, 21));
        var dark = new StemParameters(new ProbeParameters(300, 20), new AnnularDetector(40, 100));
        double bf = StemSimulation.Run(specimen, bright, scan, Fine).Image.Pixels[0];
        double df = StemSimulation.Run(specimen, dark, scan, Fine).Image.Pixels[0];
        Assert.InRange(bf, 0.995, 1.000001);
        Assert.InRange(df, 0, 1e-3);
    }

    [Fact]
    public void PrismWithoutInterpolationIsTheMultisliceResult()
    {
        var specimen = StemTestData.Cluster(79, 8);
        var scan = new ScanRegion(3.1, 3.3, 3, 2, 0.8);
        var ms = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine).Image.Pixels.ToArray();
        var prism = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine with { Method = StemMethod.Prism, PrismInterpolation = 1 }).Image.Pixels.ToArray();
        for (int i = 0; i < ms.Length; i++) Assert.Equal(ms[i], prism[i], 2e-4 * ms.Max());
    }

    [Fact]
    public void PrismWithInterpolationTwoCorrelatesWithMultislice()
    {
        var specimen = StemTestData.Cluster(79, 12);
        var scan = ScanRegion.Covering(3.6, 3.6, 4.8, 4.8, 0.8);
        var ms = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine).Image.Pixels.ToArray();
        var prism = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine with { Method = StemMethod.Prism, PrismInterpolation = 2 }).Image.Pixels.ToArray();
        Assert.True(StemTestData.Correlation(ms, prism) > 0.99, $"correlation {StemTestData.Correlation(ms, prism)}");
    }

    [Fact]
    public void SingleAtomSignalMatchesTheCrossSectionTimesTheProbePeak()
    {
        // A single Si atom is a weak phase object: the first Born approximation (the incoherent model's σ) holds. (For Au
        // the phase near the nucleus exceeds 1 rad and multislice gives about 20 % less than first Born.)
        var specimen = new Specimen([new Atom(14, 6.4, 6.4, 0)], [], 12.8, 12.8);
        var scan = new ScanRegion(6.4, 6.4, 1, 1, 0.5);
        double ms = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine).Image.Pixels[0];
        double inc = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine with { Method = StemMethod.Incoherent }).Image.Pixels[0];
        Assert.True(Math.Abs(ms / inc - 1) < 0.1, $"multislice {ms:G4}, incoherent {inc:G4}");
    }

    [Fact]
    public void ColumnIntensityRisesWithAtomicNumber()
    {
        // Three-atom columns along the beam, Cu < Ag < Pt < Au, by multislice (what the detector sees, channelling included).
        var signals = new List<double>();
        foreach (int z in new[] { 29, 47, 78, 79 })
        {
            var column = Enumerable.Range(0, 3).Select(k => new Atom(z, 6.4, 6.4, 2.6 * k)).ToArray();
            var scan = new ScanRegion(6.4, 6.4, 1, 1, 0.5);
            signals.Add(StemSimulation.Run(new Specimen(column, [], 12.8, 12.8), StemTestData.Parameters, scan, Fine).Image.Pixels[0]);
        }
        for (int i = 1; i < signals.Count; i++) Assert.True(signals[i] > signals[i - 1], string.Join(", ", signals));
    }

    [Fact]
    public void FrozenPhononsAreSeededAndTendToTheStaticLatticeAsTheDisplacementsVanish()
    {
        var specimen = StemTestData.Cluster(79, 12.8);
        var scan = new ScanRegion(5.4, 5.4, 3, 3, 0.5);
        var options = Fine with { FrozenPhonons = 2, DisplacementRmsAngstrom = 0.085, Seed = 5 };
        var a = StemSimulation.Run(specimen, StemTestData.Parameters, scan, options).Image.Pixels.ToArray();
        var b = StemSimulation.Run(specimen, StemTestData.Parameters, scan, options).Image.Pixels.ToArray();
        var still = StemSimulation.Run(specimen, StemTestData.Parameters, scan, Fine).Image.Pixels.ToArray();
        var tiny = StemSimulation.Run(specimen, StemTestData.Parameters, scan, options with { DisplacementRmsAngstrom = 0.0005 }).Image.Pixels.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, still);
        for (int i = 0; i < still.Length; i++) Assert.Equal(still[i], tiny[i], 0.01 * still.Max());
    }

    [Fact]
    public void DetectorBeyondTheBandLimitIsRefused()
    {
        var specimen = StemTestData.Cluster(79, 12.8);
        var haadf = new StemParameters(new ProbeParameters(), AnnularDetector.Haadf);
        var e = Assert.Throws<ArgumentException>(() => StemSimulation.Run(specimen, haadf, new ScanRegion(5, 5, 1, 1, 1), Fine));
        Assert.Contains("band limit", e.Message);
    }
}
