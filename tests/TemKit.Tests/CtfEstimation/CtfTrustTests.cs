using TemKit.Numerics;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Imaging;
using TemKit.Optics;
using TemKit.Pipelines.Defocus;

namespace TemKit.Tests.CtfEstimation;

/// <summary>Issue 12, findings 1 and 2: a fit score that measures fit quality and a fit resolution that can be trusted.</summary>
public class CtfTrustTests
{
    private static (CtfFitResult Fit, PowerSpectrum Spectrum, SyntheticMicrographOptions Options) FitSynthetic(double defocus, double dose, int seed, int size = 1024, double astigmatism = 0)
    {
        var truth = new CtfParameters(300, 2.7, 0.07, defocus + astigmatism / 2, defocus - astigmatism / 2, 30);
        var options = new SyntheticMicrographOptions(truth) { WidthPx = size, HeightPx = size, DoseElectronsPerAngstrom2 = dose, BFactorAngstrom2 = 100, Seed = seed };
        var spectrum = PowerSpectrumEstimator.Estimate(SyntheticMicrograph.Generate(options));
        return (CtfFitter.Fit(spectrum), spectrum, options);
    }

    /// <summary>Largest ratio of common-band scores across 0.6-2.5 µm allowed (ring-SNR score on the band to 4 px,
    /// measured 0.439, 0.445, 0.457 with the power-domain ring model, 1.041; 0.459, 0.453, 0.459 with the session-8
    /// log-linear one; two noise draws per defocus, and one draw's score has an SD of about 5 % here (bench <c>ctf-score-bias 5 8 5 1024 512
    /// 25000</c>); the fitted-range scores of the same spectra vary by 1.28).</summary>
    private const double CommonBandSpread = 1.08;

    [Fact]
    public void FitScoreDoesNotFollowDefocusButFallsWithDoseAndWithAWrongModel()
    {
        // Finding 1: at one dose the old score rose from 0.16 at 0.6 µm to 0.39 at 2.9 µm (a defocus ranking).
        var defoci = new[] { 6000.0, 13000, 25000 };
        // Each score is the mean over two noise realisations. Measured: 0.114, 0.144, 0.146 (a residual rise of about 28 %
        // from 0.6 to 1.3 µm: the fitted-range score, used when the search has no common band); the bound catches the old
        // 2.4-fold defocus ranking.
        // The same spectra scored on the common band of a 0.5-2.5 µm search (first zero at 0.5 µm, 0.0996 1/Å, to where the
        // 2.5 µm rings are 4 px apart in 512 px tiles, 0.130 1/Å) from the per-ring SNR: the score the fitter reports for
        // such a search range.
        var model = new PhaseModel(300, 2.7, 0.07);
        var range = new CtfFitOptions { MinDefocusAngstrom = 5000, MaxDefocusAngstrom = 25000 };
        var pairs = defoci.Select((d, i) => new[] { 40 + i, 50 + i }.Select(seed =>
        {
            var (fit, s, _) = FitSynthetic(d, 5, seed);
            var (first, last) = CtfFitter.FittedRange(s.Size, s.FrequencyStepInverseAngstrom, s.PixelSizeAngstrom, range);
            var band = CtfFitter.ScoreBand(model, s.FrequencyStepInverseAngstrom, first, last, 0, range)!.Value;
            return (Plain: fit.Score, Common: RingSnr.BandScore(s, fit.Parameters, model, first, last, band.First, band.Last));
        }).ToArray()).ToArray();
        var low = pairs.Select(p => p.Average(x => x.Plain)).ToArray();
        Assert.True(low.Max() / low.Min() < 1.4, $"scores at 5 e/Å² across 0.6-2.5 µm: {string.Join(", ", low.Select(s => s.ToString("F3")))}");
        var common = pairs.Select(p => p.Average(x => x.Common)).ToArray();
        Assert.True(common.Max() / common.Min() < CommonBandSpread, $"common-band scores at 5 e/Å² across 0.6-2.5 µm: {string.Join(", ", common.Select(s => s.ToString("F3")))}");
        var (high, spectrum, _) = FitSynthetic(13000, 45, 41);
        // Default search range with 512 px tiles: no common band, so the score runs over the fitted range (30 Å to 2.2 px).
        Assert.InRange(high.ScoreBandLowResolutionAngstrom, 27, 30);
        Assert.InRange(high.ScoreBandHighResolutionAngstrom, 2.2, 2.25);
        Assert.True(high.Score > 1.5 * low.Average(), $"45 e/Å² {high.Score:F3} vs 5 e/Å² {low.Average():F3}");
        // A model 5 % off scores lower on the same spectrum.
        var o = new CtfFitOptions();
        var (first, last) = CtfFitter.FittedRange(spectrum.Size, spectrum.FrequencyStepInverseAngstrom, spectrum.PixelSizeAngstrom, o);
        var wrong = high.Parameters with { Defocus1Angstrom = 1.05 * high.Defocus1Angstrom, Defocus2Angstrom = 1.05 * high.Defocus2Angstrom };
        double wrongScore = CtfFitter.BandScore(spectrum, wrong, new PhaseModel(300, 2.7, 0.07), first, last, o, weighted: true);
        Assert.True(wrongScore < 0.5 * high.Score, $"wrong model {wrongScore:F3}, fit {high.Score:F3}");
    }

