using TemKit.CtfCorrection;
using TemKit.Optics;
using TemKit.Simulation.Mesoscale;
using TemKit.Tests.Simulation;

namespace TemKit.Tests.CtfCorrection;

/// <summary>Phase flipping and the Wiener filter bring a CTF-imaged weak phase object back towards its true phase.</summary>
public class CtfCorrectorTests
{
    private static (MesoscaleField Field, double[] Phase) Field(double df, double astigmatism, double dose, MesoscaleSpecimenParameters? specimen = null)
    {
        specimen ??= MesoscaleSpecimenParameters.Default with { AmorphousThicknessRmsAngstrom = 0 };
        var imaging = new MesoscaleImaging { DefocusAngstrom = df, AstigmatismAngstrom = astigmatism, AstigmatismAngleDegrees = 30, DoseElectronsPerAngstrom2 = dose };
        var f = MesoscaleField.Simulate(specimen, 128, 4, imaging, new Random(7));
        return (f, f.Specimen.PhaseRadians.Select(p => (double)p).ToArray());
    }

    private static double Correlation(TemKit.Imaging.Image2D image, double[] phase) =>
        MesoscaleTests.Pearson(image.Pixels.ToArray().Select(p => (double)p).ToArray(), phase);

    [Theory]
    [InlineData(20000.0, 0.0)]
    [InlineData(40000.0, 4000.0)]
    public void FlippingAndWienerCorrelateBetterWithThePhaseThanTheRawImage(double df, double astigmatism)
    {
        var (f, phase) = Field(df, astigmatism, 1e6);
        var ctf = f.Imaging.Ctf;
        double raw = Correlation(f.Detected, phase);
        double flipped = Correlation(CtfCorrector.Correct(f.Detected, ctf, new CtfCorrectionOptions { Kind = CtfCorrectionKind.PhaseFlip }), phase);
        double wiener = Correlation(CtfCorrector.Correct(f.Detected, ctf, new CtfCorrectionOptions { Kind = CtfCorrectionKind.Wiener, WienerSnr = 1 }), phase);
        Assert.True(flipped > raw + 0.2, $"raw {raw:F3}, flipped {flipped:F3}");
        Assert.True(wiener > raw + 0.2, $"raw {raw:F3}, Wiener {wiener:F3}");
    }

    [Fact]
    public void TheWrongAstigmatismAxisHelpsLessThanTheRightOne()
    {
        // Many small spheres: their shapes live at the frequencies where the astigmatic rings differ.
        var spheres = new MesoscaleSpecimenParameters
        {
            FibreCount = new(0, 0), VesicleCount = new(0, 0), SphereCount = new(30, 30), SphereRadiusAngstrom = new(10, 20), AmorphousThicknessRmsAngstrom = 0,
        };
        var (f, phase) = Field(30000, 20000, 1e6, spheres);
        var right = f.Imaging.Ctf;
        var wrong = right with { AstigmatismAngleDegrees = right.AstigmatismAngleDegrees + 90 };
        var flip = new CtfCorrectionOptions { Kind = CtfCorrectionKind.PhaseFlip };
        double r = Correlation(CtfCorrector.Correct(f.Detected, right, flip), phase), w = Correlation(CtfCorrector.Correct(f.Detected, wrong, flip), phase);
        Assert.True(r > w + 0.03, $"right axis {r:F3}, wrong axis {w:F3}");
    }

    [Fact]
    public void FlippingTwiceGivesTheImageBack()
    {
        var (f, _) = Field(20000, 1000, 50);
        var flip = new CtfCorrectionOptions { Kind = CtfCorrectionKind.PhaseFlip };
        var twice = CtfCorrector.Correct(CtfCorrector.Correct(f.Detected, f.Imaging.Ctf, flip), f.Imaging.Ctf, flip);
        var a = f.Detected.Pixels.ToArray();
        var b = twice.Pixels.ToArray();
        double maxRel = a.Zip(b, (x, y) => Math.Abs(x - y)).Max() / a.Average();
        Assert.True(maxRel < 1e-3, $"max difference {maxRel:G3} of the mean");
        Assert.Equal(a, CtfCorrector.Correct(f.Detected, f.Imaging.Ctf, new CtfCorrectionOptions()).Pixels.ToArray());
    }

    [Fact]
    public void RefusesAnImageWithoutPixelSizeAndABadSnr()
    {
        var image = new TemKit.Imaging.Image2D(8, 8);
        var ctf = CtfParameters.From(ElectronOptics.Default, DefocusAberration.FromMean(10000));
        Assert.Contains("pixel size", Assert.Throws<ArgumentException>(() => CtfCorrector.Correct(image, ctf, new CtfCorrectionOptions { Kind = CtfCorrectionKind.Wiener })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CtfCorrector.Correct(image, ctf, new CtfCorrectionOptions { Kind = CtfCorrectionKind.Wiener, WienerSnr = 0 }));
    }
}
