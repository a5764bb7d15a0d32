using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>
    /// The fit score: normalised cross-correlation between the background-subtracted, amplitude-normalised spectrum
    /// (background and local RMS from the equi-phase average of the fit) and the fitted CTF² (as 2·CTF² − 1) over the
    /// annulus [first, last] (spectrum px), the score of CTFFIND4 (Rohou &amp; Grigorieff 2015). The annulus is a band
    /// fixed for the run (<see cref="ScoreBand"/> or the fitted range), not the defocus-dependent reach of the rings, and with
    /// <paramref name="weighted"/> each pixel counts by envelope²/variance of its ring, so rings lost in noise or
    /// aliased weigh little: the score measures how well the rings that are there match, and does not grow with
    /// defocus (the old score over the unaliased band did, r = 0.98 on a stigmatic sweep). It still falls with defocus
    /// once aliasing (ring period below ~3 px) cuts into the band where rings stand above the noise: the ring SNR per
    /// frequency is the same at every defocus (bench <c>ctf-ring-snr</c>), but those rings are missing from the spectrum.
    /// With profileFirst ≥ 0 the background, envelope and variance come from the profile from that radius on (the fitted
    /// range), and only the pixels of [first, last] are scored, so a band's lower edge does not cut the background.
    /// With windowCorrected the tile window's attenuation of fine rings is taken out ring by ring
    /// (<see cref="SpectrumFitData.WindowCorrectedScore"/>); the fitter does so on the common band, where every ring is resolved.
    /// </summary>
    internal static double BandScore(PowerSpectrum spectrum, CtfParameters p, PhaseModel model, int first, int last, CtfFitOptions o, bool weighted, bool windowCorrected = false, int profileFirst = -1)
    {
        if (last - first < 2) return 0;
        var e = RadialProfile.ComputeElliptical(spectrum, p, Amplitude);
        int from = profileFirst >= 0 ? Math.Min(profileFirst, first) : first;
        var scorer = new ProfileScorer(e.Value, spectrum.FrequencyStepInverseAngstrom, from, e.Length - 2, model, o.MinRingPeriodPx);
        var data = new SpectrumFitData(spectrum, scorer, p.MeanDefocusAngstrom, last, model, uniformWeights: !weighted, firstUsed: first);
        double half = 0.5 * (p.Defocus1Angstrom - p.Defocus2OrDefocus1Angstrom);
        double angle = p.AstigmatismAngleDegrees * Math.PI / 180;
        double ax = half * Math.Cos(2 * angle), ay = half * Math.Sin(2 * angle);
        return windowCorrected
            ? data.WindowCorrectedScore(p.MeanDefocusAngstrom, ax, ay, p.PhaseShiftRadians, spectrum.FrequencyStepInverseAngstrom)
            : data.Score(p.MeanDefocusAngstrom, ax, ay, p.PhaseShiftRadians);
    }

    /// <summary>
    /// The common band of the searched defocus range (spectrum px), or null when it is narrower than
    /// <see cref="MinScoreBandPx"/>: from the first CTF zero at <see cref="CtfFitOptions.MinDefocusAngstrom"/> (below it
    /// the smallest defocus has one broad hump, not rings) to the frequency where the rings of
    /// <see cref="CtfFitOptions.MaxDefocusAngstrom"/> alias (period <see cref="CtfFitOptions.MinRingPeriodPx"/>; beyond
    /// it the largest defocus has no resolved rings), inside [<paramref name="first"/>, <paramref name="last"/>]. Every
    /// defocus of the range shows resolved rings over the whole band, and the Thon-ring SNR at a given frequency does not
    /// depend on defocus (bench <c>ctf-ring-snr</c>), so a score over this band compares like with like across defocus.
    /// </summary>
    internal static (int First, int Last)? ScoreBand(PhaseModel model, double step, int first, int last, double phaseShift, CtfFitOptions o)
    {
        double low = FirstZeroFrequency(model, o.MinDefocusAngstrom, phaseShift);
        double high = AliasingFrequency(model, o.MaxDefocusAngstrom, step, o.MinRingPeriodPx);
        if (double.IsNaN(low)) return null;
        int a = Math.Max(first, (int)Math.Ceiling(low / step));
        int b = double.IsFinite(high) ? Math.Min(last, (int)Math.Floor(high / step)) : last;
        return b - a >= MinScoreBandPx ? (a, b) : null;
    }

    /// <summary>Narrowest common band (spectrum px) the score uses; a narrower one falls back to the fitted range.</summary>
    internal const int MinScoreBandPx = 8;
}
