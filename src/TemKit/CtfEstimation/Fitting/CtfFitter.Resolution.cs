using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>
    /// The equi-phase (elliptical) average of the amplitude spectrum along the fitted rings, its one-period background,
    /// the normalised oscillation, the model CTF² and the local cross-correlation (CTFFIND4's 1D fit diagnostics).
    /// </summary>
    private static CtfFitProfile BuildProfile(PowerSpectrum spectrum, CtfParameters p, PhaseModel model, int first, CtfFitOptions o)
    {
        var e = RadialProfile.ComputeElliptical(spectrum, p);
        double step = spectrum.FrequencyStepInverseAngstrom;
        int last = e.Length - 2;
        var scorer = new ProfileScorer(e.Value, step, first, last, model, o.MinRingPeriodPx);
        return ProfileDiagnostics(e.RadiusPx, e.FrequencyInverseAngstrom, e.Value, scorer, p.MeanDefocusAngstrom, p.PhaseShiftRadians, model);
    }

    /// <summary>Background, normalised oscillation, model and local cross-correlation of a profile for an isotropic CTF.</summary>
    internal static CtfFitProfile ProfileDiagnostics(double[] radius, double[] frequency, double[] value, ProfileScorer scorer, double defocus, double phase, PhaseModel model)
    {
        int n = value.Length, first = scorer.First;
        int last = Math.Max(first, scorer.LastUnaliased(defocus));
        var background = new double[n];
        var normalised = new double[n];
        var ctf2 = new double[n];
        var cc = new double[n];
        Array.Fill(cc, double.NaN);
        var residual = new double[n];
        var smooth = scorer.BackgroundProfile(defocus);
        for (int r = 0; r < n; r++)
        {
            background[r] = r >= first ? smooth[r] : value[r];
            residual[r] = r >= first ? value[r] - background[r] : 0;
            double s = Math.Sin(model.Chi(frequency[r], defocus, phase));
            ctf2[r] = s * s;
        }
        var rms = scorer.OscillationRms(defocus, smooth);
        for (int r = first; r <= last; r++) normalised[r] = rms[r] > 0 ? residual[r] / rms[r] : 0;
        for (int r = first; r <= last; r++)
        {
            int half = Math.Max(3, (int)Math.Ceiling(scorer.PeriodPx(r, defocus)));
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            int count = 0;
            for (int k = Math.Max(first, r - half); k <= Math.Min(last, r + half); k++)
            {
                double x = normalised[k], y = 2 * ctf2[k] - 1;
                sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; count++;
            }
            cc[r] = ProfileScorer.Pearson(count, sx, sy, sxx, syy, sxy);
        }
        return new CtfFitProfile(radius, frequency, value, background, normalised, ctf2, cc, first, last);
    }

    /// <summary>
    /// Finest spacing (Å) before the local cross-correlation first drops below the threshold, scanning outwards from the
    /// first fitted bin or the first CTF zero, whichever is further out (before the first zero the broad first ring
    /// carries no position information), as CTFFIND4's CC_fit criterion.
    /// </summary>
    internal static double FitResolution(CtfFitProfile profile, double threshold, double frequencyStep, int firstZeroIndex)
    {
        int good = -1;
        for (int r = Math.Max(profile.FirstFittedIndex, firstZeroIndex); r <= profile.LastFittedIndex; r++)
        {
            if (!(profile.CrossCorrelation[r] >= threshold)) break;
            good = r;
        }
        int bin = good >= 0 ? good : profile.FirstFittedIndex;
        return 1.0 / (bin * frequencyStep);
    }
}
