using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// Fits defocus, astigmatism and (optionally) phase shift to a power spectrum, following CTFFIND4's strategy
/// (Rohou &amp; Grigorieff 2015): exhaustive 1D search of the mean defocus on the rotational average, then a local 2D
/// refinement of (Δf1, Δf2, angle[, phase]) maximising the normalised cross-correlation between the
/// background-subtracted, amplitude-normalised spectrum and CTF².
/// </summary>
public static partial class CtfFitter
{
    /// <summary>Fits the CTF to a calibrated power spectrum.</summary>
    /// <param name="spectrum">Output of <see cref="PowerSpectrumEstimator.Estimate"/> or <see cref="PowerSpectrum.FromCentredImage"/>; pixel size must be known.</param>
    /// <param name="options">Microscope constants and ranges (defaults when null).</param>
    /// <exception cref="ArgumentException">Uncalibrated spectrum, or a resolution range with too few pixels.</exception>
    public static CtfFitResult Fit(PowerSpectrum spectrum, CtfFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var o = options ?? new CtfFitOptions();
        o.Validate();
        if (!spectrum.IsCalibrated) throw new ArgumentException("the spectrum has no pixel size; give one (Å/px) to fit the CTF", nameof(spectrum));
        var model = new PhaseModel(o.Optics.VoltageKilovolts, o.Optics.CsMillimetres, o.Optics.AmplitudeContrast);
        var profile = RadialProfile.Compute(spectrum, Amplitude);
        var (first, last) = FittedRange(spectrum.Size, spectrum.FrequencyStepInverseAngstrom, spectrum.PixelSizeAngstrom, o);
        CheckRings(spectrum, model, first, last, o);
        var scorer = new ProfileScorer(profile.Value, spectrum.FrequencyStepInverseAngstrom, first, last, model, o.MinRingPeriodPx);
        var candidates = SearchDefocus(scorer, o, keep: 2);
        if (candidates.Count == 0) throw new ArgumentException("no defocus candidate in the search range produced a score", nameof(options));

        // Refine the runner-up too when its 1D score is close, then compare both on the same pixels and normalisation.
        var b = Refine(spectrum, scorer, candidates[0], model, o);
        if (candidates.Count > 1 && candidates[1].Score > 0.8 * candidates[0].Score)
        {
            var other = Refine(spectrum, scorer, candidates[1], model, o);
            var common = CommonData(spectrum, scorer, b.Mean, model, o);
            if (common.Score(other.Mean, other.Ax, other.Ay, other.Phase) > common.Score(b.Mean, b.Ax, b.Ay, b.Phase)) b = other;
        }
        var parameters = ToParameters(b, o);
        var fitProfile = BuildProfile(spectrum, parameters, model, first, o);
        int firstZeroIndex = FirstZeroIndex(model, parameters, spectrum.FrequencyStepInverseAngstrom, first);
        double resolution = FitResolution(fitProfile, o.FitResolutionThreshold, spectrum.FrequencyStepInverseAngstrom, firstZeroIndex);
        double step = spectrum.FrequencyStepInverseAngstrom;
        var scoreBand = ScoreBand(model, step, first, last, parameters.PhaseShiftRadians, o);
        var (scoreFirst, scoreLast) = scoreBand ?? (first, last);
        double score = scoreBand.HasValue
            ? RingSnr.BandScore(spectrum, parameters, model, first, last, scoreFirst, scoreLast)
            : BandScore(spectrum, parameters, model, scoreFirst, scoreLast, o, weighted: true);
        double aliasing = AliasingFrequency(model, parameters.Defocus1Angstrom, step, o.MinRingPeriodPx);
        double nyquist = 0.5 * spectrum.Size * step;
        return MakeResult(parameters, score, resolution, model, spectrum.OriginalPixelSizeAngstrom, spectrum.PixelSizeAngstrom, fitProfile)
            with
            {
                AliasingResolutionAngstrom = aliasing <= nyquist ? 1 / aliasing : double.NaN,
                ScoreBandLowResolutionAngstrom = 1 / (scoreFirst * step),
                ScoreBandHighResolutionAngstrom = 1 / (scoreLast * step),
            };
    }

    /// <summary>Profiles are averages of the amplitude sqrt(power), as in CTFFIND4 (smaller dynamic range than power).</summary>
    private static readonly RadialProfileOptions Amplitude = new() { Amplitude = true };

    /// <summary>The finest spacing (Å) the fit uses: <paramref name="highResolutionAngstrom"/>, or when that is 0 (automatic)
    /// 2.2 spectrum pixels, 0.9 of Nyquist.</summary>
    internal static double HighResolutionUsedAngstrom(double highResolutionAngstrom, double spectrumPixelSizeAngstrom) =>
        highResolutionAngstrom > 0 ? highResolutionAngstrom : 2.2 * spectrumPixelSizeAngstrom;

    /// <summary>First and last spectrum radius (px) of the fitted range, from the resolution limits (Å).</summary>
    internal static (int First, int Last) FittedRange(int size, double frequencyStep, double pixelSizeAngstrom, CtfFitOptions o)
    {
        double high = HighResolutionUsedAngstrom(o.HighResolutionAngstrom, pixelSizeAngstrom);
        int first = Math.Max(2, (int)Math.Ceiling(1 / (o.LowResolutionAngstrom * frequencyStep)));
        int last = Math.Min(size / 2 - 2, (int)Math.Floor(1 / (high * frequencyStep)));
        if (last - first < 8)
            throw new ArgumentException($"the resolution range {o.LowResolutionAngstrom:G4}-{high:G4} Å covers only {Math.Max(0, last - first + 1)} px of a {size} px spectrum at {pixelSizeAngstrom:G4} Å/px; widen it or use larger tiles");
        return (first, last);
    }

    private static CtfFitResult MakeResult(CtfParameters p, double score, double resolution, PhaseModel model, double originalPixel, double spectrumPixel, CtfFitProfile profile)
    {
        double mean = p.MeanDefocusAngstrom;
        double index = model.MaximumFrequency(2, mean, p.PhaseShiftRadians);
        double fringe = originalPixel > 0 ? Math.Sqrt(model.Lambda * mean) / originalPixel : double.NaN;
        return new CtfFitResult(p, score, resolution, index, fringe, originalPixel, spectrumPixel, profile);
    }
}
