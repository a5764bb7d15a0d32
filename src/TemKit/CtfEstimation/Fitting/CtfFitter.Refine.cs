using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>A refined 2D solution: Δf(α) = Mean + Ax cos 2α + Ay sin 2α (Å), phase shift (radians), 2D score.</summary>
    internal readonly record struct Refined(double Mean, double Ax, double Ay, double Phase, double Score);

    /// <summary>
    /// Local 2D refinement from a 1D candidate: a coarse scan of the astigmatism angle and Nelder–Mead on
    /// (mean, Ax, Ay[, phase]) in units of the start defocus, on data normalised with the rotational average; then a
    /// second pass on data normalised with the equi-phase average of the first solution, whose rings are sharp.
    /// The (Ax, Ay) parametrisation has no singularity at zero astigmatism and no angle wrap.
    /// </summary>
    private static Refined Refine(PowerSpectrum spectrum, ProfileScorer scorer, Candidate start, PhaseModel model, CtfFitOptions o)
    {
        var current = new Refined(start.DefocusAngstrom, 0, 0, start.PhaseShiftRadians, double.NegativeInfinity);
        var data = CommonData(spectrum, scorer, current.Mean, model, o);
        current = RefineOn(data, current, current.Mean, o, scanAngle: true);
        var equiPhase = EquiPhaseScorer(spectrum, scorer, current, model, o);
        data = CommonData(spectrum, equiPhase, current.Mean, model, o);
        return RefineOn(data, current, current.Mean, o, scanAngle: false);
    }

    /// <summary>A 1D scorer over the equi-phase (elliptical) average of the power spectrum for a 2D solution.</summary>
    private static ProfileScorer EquiPhaseScorer(PowerSpectrum spectrum, ProfileScorer rotational, Refined r, PhaseModel model, CtfFitOptions o)
    {
        var p = ToParameters(r, o);
        var profile = RadialProfile.ComputeElliptical(spectrum, p, Amplitude);
        return new ProfileScorer(profile.Value, spectrum.FrequencyStepInverseAngstrom, rotational.First, rotational.Last, model, o.MinRingPeriodPx);
    }

    /// <summary>2D fit data normalised for defocus <paramref name="df0"/> (Å), out to where its rings (with the
    /// largest allowed astigmatism) alias.</summary>
    private static SpectrumFitData CommonData(PowerSpectrum spectrum, ProfileScorer scorer, double df0, PhaseModel model, CtfFitOptions o)
    {
        double reach = df0 * (1 + 0.5 * (o.FitAstigmatism ? o.MaxAstigmatismFraction : 0));
        int last = scorer.LastUnaliased(reach);
        // Near the frequency where Cs turns the phase back the rings broaden without bound and no ring-period window
        // can separate them from the background: stop at 90 % of it (fixed for the whole refinement).
        double turn = model.PhaseTurningFrequency(df0 * (1 - 0.5 * (o.FitAstigmatism ? o.MaxAstigmatismFraction : 0)));
        last = Math.Min(last, (int)Math.Floor(0.9 * turn / spectrum.FrequencyStepInverseAngstrom));
        return new SpectrumFitData(spectrum, scorer, df0, Math.Max(scorer.First + 6, last), model);
    }

    private static Refined RefineOn(SpectrumFitData data, Refined start, double df0, CtfFitOptions o, bool scanAngle)
    {
        Refined Unpack(double[] p) => new(df0 * p[0],
            o.FitAstigmatism ? df0 * p[1] : 0,
            o.FitAstigmatism ? df0 * p[2] : 0,
            o.FitPhaseShift ? p[^1] : start.Phase, 0);

        double Score(double[] p)
        {
            var r = Unpack(p);
            double s = data.Score(r.Mean, r.Ax, r.Ay, r.Phase);
            double astigmatism = 2 * Math.Sqrt(r.Ax * r.Ax + r.Ay * r.Ay);
            s -= AstigmatismPenalty(astigmatism, o.ExpectedAstigmatismAngstrom, data.EffectiveCount, s);
            double excess = 2 * Math.Sqrt(r.Ax * r.Ax + r.Ay * r.Ay) - o.MaxAstigmatismFraction * r.Mean;
            if (excess > 0) s -= 10 * excess / r.Mean;
            if (r.Mean < 0.5 * o.MinDefocusAngstrom || r.Mean > 1.5 * o.MaxDefocusAngstrom) s -= 2;
            return s;
        }

        var x0 = new List<double> { start.Mean / df0 };
        var steps = new List<double> { 0.01 };
        if (o.FitAstigmatism) { x0.Add(start.Ax / df0); x0.Add(start.Ay / df0); steps.Add(0.01); steps.Add(0.01); }
        if (o.FitPhaseShift) { x0.Add(start.Phase); steps.Add(0.2); }
        var starts = new List<double[]> { x0.ToArray() };
        if (scanAngle && o.FitAstigmatism)
        {
            // The 1D search says nothing about the angle: also start from the best of 12 directions of modest astigmatism.
            double bestScore = double.NegativeInfinity;
            double[] bestStart = x0.ToArray();
            for (int k = 0; k < 12; k++)
            {
                double theta = k * Math.PI / 12;
                var p = x0.ToArray();
                p[1] = 0.02 * Math.Cos(2 * theta);
                p[2] = 0.02 * Math.Sin(2 * theta);
                double s = Score(p);
                if (s > bestScore) { bestScore = s; bestStart = p; }
            }
            starts.Add(bestStart);
        }
        double[] bestX = starts[0];
        double best = double.NegativeInfinity;
        foreach (var s in starts)
        {
            var (x, v) = NelderMead.Maximise(Score, s, steps.ToArray());
            (x, v) = NelderMead.Maximise(Score, x, steps.Select(t => t * 0.2).ToArray(), 1e-9);
            if (v > best) { best = v; bestX = x; }
        }
        var result = Unpack(bestX);
        return result with { Score = data.Score(result.Mean, result.Ax, result.Ay, result.Phase) };
    }

    /// <summary>
    /// Astigmatism restraint after CTFFIND's (Mindell &amp; Grigorieff 2003; Rohou &amp; Grigorieff 2015), with a
    /// heavy-tailed prior: −log p = ln(1 + (Δf1 − Δf2)²/(2σ²)), σ = <paramref name="expectedAngstrom"/>. Near zero it
    /// is CTFFIND's Gaussian (Δf1 − Δf2)²/(2σ²); far out it grows only logarithmically, so real astigmatism of many σ
    /// costs a few log-likelihood units and stays. On the normalised cross-correlation CC of N effective pixels, whose
    /// log-likelihood grows as N·CC·ΔCC/(1 − CC²), the prior weighs −log p·(1 − CC²)/(N·CC): it matters where the
    /// data hardly constrain the astigmatism (low CC, spurious astigmatism of noise), not where rings are clear.
    /// 0 (or less) = no restraint.
    /// </summary>
    internal static double AstigmatismPenalty(double astigmatismAngstrom, double expectedAngstrom, double effectivePixels, double score)
    {
        if (!(expectedAngstrom > 0) || !(effectivePixels > 0)) return 0;
        double cc = Math.Clamp(score, 0.02, 0.99);
        double ratio = astigmatismAngstrom / expectedAngstrom;
        return Math.Log(1 + 0.5 * ratio * ratio) * (1 - cc * cc) / (effectivePixels * cc);
    }

    /// <summary>CTF parameters with Δf1 ≥ Δf2 and the angle in [0, 180) degrees.</summary>
    private static CtfParameters ToParameters(Refined r, CtfFitOptions o)
    {
        double half = Math.Sqrt(r.Ax * r.Ax + r.Ay * r.Ay);
        double angle = half > 0 ? 0.5 * Math.Atan2(r.Ay, r.Ax) * 180 / Math.PI : 0;
        angle = ((angle % 180) + 180) % 180;
        double phase = o.FitPhaseShift ? ((r.Phase % Math.PI) + Math.PI) % Math.PI : r.Phase;
        return new CtfParameters(o.Optics.VoltageKilovolts, o.Optics.CsMillimetres, o.Optics.AmplitudeContrast, r.Mean + half, r.Mean - half, angle, phase);
    }
}
