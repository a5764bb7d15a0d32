using TemKit.CtfEstimation.Fitting;
using TemKit.Optics;
using TemKit.Simulation.Transfer;

namespace TemKit.Tests.Optics;

/// <summary>The one optics model: χ against the formula written out here, CTF zeros where theory puts them, and the
/// estimation, simulation and Ctf paths agreeing because they share it.</summary>
public class OpticsModelTests
{
    // λ = h c / sqrt(E (2 m0c² + E)), hc = 12.398419843 keV·Å, m0c² = 510.99895 keV; written out, not taken from TemKit.
    private static double Lambda(double kv) => 12.398419843320026 / Math.Sqrt(kv * (2 * 510.99895 + kv));

    // Rohou & Grigorieff 2015 Eq. 1 by hand: χ = π λ g² Δf − (π/2) Cs λ³ g⁴, Cs in Å = mm × 1e7.
    private static double HandChi(double kv, double csMm, double g, double df)
    {
        double l = Lambda(kv), csA = csMm * 1e7;
        return Math.PI * l * g * g * df - Math.PI / 2 * csA * l * l * l * g * g * g * g;
    }

    [Theory]
    [InlineData(300, 2.7, 0.05, 15000)]
    [InlineData(200, 1.2, 0.2, 8000)]
    [InlineData(300, 0.006225, 0.9, -150)]
    [InlineData(80, 0.001, 1.5, 40)]
    public void ChiMatchesTheFormula(double kv, double cs, double g, double df)
    {
        double expected = HandChi(kv, cs, g, df);
        Assert.Equal(expected, new CtfPhase(kv, cs).Chi(g, df), 1e-9 * Math.Max(1, Math.Abs(expected)));
        var ctf = new Ctf(new CtfParameters(kv, cs, 0, df));
        Assert.Equal(expected, ctf.ChiRadians(g, 0.3), 1e-9 * Math.Max(1, Math.Abs(expected)));
        Assert.Equal(expected + Ctf.AmplitudeContrastPhase(0.07) + 0.2, new PhaseModel(kv, cs, 0.07).Chi(g, df, 0.2), 1e-9 * Math.Max(1, Math.Abs(expected)));
        // d χ / d g by a central difference of the hand formula
        double h = 1e-6 * g, slope = (HandChi(kv, cs, g + h, df) - HandChi(kv, cs, g - h, df)) / (2 * h);
        Assert.Equal(slope, new CtfPhase(kv, cs).ChiSlope(g, df), 1e-5 * Math.Max(1, Math.Abs(slope)));
    }

    [Fact]
    public void ZerosSitWhereTheQuadraticInGSquaredPutsThem()
    {
        // Without Cs the n-th zero of −sin(χ + φ_w) is at π λ g² Δf + φ_w = nπ: g = sqrt((n − φ_w/π) / (λ Δf)).
        double kv = 300, df = 20000, w = 0.1, phiW = Math.Atan(w / Math.Sqrt(1 - w * w));
        var ctf = new Ctf(new CtfParameters(kv, 0, w, df));
        for (int n = 1; n <= 5; n++)
        {
            double g = Math.Sqrt((n - phiW / Math.PI) / (Lambda(kv) * df));
            Assert.Equal(g, ctf.ZeroFrequency(n, 0), 1e-9);
            Assert.Equal(0, ctf.Value(g, 0), 1e-9);
            Assert.True(Math.Abs(ctf.Value(g * 0.97, 0)) > 0.05, "a zero is isolated");
        }
    }

    [Fact]
    public void AstigmaticZerosFollowTheDefocusAlongEachAzimuth()
    {
        var aberration = DefocusAberration.FromMean(15000, 2000, 30);
        Assert.Equal(16000, aberration.Defocus1Angstrom);
        Assert.Equal(14000, aberration.Defocus2Angstrom);
        Assert.Equal(15000, aberration.MeanAngstrom);
        Assert.Equal(2000, aberration.AstigmatismAngstrom);
        var ctf = new Ctf(CtfParameters.From(new ElectronOptics(300, 0, 0), aberration));
        // Along the defocus-1 axis the first zero is at π λ g² Δf1 = π; perpendicular, with Δf2.
        double a1 = 30 * Math.PI / 180, a2 = a1 + Math.PI / 2;
        Assert.Equal(Math.Sqrt(1 / (Lambda(300) * 16000)), ctf.ZeroFrequency(1, a1), 1e-9);
        Assert.Equal(Math.Sqrt(1 / (Lambda(300) * 14000)), ctf.ZeroFrequency(1, a2), 1e-9);
    }

    [Fact]
    public void SimulationAndEstimationShareTheDefaultsAndTheAberration()
    {
        Assert.Equal((300.0, 2.7, 0.07), (ElectronOptics.Default.VoltageKilovolts, ElectronOptics.Default.CsMillimetres, ElectronOptics.Default.AmplitudeContrast));
        Assert.Equal(ElectronOptics.Default, new CtfFitOptions().Optics);
        Assert.Equal(ElectronOptics.Default, new TemKit.Pipelines.Defocus.DefocusRunOptions().Optics);
        var imaging = new ImagingParameters(DefocusAngstrom: 100, AstigmatismAngstrom: 40, AstigmatismAngleDegrees: 10);
        Assert.Equal(new DefocusAberration(120, 80, 10), imaging.Aberration);
        Assert.Equal(Lambda(300), ElectronOptics.Default.ElectronWavelengthAngstrom, 12);
        Assert.Equal(2.7e7, ElectronOptics.Default.CsAngstrom);
    }
}
