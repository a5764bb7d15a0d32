using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Imaging;
using TemKit.Optics;

namespace TemKit.Tests.CtfEstimation;

public class CtfFitterTests
{
    private static readonly CtfParameters Truth = new(300, 2.7, 0.07, 12000, 12000, 0);

    private static PowerSpectrum NoiseFreeSpectrum(CtfParameters truth, int size = 1024)
    {
        var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(truth) { WidthPx = size, HeightPx = size, DoseElectronsPerAngstrom2 = 0, Seed = 3 });
        return PowerSpectrumEstimator.Estimate(image);
    }

    [Fact]
    public void IndicesFollowTheirDefinitions()
    {
        var fit = CtfFitter.Fit(NoiseFreeSpectrum(Truth));
        Assert.Equal(12000, fit.MeanDefocusAngstrom, 12000 * 0.003);
        var ctf = new TemKit.Optics.Ctf(fit.Parameters with { Defocus1Angstrom = fit.MeanDefocusAngstrom, Defocus2Angstrom = fit.MeanDefocusAngstrom });
        // fft_index: CTF² = 1 there, and exactly one other maximum (the first) lies below it: one zero in between.
        double g = fit.FftIndexInverseAngstrom;
        Assert.Equal(1.0, Math.Pow(ctf.Value(g, 0), 2), 9);
        Assert.True(ctf.ZeroFrequency(1, 0) < g && g < ctf.ZeroFrequency(2, 0));
        // fringe_width_px = sqrt(λ Δf) / pixel size (1 Å here).
        Assert.Equal(Math.Sqrt(ElectronOptics.WavelengthAngstrom(300) * fit.MeanDefocusAngstrom), fit.FringeWidthPx, 9);
        Assert.True(fit.Score > 0.5);
        Assert.InRange(fit.FitResolutionAngstrom, 2.0, 8.0);
        Assert.Equal(fit.Profile.RadiusPx.Length, fit.Profile.CrossCorrelation.Length);
    }

    [Fact]
    public void FringeWidthUsesTheOriginalPixelSizeWhenBinned()
    {
        var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(Truth) { PixelSizeAngstrom = 0.5, DoseElectronsPerAngstrom2 = 0 });
        var spectrum = PowerSpectrumEstimator.Estimate(image, new PowerSpectrumOptions { BinFactor = 2 });
        Assert.Equal(1.0, spectrum.PixelSizeAngstrom);
        var fit = CtfFitter.Fit(spectrum);
        Assert.Equal(0.5, fit.OriginalPixelSizeAngstrom);
        Assert.Equal(Math.Sqrt(ElectronOptics.WavelengthAngstrom(300) * fit.MeanDefocusAngstrom) / 0.5, fit.FringeWidthPx, 9);
    }

    [Fact]
    public void SecondMaximumSolvesThePhaseEquation()
    {
        // With amplitude phase φa the n-th maximum of sin²(χ + φa) is at χ + φa = π/2 + (n − 1)π (for φa < π/2).
        var model = new PhaseModel(200, 1.2, 0.1);
        double g = model.MaximumFrequency(2, 8000, 0);
        Assert.Equal(1.5 * Math.PI, model.Chi(g, 8000, 0), 9);
        // A π/2 phase plate pushes the total phase at g = 0 past the first maximum: the "second" is then at 5π/2.
        double gp = model.MaximumFrequency(2, 8000, Math.PI / 2);
        Assert.Equal(2.5 * Math.PI, model.Chi(gp, 8000, Math.PI / 2), 9);
    }

    [Fact]
    public void ReEstimatesFromTheSmoothedProfileAndFromRingPositions()
    {
        var spectrum = NoiseFreeSpectrum(Truth);
        var smoothed = ProfileSmoothing.Smooth(RadialProfile.Compute(spectrum), 1.0);
        var fromProfile = CtfFitter.FitProfile(smoothed);
        Assert.Equal(12000, fromProfile.MeanDefocusAngstrom, 12000 * 0.01);
        Assert.Equal(fromProfile.Defocus1Angstrom, fromProfile.Defocus2Angstrom);

        var rings = ThonRingPeaks.Find(smoothed, 0.05);
        Assert.True(rings.Zeros.Count >= 3, $"{rings.Zeros.Count} zeros");
        var fromRings = CtfFitter.FitProfile(rings);
        Assert.Equal(12000, fromRings.MeanDefocusAngstrom, 12000 * 0.02);
        Assert.True(fromRings.Score > 0.5);
    }

    [Fact]
    public void UncalibratedInputsAndBadOptionsAreRefused()
    {
        var spectrum = new PowerSpectrum(new Image2D(64, 64), 0);
        var ex = Assert.Throws<ArgumentException>(() => CtfFitter.Fit(spectrum));
        Assert.Contains("pixel size", ex.Message);
        var calibrated = new PowerSpectrum(new Image2D(64, 64), 1.0);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => CtfFitter.Fit(calibrated, new CtfFitOptions { Optics = ElectronOptics.Default with { AmplitudeContrast = 1.5 } }));
        Assert.Equal("AmplitudeContrast", bad.ParamName);
        var narrow = Assert.Throws<ArgumentException>(() => CtfFitter.Fit(calibrated, new CtfFitOptions { LowResolutionAngstrom = 5, HighResolutionAngstrom = 4 }));
        Assert.Contains("resolution range", narrow.Message);
        var rings = new ThonRings([], [new ThonRingExtremum(1, 10, 0.05, 1, 1)], 1.0, 256);
        Assert.Throws<ArgumentException>(() => CtfFitter.FitProfile(rings));
    }
}
