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
    /// Fit resolution as CTFFIND4 defines it (Rohou &amp; Grigorieff 2015, section 2.4 and Table 3: the spatial frequency
    /// up to which the local cross-correlation CC_fit between the equi-phase average and the fitted CTF stays ≥ 0.75).
    /// The scan starts at the first CTF zero (before it the broad first ring carries no position information) and, as
    /// CTFFIND's code does, a drop counts only once the fit has held for more than
    /// <see cref="EstablishedBins"/> bins, so a dip next to the first zero does not end the scan. Returns the finest
    /// spacing (Å) of the last bin that held, or NaN when the correlation never held (no Thon rings matched).
    /// </summary>
    internal static double FitResolution(CtfFitProfile profile, double threshold, double frequencyStep, int firstZeroIndex)
    {
        int good = -1, held = 0;
        for (int r = Math.Max(profile.FirstFittedIndex, firstZeroIndex); r <= profile.LastFittedIndex; r++)
        {
            if (profile.CrossCorrelation[r] >= threshold)
            {
                held++;
                good = r;
                continue;
            }
            if (held > EstablishedBins) break;
            held = 0;
        }
        return held > EstablishedBins ? 1.0 / (good * frequencyStep) : double.NaN;
    }

    /// <summary>
    /// Lowest frequency g (1/Å) at which the ring period π/|dχ/dg| of defocus <paramref name="defocusAngstrom"/> (Å)
    /// falls to <paramref name="minPeriodPx"/> spectrum pixels of <paramref name="frequencyStep"/> (1/Å per px); NaN
    /// when it never does (dχ/dg = 2πλΔf g − 2π Cs λ³ g³ peaks at g = sqrt(Δf/(3 Cs λ²)) below the needed slope).
    /// Bisection on the rising branch of dχ/dg.
    /// </summary>
    internal static double AliasingFrequency(PhaseModel model, double defocusAngstrom, double frequencyStep, double minPeriodPx)
    {
        if (!(defocusAngstrom > 0)) return double.NaN;
        double slope = Math.PI / (minPeriodPx * frequencyStep);
        if (!(model.HalfPiCsLambda3 > 0)) return slope / (2 * model.PiLambda * defocusAngstrom);
        double top = model.PhaseTurningFrequency(defocusAngstrom) / Math.Sqrt(3);
        if (model.ChiSlope(top, defocusAngstrom) < slope) return double.NaN;
        double lo = 0, hi = top;
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (model.ChiSlope(mid, defocusAngstrom) < slope) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>Bins the local correlation must hold above the threshold before a drop ends the scan (CTFFIND4: 3).</summary>
    internal const int EstablishedBins = 3;
}
