using TemKit.Simulation.Potentials;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation.Stem;

public class IncoherentTests
{
    [Fact]
    public void AberrationFreeProbePeakIsTheApertureArea()
    {
        // |ψ(0)|² of a normalised uniform disc of radius kα in k-space is π kα² (the Airy peak).
        var probe = new ProbeParameters(300, 21.4);
        var profile = new ProbeIntensityProfile(probe);
        double ka = probe.ApertureRadiusInverseAngstrom;
        Assert.Equal(Math.PI * ka * ka, profile.PeakPerSquareAngstrom, Math.PI * ka * ka * 0.02);
    }

    [Fact]
    public void DefocusAndSourceSizeLowerThePeak()
    {
        double focused = new ProbeIntensityProfile(new ProbeParameters(300, 21.4)).PeakPerSquareAngstrom;
        Assert.True(new ProbeIntensityProfile(new ProbeParameters(300, 21.4, DefocusAngstrom: 50)).PeakPerSquareAngstrom < 0.7 * focused);
        Assert.True(new ProbeIntensityProfile(new ProbeParameters(300, 21.4, SourceSizeAngstrom: 0.5)).PeakPerSquareAngstrom < 0.7 * focused);
    }

    [Fact]
    public void CrossSectionMatchesABruteForceSumOverTheDetector()
    {
        // σ = γ²λ² Σ |fe(k)|² Δk² over a fine Cartesian grid of the annulus.
        var detector = new AnnularDetector(70, 200);
        double lambda = TemKit.Optics.ElectronOptics.WavelengthAngstrom(300), gamma = 1 + 300 / TemKit.Optics.ElectronOptics.RestEnergyKeV;
        double k0 = 0.070 / lambda, k1 = 0.200 / lambda, dk = k1 / 400, sum = 0;
        var fe = KirklandPotential.For(79);
        for (int j = -400; j <= 400; j++)
            for (int i = -400; i <= 400; i++)
            {
                double k = Math.Sqrt(i * i + j * j) * dk;
                if (k >= k0 && k < k1) sum += Math.Pow(fe.ScatteringFactorAngstrom(k), 2) * dk * dk;
            }
        double brute = gamma * gamma * lambda * lambda * sum;
        Assert.Equal(brute, AnnularCrossSection.SquareAngstrom(79, detector, 300), brute * 0.01);
    }

    [Fact]
    public void HaadfExponentIsNearTheZContrastValue()
    {
        double n = AnnularCrossSection.FittedExponent([29, 47, 78, 79], AnnularDetector.Haadf, 300);
        Assert.InRange(n, 1.4, 2.0);
    }

    [Fact]
    public void ImageIsTheSumOfShiftedProbeProfiles()
    {
        var parameters = new StemParameters(new ProbeParameters(300, 21.4), AnnularDetector.Haadf);
        var atoms = new[] { new Atom(79, 3.1, 2.7, 0), new Atom(29, 4.3, 3.9, 7) };
        var scan = new ScanRegion(0, 0, 40, 30, 0.2);
        var profile = new ProbeIntensityProfile(parameters.Probe);
        var sigma = IncoherentStem.CrossSections(parameters, new StemOptions());
        var image = IncoherentStem.Render(atoms, sigma, profile, scan);
        for (int j = 0; j < scan.Ny; j += 7)
            for (int i = 0; i < scan.Nx; i += 3)
            {
                double expected = 0;
                foreach (var a in atoms)
                {
                    double dx = scan.X(i) - a.XAngstrom, dy = scan.Y(j) - a.YAngstrom;
                    expected += sigma(a.AtomicNumber) * profile.AtSquared(dx * dx + dy * dy);
                }
                Assert.Equal(expected, image[j * scan.Nx + i], 1e-6 + 1e-5 * expected);
            }
    }
}
