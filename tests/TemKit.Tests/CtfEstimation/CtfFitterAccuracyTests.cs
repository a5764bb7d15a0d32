using Xunit.Abstractions;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Tests.CtfEstimation;

/// <summary>Defocus and astigmatism recovered from simulated micrographs with known truth (fixed seeds).</summary>
public class CtfFitterAccuracyTests(ITestOutputHelper output)
{
    // kV, mean defocus Å, astigmatism fraction, angle °, dose e/Å²: 200 and 300 kV, 0.15-5 µm, 0-8 %, doses down to 3.
    private static readonly (double Kv, double Mean, double Astig, double Angle, double Dose)[] Cases =
    [
        (300, 1500, 0.00, 0, 20),
        (200, 2500, 0.04, 30, 10),
        (300, 3500, 0.06, 120, 5),
        (200, 5000, 0.02, 70, 3),
        (300, 8000, 0.08, 10, 3),
        (200, 12000, 0.05, 150, 5),
        (300, 16000, 0.03, 95, 10),
        (200, 22000, 0.07, 45, 3),
        (300, 30000, 0.01, 0, 20),
        (200, 38000, 0.08, 170, 5),
        (300, 45000, 0.04, 60, 3),
        (300, 50000, 0.06, 135, 40),
    ];

    internal static CtfFitResult FitSynthetic(double kv, double mean, double astig, double angle, double dose, int seed, int size = 1024, CtfFitOptions? options = null, double phaseShift = 0)
    {
        var truth = new CtfParameters(kv, 2.7, 0.07, mean * (1 + astig / 2), mean * (1 - astig / 2), angle, phaseShift);
        var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(truth)
        {
            WidthPx = size, HeightPx = size, PixelSizeAngstrom = 1.0, DoseElectronsPerAngstrom2 = dose, Seed = seed,
        });
        var spectrum = PowerSpectrumEstimator.Estimate(image);
        return CtfFitter.Fit(spectrum, (options ?? new CtfFitOptions()) with { Optics = new ElectronOptics(kv) });
    }

    [Fact]
    public void MeanDefocusMedianErrorBelowHalfAPercentAndNinetiethPercentileBelowTwo()
    {
        var errors = new List<double>();
        var lines = new List<string>();
        var angleErrors = new List<double>();
        for (int i = 0; i < Cases.Length; i++)
        {
            var (kv, mean, astig, angle, dose) = Cases[i];
            var fit = FitSynthetic(kv, mean, astig, angle, dose, seed: 100 + i);
            double e = Math.Abs(fit.MeanDefocusAngstrom / mean - 1);
            errors.Add(e);
            // Astigmatism: Δf1 ≥ Δf2 and the estimated difference close to the truth for clear cases.
            Assert.True(fit.Defocus1Angstrom >= fit.Defocus2Angstrom);
            Assert.InRange(fit.AstigmatismAngleDegrees, 0, 180);
            if (astig >= 0.03) angleErrors.Add(AngleError(fit.AstigmatismAngleDegrees, angle));
            lines.Add($"{kv} kV {mean} Å {astig:P0} {dose} e/Å²: {fit.MeanDefocusAngstrom:F0} Å ({e:P2}), Δ {fit.AstigmatismAngstrom:F0} Å at {fit.AstigmatismAngleDegrees:F1}°");
        }
        errors.Sort();
        double median = 0.5 * (errors[5] + errors[6]);
        double p90 = errors[10];
        string report = string.Join("\n", lines);
        output.WriteLine(report);
        Assert.True(median <= 0.005, $"median {median:P2}\n{report}");
        Assert.True(p90 <= 0.02, $"90th percentile {p90:P2}\n{report}");
        angleErrors.Sort();
        Assert.True(angleErrors[angleErrors.Count / 2] <= 3, $"median angle error {angleErrors[angleErrors.Count / 2]:F1}°\n{report}");
    }

    [Theory]
    [InlineData(300, 10000, 0.05, 25, 3, 1)]
    [InlineData(200, 20000, 0.03, 140, 5, 2)]
    [InlineData(300, 40000, 0.08, 80, 3, 3)]
    public void AstigmatismAngleWithinThreeDegreesOnLargerImages(double kv, double mean, double astig, double angle, double dose, int seed)
    {
        var fit = FitSynthetic(kv, mean, astig, angle, dose, seed, size: 2048);
        output.WriteLine($"{fit.MeanDefocusAngstrom:F0} Å, Δ {fit.AstigmatismAngstrom:F0} Å at {fit.AstigmatismAngleDegrees:F2}°");
        Assert.True(AngleError(fit.AstigmatismAngleDegrees, angle) <= 3, $"angle {fit.AstigmatismAngleDegrees:F2}° vs {angle}°");
        Assert.Equal(mean * astig, fit.AstigmatismAngstrom, mean * astig * 0.25);
        Assert.Equal(mean, fit.MeanDefocusAngstrom, mean * 0.005);
    }

    [Fact]
    public void PhaseShiftOfAPhasePlateIsRecovered()
    {
        var fit = FitSynthetic(300, 6000, 0.0, 0, 20, 7, options: new CtfFitOptions { FitPhaseShift = true }, phaseShift: Math.PI / 2);
        Assert.Equal(Math.PI / 2, fit.PhaseShiftRadians, 0.15);
        Assert.Equal(6000, fit.MeanDefocusAngstrom, 6000 * 0.02);
    }

    private static double AngleError(double a, double b)
    {
        double d = Math.Abs(a - b) % 180;
        return Math.Min(d, 180 - d);
    }
}
