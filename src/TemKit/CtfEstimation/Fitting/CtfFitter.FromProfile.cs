using TemKit.CtfEstimation.Profile;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>
    /// Isotropic re-estimation from a saved smoothed profile (the pipeline's <c>--from smoothed</c>): the same 1D
    /// search and scoring as <see cref="Fit"/> on <see cref="SmoothedProfile.Smoothed"/>; Δf1 = Δf2, angle 0.
    /// </summary>
    /// <param name="profile">Smoothed radial profile with its pixel size (Å/px) and spectrum size.</param>
    /// <param name="options">Microscope constants and ranges (astigmatism settings are ignored).</param>
    /// <param name="originalPixelSizeAngstrom">Pixel size (Å) of the micrograph before binning, for the fringe width;
    /// 0 = the profile's sampling.</param>
    public static CtfFitResult FitProfile(SmoothedProfile profile, CtfFitOptions? options = null, double originalPixelSizeAngstrom = 0)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var o = options ?? new CtfFitOptions();
        o.Validate();
        if (!(profile.PixelSizeAngstrom > 0)) throw new ArgumentException("the profile has no pixel size; give one (Å/px) to fit the CTF", nameof(profile));
        var model = new PhaseModel(o.Optics.VoltageKilovolts, o.Optics.CsMillimetres, o.Optics.AmplitudeContrast);
        double step = 1.0 / (profile.SpectrumSizePx * profile.PixelSizeAngstrom);
        var (first, last) = FittedRange(profile.SpectrumSizePx, step, profile.PixelSizeAngstrom, o);
        last = Math.Min(last, profile.Length - 2);
        var scorer = new ProfileScorer(profile.Smoothed, step, first, last, model, o.MinRingPeriodPx);
        var candidates = SearchDefocus(scorer, o, keep: 1);
        if (candidates.Count == 0) throw new ArgumentException("no defocus candidate in the search range produced a score", nameof(options));
        var best = candidates[0];
        var parameters = new CtfParameters(o.Optics.VoltageKilovolts, o.Optics.CsMillimetres, o.Optics.AmplitudeContrast, best.DefocusAngstrom, best.DefocusAngstrom, 0, best.PhaseShiftRadians);
        var diagnostics = ProfileDiagnostics(profile.RadiusPx, profile.FrequencyInverseAngstrom, profile.Smoothed, scorer, best.DefocusAngstrom, best.PhaseShiftRadians, model);
        int firstZero = FirstZeroIndex(model, parameters, step, first);
        double resolution = FitResolution(diagnostics, o.FitResolutionThreshold, step, firstZero);
        double original = originalPixelSizeAngstrom > 0 ? originalPixelSizeAngstrom : profile.PixelSizeAngstrom;
        return MakeResult(parameters, best.Score, resolution, model, original, profile.PixelSizeAngstrom, diagnostics);
    }

    /// <summary>
    /// Isotropic re-estimation from saved ring positions (the pipeline's <c>--from peaks</c>): the defocus whose CTF
    /// puts zeros at χ_total = kπ and maxima at π/2 + kπ closest to the measured ones, by an exhaustive search with a
    /// robust (clipped) squared phase residual, then golden-section refinement. Needs at least two rings.
    /// Score = 1 − 12·(mean clipped squared residual in cycles): 1 for a perfect match, ≈ 0 for random rings.
    /// Fit resolution = finest ring whose residual is below 0.15 cycle. The returned profile holds one entry per ring.
    /// </summary>
    /// <param name="rings">Maxima and zeros with their frequencies (needs a calibrated profile).</param>
    /// <param name="options">Microscope constants and the defocus range.</param>
    /// <param name="originalPixelSizeAngstrom">Pixel size (Å) of the micrograph before binning; 0 = the rings' sampling.</param>
    public static CtfFitResult FitProfile(ThonRings rings, CtfFitOptions? options = null, double originalPixelSizeAngstrom = 0)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var o = options ?? new CtfFitOptions();
        o.Validate();
        var features = new List<(double G, double Offset)>();
        foreach (var z in rings.Zeros) if (z.FrequencyInverseAngstrom > 0) features.Add((z.FrequencyInverseAngstrom, 0));
        foreach (var p in rings.Peaks) if (p.FrequencyInverseAngstrom > 0) features.Add((p.FrequencyInverseAngstrom, 0.5));
        if (features.Count < 2) throw new ArgumentException($"fitting from ring positions needs at least two calibrated rings, found {features.Count}", nameof(rings));
        var model = new PhaseModel(o.Optics.VoltageKilovolts, o.Optics.CsMillimetres, o.Optics.AmplitudeContrast);
        double phase = o.PhaseShiftRadians;

        double Cost(double df)
        {
            double sum = 0;
            foreach (var (g, offset) in features)
            {
                double cycles = model.Chi(g, df, phase) / Math.PI - offset;
                double d = cycles - Math.Round(cycles);
                sum += Math.Min(d * d, 0.0625);
            }
            return sum / features.Count;
        }

        double ratio = 1.005;
        double bestDf = o.MinDefocusAngstrom, bestCost = double.PositiveInfinity;
        for (double df = o.MinDefocusAngstrom; df <= o.MaxDefocusAngstrom; df *= ratio)
        {
            double c = Cost(df);
            if (c < bestCost) { bestCost = c; bestDf = df; }
        }
        double refined = Math.Exp(GoldenMax(t => -Cost(Math.Exp(t)), Math.Log(bestDf / ratio), Math.Log(bestDf * ratio), 1e-6));
        if (Cost(refined) < bestCost) { bestDf = refined; bestCost = Cost(refined); }

        double finest = double.NaN;
        var radius = new double[features.Count];
        var frequency = new double[features.Count];
        var residuals = new double[features.Count];
        var ctf2 = new double[features.Count];
        var sorted = features.OrderBy(f => f.G).ToList();
        double step = rings.PixelSizeAngstrom > 0 ? 1.0 / (rings.SpectrumSizePx * rings.PixelSizeAngstrom) : double.NaN;
        for (int i = 0; i < sorted.Count; i++)
        {
            var (g, offset) = sorted[i];
            double cycles = model.Chi(g, bestDf, phase) / Math.PI - offset;
            residuals[i] = cycles - Math.Round(cycles);
            frequency[i] = g;
            radius[i] = g / step;
            double s = Math.Sin(model.Chi(g, bestDf, phase));
            ctf2[i] = s * s;
            if (Math.Abs(residuals[i]) < 0.15) finest = 1 / g;
        }
        var parameters = new CtfParameters(o.Optics.VoltageKilovolts, o.Optics.CsMillimetres, o.Optics.AmplitudeContrast, bestDf, bestDf, 0, phase);
        var profile = new CtfFitProfile(radius, frequency, new double[sorted.Count], new double[sorted.Count], residuals, ctf2, new double[sorted.Count], 0, sorted.Count - 1);
        double original = originalPixelSizeAngstrom > 0 ? originalPixelSizeAngstrom : rings.PixelSizeAngstrom;
        return MakeResult(parameters, 1 - 12 * bestCost, finest, model, original, rings.PixelSizeAngstrom, profile);
    }

    /// <summary>Bin of the first CTF zero at the mean defocus (or <paramref name="fallback"/>).</summary>
    private static int FirstZeroIndex(PhaseModel model, CtfParameters p, double step, int fallback)
    {
        double g = FirstZeroFrequency(model, p.MeanDefocusAngstrom, p.PhaseShiftRadians);
        return double.IsNaN(g) ? fallback : (int)Math.Floor(g / step);
    }

    /// <summary>Frequency (1/Å) of the first CTF zero (total phase at the first multiple of π above its value at g = 0)
    /// for a defocus (Å) and extra phase shift (radians); NaN when the phase never gets there.</summary>
    private static double FirstZeroFrequency(PhaseModel model, double defocusAngstrom, double phaseShift)
    {
        double start = phaseShift + model.AmplitudePhase;
        return model.FrequencyAtPhase(Math.Ceiling(start / Math.PI + 1e-9) * Math.PI, defocusAngstrom, phaseShift);
    }
}
