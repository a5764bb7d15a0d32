using TemKit.Detector;

namespace TemKit.Tests.Detector;

/// <summary>SOI Fig. 8: simulate vacuum at increasing dose through a known detector, fit it, recover the detector.</summary>
public class SelfConsistencyTests
{
    [Theory]
    [InlineData(0.25, 2.5, 0.01, 0.05)]
    [InlineData(0.425, 3.5, 0.01, 0.05)]
    [InlineData(0.2, 3.0, 0.01, 0.05)]
    public void VacuumSeriesRecoversDetector(double c0, double c3, double n0, double pixelSizeAngstrom)
    {
        var model = new DetectorModel(c0, c3, 0, n0);
        var rng = new Random(2024);
        double[] dosesPerA2 = [10, 20, 40, 80, 150, 250, 400, 600, 900, 1300];
        var nd = new List<double>();
        var floors = new List<double>();
        foreach (double dose in dosesPerA2)
        {
            double perPixel = dose * pixelSizeAngstrom * pixelSizeAngstrom;
            var frame = DetectorSimulator.Vacuum(512, 512, perPixel, model, rng);
            var analysis = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions());
            Assert.True(analysis.Ok, analysis.Message);
            var fit = analysis.Fit!;
            // The dose comes back from the frame mean (e/px).
            Assert.InRange(analysis.DoseElectronsPerPixel, perPixel * 0.97, perPixel * 1.03);
            // Eq. 2 prediction for C, with C computed here from the known N0 and dose
            Assert.InRange(fit.C, Math.Sqrt(n0 / (n0 + perPixel)) - 0.02, Math.Sqrt(n0 / (n0 + perPixel)) + 0.02);
            if (dose > 200)
            {
                Assert.InRange(fit.C0, 0.9 * c0, 1.1 * c0);
                Assert.True(fit.RSquared >= 0.98, $"R² {fit.RSquared:F3} at {dose} e/Å²");
            }
            nd.Add(analysis.DoseElectronsPerPixel);
            floors.Add(fit.C);
        }
        var readout = ReadoutNoiseFit.Fit(nd, floors, SpectrumKind.Amplitude);
        Assert.InRange(readout.ReadoutNoiseElectronsPerPixel, 0.85 * n0, 1.15 * n0);
    }

    [Fact]
    public void PowerSpectrumFloorIsNotSquared()
    {
        // docs/detector.md: the power-spectrum floor ratio is C = N0/(N0 + N_D), not its square root (Eq. 2).
        var model = new DetectorModel(0.25, 2.5, 0, 0.01);
        var rng = new Random(7);
        foreach (double perPixel in new[] { 0.02, 0.1 })
        {
            var frame = DetectorSimulator.Vacuum(512, 512, perPixel, model, rng);
            var power = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(Spectrum: SpectrumKind.Power)).Fit!;
            Assert.InRange(power.C, 0.01 / (0.01 + perPixel) - 0.03, 0.01 / (0.01 + perPixel) + 0.03);
            var amplitude = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions()).Fit!;
            Assert.InRange(amplitude.C * amplitude.C, 0.01 / (0.01 + perPixel) - 0.03, 0.01 / (0.01 + perPixel) + 0.03);
        }
    }
}
