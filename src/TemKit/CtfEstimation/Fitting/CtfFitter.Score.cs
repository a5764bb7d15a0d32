using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>
    /// The normalised cross-correlation between the background-subtracted, amplitude-normalised spectrum (background and
    /// local RMS from the equi-phase average of the fit) and the fitted CTF² (as 2·CTF² − 1) over the annulus
    /// [first, last] (spectrum px), the score of CTFFIND4 (Rohou &amp; Grigorieff 2015); with <paramref name="weighted"/>
    /// each pixel counts by envelope²/variance of its ring, so rings lost in noise or aliased weigh little. The fitter
    /// reports it over the fitted range when the search range has no common band (<see cref="ScoreBand"/>); there it
    /// still depends on defocus, because aliasing (ring period below ~3 px) removes rings from the band at large defocus
    /// while the ring SNR per frequency is the same at every defocus (bench <c>ctf-ring-snr</c>). On a common band the
    /// fitter reports <see cref="RingSnr.BandScore"/> instead.
    /// </summary>
    internal static double BandScore(PowerSpectrum spectrum, CtfParameters p, PhaseModel model, int first, int last, CtfFitOptions o, bool weighted)
    {
        if (last - first < 2) return 0;
        var e = RadialProfile.ComputeElliptical(spectrum, p, Amplitude);
        var scorer = new ProfileScorer(e.Value, spectrum.FrequencyStepInverseAngstrom, first, e.Length - 2, model, o.MinRingPeriodPx);
        var data = new SpectrumFitData(spectrum, scorer, p.MeanDefocusAngstrom, last, model, uniformWeights: !weighted);
        double half = 0.5 * (p.Defocus1Angstrom - p.Defocus2OrDefocus1Angstrom);
        double angle = p.AstigmatismAngleDegrees * Math.PI / 180;
        return data.Score(p.MeanDefocusAngstrom, half * Math.Cos(2 * angle), half * Math.Sin(2 * angle), p.PhaseShiftRadians);
    }

    /// <summary>
    /// The common band of the searched defocus range (spectrum px), or null when it is narrower than
    /// <see cref="MinScoreBandPx"/>: from the first CTF zero at <see cref="CtfFitOptions.MinDefocusAngstrom"/> (below it
    /// the smallest defocus has one broad hump, not rings) to the frequency where the rings of
    /// <see cref="CtfFitOptions.MaxDefocusAngstrom"/> come closer than <paramref name="minPeriodPx"/> (at least
    /// <see cref="CtfFitOptions.MinRingPeriodPx"/>), inside [<paramref name="first"/>, <paramref name="last"/>]. Every
    /// defocus of the range shows resolved rings over the whole band, and the Thon-ring SNR at a given frequency does not
    /// depend on defocus (bench <c>ctf-ring-snr</c>), so a score over this band (<see cref="RingSnr.BandScore"/>) compares
    /// like with like across defocus.
    /// </summary>
    internal static (int First, int Last)? ScoreBand(PhaseModel model, double step, int first, int last, double phaseShift, CtfFitOptions o, double minPeriodPx = ScoreBandMinRingPeriodPx)
    {
        double low = FirstZeroFrequency(model, o.MinDefocusAngstrom, phaseShift);
        double high = AliasingFrequency(model, o.MaxDefocusAngstrom, step, Math.Max(o.MinRingPeriodPx, minPeriodPx));
        if (double.IsNaN(low)) return null;
        int a = Math.Max(first, (int)Math.Ceiling(low / step));
        int b = double.IsFinite(high) ? Math.Min(last, (int)Math.Floor(high / step)) : last;
        return b - a >= MinScoreBandPx ? (a, b) : null;
    }

    /// <summary>Narrowest common band (spectrum px) the score uses; a narrower one falls back to the fitted range.</summary>
    internal const int MinScoreBandPx = 8;

    /// <summary>
    /// Finest ring period (spectrum px) of the largest searched defocus inside the score band. The tile window keeps
    /// R(n/p) of a ring's contrast (0.65 at 3 px, 0.74 at 4 px for the 10 % taper), and the ring SNR measured at 3-4 px
    /// scattered most: on the <c>ctf-trust 10 2048 1024</c> sweep the band to 3 px gave r(score, defocus) +0.22 / −0.43 /
    /// −0.66 at 5 / 15 / 45 e/Å², the band to 4 px −0.07 / +0.29 / +0.12 (session 9's ring model; docs/benchmarks/ctf.md).
    /// </summary>
    internal const double ScoreBandMinRingPeriodPx = 4.0;
}