    [Fact]
    public void FitResolutionScanSurvivesADipNextToTheFirstZero()
    {
        // Finding 2: a fit that follows the data to 0.2 1/Å was reported at the low-resolution limit (28.4 Å) because the
        // local correlation dipped once next to the first zero. Bins 20-21 dip, 22-80 hold, 81 on are noise.
        int n = 257;
        var cc = new double[n];
        for (int r = 0; r < n; r++) cc[r] = r < 18 ? double.NaN : r is 20 or 21 ? 0.4 : r <= 80 ? 0.9 : 0.1;
        var profile = new CtfFitProfile(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], cc, 18, 250);
        double step = 1.0 / 512;
        Assert.Equal(1 / (80 * step), CtfFitter.FitResolution(profile, 0.75, step, firstZeroIndex: 19), 9);
        // A correlation that never holds for more than three bins: no rings matched, no resolution.
        for (int r = 18; r < n; r++) cc[r] = r % 4 == 0 ? 0.1 : 0.9;
        Assert.True(double.IsNaN(CtfFitter.FitResolution(profile, 0.75, step, 19)));
    }

    [Fact]
    public void FitResolutionTracksTheKnownEnvelopeCutOff()
    {
        // The known cut-off: where the expected local correlation computed from the generator's envelope, dose and
        // the Welch tile count falls below 0.75 (ThonRingVisibility), for a case where rings do not alias first.
        var (fit, spectrum, options) = FitSynthetic(9000, 15, 43);
        double step = spectrum.FrequencyStepInverseAngstrom;
        double cut = ThonRingVisibility.CutOffFrequency(options, step, ThonRingVisibility.EffectiveTiles(spectrum.TileCount), 1 / (2.2 * spectrum.PixelSizeAngstrom));
        Assert.InRange(fit.FitResolutionAngstrom * cut, 0.85, 1.15);
        Assert.InRange(Math.Abs(fit.MeanDefocusAngstrom / 9000 - 1), 0, 0.005);
    }

    [Fact]
    public void AliasingResolutionIsWhereTheRingPeriodReachesTheMinimumAndBoundsTheFitResolution()
    {
        // Naive reference: χ(g) = πλΔf g² − (π/2) Cs λ³ g⁴ with the relativistic wavelength, differentiated numerically;
        // the ring period π/|dχ/dg| at the returned frequency must be 3 spectrum px.
        double volts = 300e3, lambda = 12.2643247 / Math.Sqrt(volts * (1 + 0.978466e-6 * volts)), cs = 2.7e7, step = 1.0 / 512;
        double Chi(double g, double df) => Math.PI * lambda * df * g * g - 0.5 * Math.PI * cs * Math.Pow(lambda, 3) * Math.Pow(g, 4);
        var model = new PhaseModel(300, 2.7, 0.07);
        foreach (double df in new[] { 20000.0, 50000 })
        {
            double g = CtfFitter.AliasingFrequency(model, df, step, 3);
            double h = 1e-6, slope = (Chi(g + h, df) - Chi(g - h, df)) / (2 * h);
            Assert.Equal(3, Math.PI / slope / step, 4);
            Assert.InRange(g * 6 * lambda * df * step, 1, 1.05); // Cs only delays aliasing a little at these frequencies
        }
        // Finely sampled, small defocus: dχ/dg never gets steep enough before Cs turns it back.
        Assert.True(double.IsNaN(CtfFitter.AliasingFrequency(model, 5000, 1.0 / 4096, 3)));

        // On a 5 µm micrograph with 512 px tiles at 1 Å/px the rings alias at 11.5 Å, before they fade at 45 e/Å²:
        // the fit resolution is limited there (and the score with it, docs/defocus.md). At 0.6 µm they never alias.
        var (far, _, _) = FitSynthetic(50000, 45, 44);
        Assert.InRange(far.AliasingResolutionAngstrom, 11.2, 11.9);
        Assert.InRange(far.FitResolutionAngstrom / far.AliasingResolutionAngstrom, 0.9, 1.1);
        var (near, _, _) = FitSynthetic(6000, 45, 45);
        Assert.True(double.IsNaN(near.AliasingResolutionAngstrom));
    }

    [Fact]
    public void ScoreBandRunsFromTheFirstZeroOfTheSmallestToWhereTheLargestSearchedDefocusHasRingsFourPixelsApart()
    {
        // Naive reference: χ_total(g) = πλΔf g² − (π/2) Cs λ³ g⁴ + asin(amplitude contrast); the first zero is where it
        // reaches π (bisection), the band top where the ring period π/|dχ/dg| falls to 4 spectrum px.
        double volts = 300e3, lambda = 12.2643247 / Math.Sqrt(volts * (1 + 0.978466e-6 * volts)), cs = 2.7e7;
        double Chi(double g, double df) => Math.PI * lambda * df * g * g - 0.5 * Math.PI * cs * Math.Pow(lambda, 3) * Math.Pow(g, 4) + Math.Asin(0.07);
        double Period(double g, double df, double step) => Math.PI / ((Chi(g + 1e-6, df) - Chi(g - 1e-6, df)) / 2e-6) / step;
        double lo = 0.01, hi = 0.3;
        for (int i = 0; i < 60; i++) { double mid = 0.5 * (lo + hi); if (Chi(mid, 5000) < Math.PI) lo = mid; else hi = mid; }
        double firstZero = lo; // 0.0996 1/Å at 0.5 µm
        var model = new PhaseModel(300, 2.7, 0.07);
        var o = new CtfFitOptions { MinDefocusAngstrom = 5000, MaxDefocusAngstrom = 50000 };

        // 1024 px spectrum at 1 Å/px: the 5 µm rings stay 4 px apart to 0.130 1/Å, beyond the 0.5 µm first zero.
        double step = 1.0 / 1024;
        var band = CtfFitter.ScoreBand(model, step, 31, 465, 0, o);
        Assert.NotNull(band);
        Assert.Equal((int)Math.Ceiling(firstZero / step), band.Value.First);
        Assert.True(Period(band.Value.Last * step, 50000, step) >= 4 && Period((band.Value.Last + 1) * step, 50000, step) < 4);
        Assert.InRange(band.Value.Last * step, 0.125, 0.135);

        // 512 px: the 5 µm rings alias at 0.087 1/Å, before the first zero at 0.5 µm: no band holds resolved rings of every
        // searched defocus, and the score keeps the fitted range (as with the default 0.1-5 µm search).
        Assert.Null(CtfFitter.ScoreBand(model, 1.0 / 512, 16, 232, 0, o));
        Assert.Null(CtfFitter.ScoreBand(model, step, 31, 465, 0, new CtfFitOptions()));
        // No tile size gives the default search (0.1-5 µm) one: at 0.1 µm the phase never reaches π before Cs turns it
        // back (χ_total at its maximum, g = sqrt(Δf/(Cs λ²)), is below π), so the smallest defocus has no CTF zero at all.
        double turn = Math.Sqrt(1000 / (cs * lambda * lambda));
        Assert.True(Chi(turn, 1000) < Math.PI);
        Assert.Null(CtfFitter.ScoreBand(model, 1.0 / 8192, 31, 3700, 0, new CtfFitOptions()));
    }

    [Fact]
    public void ExpectedCorrelationFollowsItsDefinition()
    {
        var o = new SyntheticMicrographOptions(new CtfParameters(300, 2.7, 0.07, 10000, 10000, 0)) { DoseElectronsPerAngstrom2 = 10, WidthPx = 64, HeightPx = 64 };
        double g = 0.2, step = 1.0 / 512, tiles = 4;
        double s = ThonRingVisibility.SignalPower(o, g), n = ThonRingVisibility.NoisePower(o);
        Assert.Equal(10, n, 12);
        // Naive re-derivation: oscillation ½(√(N+S) − √N)/√2 against the bin noise √(N + S/2)/(2√(T·π·r)).
        double a = 0.5 * (Math.Sqrt(n + s) - Math.Sqrt(n)) / Math.Sqrt(2);
        double sigma = Math.Sqrt(n + s / 2) / (2 * Math.Sqrt(tiles * Math.PI * g / step));
        Assert.Equal(a / Math.Sqrt(a * a + sigma * sigma), ThonRingVisibility.ExpectedCorrelation(o, g, step, tiles), 12);
        // More dose, more correlation; further out (weaker envelope), less.
        Assert.True(ThonRingVisibility.ExpectedCorrelation(o with { DoseElectronsPerAngstrom2 = 40 }, g, step, tiles) > ThonRingVisibility.ExpectedCorrelation(o, g, step, tiles));
        Assert.True(ThonRingVisibility.ExpectedCorrelation(o, 0.3, step, tiles) < ThonRingVisibility.ExpectedCorrelation(o, g, step, tiles));
    }

    [Fact]
    public void ATinyNoiseStackIsRefusedNotFitted()
    {
        // Finding 1: a 32×24 px noise image got status ok with score 0.53.
        var rng = new Random(5);
        var pixels = new float[32 * 24];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)(100 + 10 * SyntheticMicrograph.Gaussian(rng));
        var image = new Image2D(32, 24, pixels, new VoxelSize(1, 1, 0), new ImageMetadata());
        var part = new DefocusAnalyzer(new DefocusRunOptions(), null).Analyse("/tmp/noise.mrc", image, "2026-01-01T00:00:00Z");
        Assert.Equal(DefocusResult.StatusFailed, part.Result.Status);
        Assert.Contains("resolved Thon ring", part.Result.Error);
        Assert.True(double.IsNaN(part.Result.FitScore));
    }

    [Fact]
    public void PureNoiseGetsNoFitResolutionAndALowScore()
    {
        var rng = new NoiseRandom(6, 0);
        var pixels = new float[512 * 512];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)rng.NextPoisson(20);
        var spectrum = PowerSpectrumEstimator.Estimate(new Image2D(512, 512, pixels, new VoxelSize(1, 1, 0), new ImageMetadata()));
        var fit = CtfFitter.Fit(spectrum);
        Assert.InRange(fit.Score, -0.05, 0.05);
        // The same on a common band with the window correction (search range 0.5-2 µm resolves 0.0996-0.173 1/Å).
        var band = CtfFitter.Fit(spectrum, new CtfFitOptions { MinDefocusAngstrom = 5000, MaxDefocusAngstrom = 20000 });
        Assert.InRange(band.ScoreBandLowResolutionAngstrom, 9.5, 10.5);
        Assert.InRange(band.Score, -0.05, 0.05);
    }

    [Fact]
    public void AstigmatismRestraintRemovesSpuriousAstigmatismButKeepsRealAstigmatism()
    {
        // Noisy stigmatic images: the unrestrained fit finds astigmatism in the noise.
        double free = 0, restrained = 0;
        for (int seed = 0; seed < 3; seed++)
        {
            var truth = new CtfParameters(300, 2.7, 0.07, 8000, 8000, 0);
            var spectrum = PowerSpectrumEstimator.Estimate(SyntheticMicrograph.Generate(new SyntheticMicrographOptions(truth) { WidthPx = 512, HeightPx = 512, DoseElectronsPerAngstrom2 = 3, Seed = 60 + seed }));
            free += CtfFitter.Fit(spectrum, new CtfFitOptions { ExpectedAstigmatismAngstrom = 0 }).AstigmatismAngstrom;
            restrained += CtfFitter.Fit(spectrum).AstigmatismAngstrom;
        }
        Assert.True(restrained < 0.5 * free, $"mean astigmatism {restrained / 3:F0} Å restrained vs {free / 3:F0} Å free");
        // Real astigmatism (4 % of 1.5 µm = 600 Å) is still found.
        var (fit, _, _) = FitSynthetic(15000, 15, 61, astigmatism: 600);
        Assert.InRange(fit.AstigmatismAngstrom, 480, 720);
    }
}
