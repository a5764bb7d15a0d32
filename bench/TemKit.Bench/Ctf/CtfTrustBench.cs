using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Bench.Ctf;

/// <summary>
/// Are the fit score and the fit resolution numbers a microscopist can trust? A sweep of synthetic stigmatic
/// micrographs (300 kV, Cs 2.7 mm, B = 100 Å², 1 Å/px), mean defocus log-spaced over 0.5–5 µm at three doses: per dose
/// the Pearson correlation of the score with defocus (should be near 0) and the mean score (should rank the doses);
/// the score of a wrong model (defocus 5 % off); the fit resolution against the known cut-off, which is the envelope
/// cut-off (<see cref="ThonRingVisibility.CutOffFrequency"/>) or, where the rings alias first (ring period below 3
/// spectrum px), the aliasing frequency; and the spurious astigmatism with and without the restraint.
/// "Common band": the same correlation over the one band where every defocus of the sweep shows resolved rings, from the
/// first zero of the smallest defocus (0.5 µm) to where the largest (5 µm) has rings 4 px apart at the
/// spectrum's sampling (<see cref="CtfFitter.ScoreBand"/> of a 0.5-5 µm search); NaN when the tiles are too small for
/// such a band (512 px at 1 Å/px).
/// "Ring SNR" is the score the fitter reports on a common band (<see cref="RingSnr.BandScore"/>: the
/// per-ring SNR pooled over the band by pixel count, mapped to sqrt(q/(1 + q))), for the fit, a model 5 % off and the
/// true CTF (the measurement without fit error), and on the wider band that ends at ring period 3 px instead of 4 (<see cref="CtfFitter.ScoreBandMinRingPeriodPx"/>). Arguments: [defocus values per dose (default 10)] [image size px (default 1024)] [tile size px
/// (default 512)] [no-free: skip the fit without the astigmatism restraint] [noise set K (default 0): every micrograph
/// gets the seed of case K, another film and shot noise at the same defocus and dose] [doses, comma list (default 5,15,45)].
/// </summary>
internal sealed class CtfTrustBench : IBench
{
    public string Name => "ctf-trust";
    public string Description => "CTF fit score and fit resolution vs defocus, dose and the known envelope cut-off";

    /// <summary>The sweep's doses (e/Å²).</summary>
    private static readonly double[] Doses = [5, 15, 45];

    public int Run(string[] args)
    {
        int perDose = args.Length > 0 ? int.Parse(args[0]) : 10;
        int size = args.Length > 1 ? int.Parse(args[1]) : 1024;
        var spectrumOptions = new PowerSpectrumOptions { TileSizePx = args.Length > 2 ? int.Parse(args[2]) : 512 };
        bool withFree = !(args.Length > 3 && args[3] == "no-free");
        int noiseSet = args.Length > 4 ? int.Parse(args[4]) : 0;
        double[] doses = args.Length > 5 ? args[5].Split(',').Select(d => double.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : Doses;
        Console.WriteLine("| dose e/Å² | Δf true Å | Δf fit Å | rel. err % | score | score, Δf +5 % | common band | common, Δf +5 % | ring SNR | ring SNR, Δf +5 % | ring SNR, true CTF | ring SNR, band to 3 px | fit res Å | cut-off Å | limited by | res/cut-off | astig % | astig % no restraint |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var commonScores = new List<double>();
        var ringMeans = new List<double>();
        var ringAll = new List<(double Dose, double Score)>();
        int commonWrongLower = 0, ringWrongLower = 0;
        var summary = new List<string>();
        var envelopeRatios = new List<double>();
        var aliasRatios = new List<double>();
        var meanScores = new List<double>();
        var astig = new List<double>();
        var astigFree = new List<double>();
        int wrongLower = 0, cases = 0;
        foreach (double dose in doses)
        {
            var defoci = new List<double>();
            var scores = new List<double>();
            var common = new List<double>();
            var ringScores = new List<double>();
            var truthScores = new List<double>();
            var narrowScores = new List<double>();
            for (int i = 0; i < perDose; i++)
            {
                var options = CtfTrustBench.Case(dose, i, perDose, size, noiseSet);
                double mean = options.Ctf.Defocus1Angstrom;
                var spectrum = PowerSpectrumEstimator.Estimate(SyntheticMicrograph.Generate(options), spectrumOptions);
                var fitOptions = new CtfFitOptions();
                var fit = CtfFitter.Fit(spectrum, fitOptions);
                var free = withFree ? CtfFitter.Fit(spectrum, fitOptions with { ExpectedAstigmatismAngstrom = 0 }) : null;
                double step = spectrum.FrequencyStepInverseAngstrom;
                var (first, last) = CtfFitter.FittedRange(spectrum.Size, step, spectrum.PixelSizeAngstrom, fitOptions);
                var model = new PhaseModel(300, 2.7, 0.07);
                var wrong = fit.Parameters with { Defocus1Angstrom = 1.05 * fit.Defocus1Angstrom, Defocus2Angstrom = 1.05 * fit.Defocus2Angstrom };
                double wrongScore = CtfFitter.BandScore(spectrum, wrong, model, first, last, fitOptions, weighted: true);
                var (bandFirst, bandLast) = CtfFitter.ScoreBand(model, step, first, last, 0, SweepRange) ?? (0, 0);
                double commonScore = bandLast - bandFirst >= 3 ? CtfFitter.BandScore(spectrum, fit.Parameters, model, bandFirst, bandLast, fitOptions, weighted: true) : double.NaN;
                double commonWrong = bandLast - bandFirst >= 3 ? CtfFitter.BandScore(spectrum, wrong, model, bandFirst, bandLast, fitOptions, weighted: true) : double.NaN;
                bool hasBand = bandLast - bandFirst >= 3;
                double ring = hasBand ? RingSnr.BandScore(spectrum, fit.Parameters, model, first, last, bandFirst, bandLast) : double.NaN;
                double ringWrong = hasBand ? RingSnr.BandScore(spectrum, wrong, model, first, last, bandFirst, bandLast) : double.NaN;
                double ringTruth = hasBand ? RingSnr.BandScore(spectrum, options.Ctf, model, first, last, bandFirst, bandLast) : double.NaN;
                truthScores.Add(ringTruth);
                var (narrowFirst, narrowLast) = CtfFitter.ScoreBand(model, step, first, last, 0, SweepRange, minPeriodPx: 3) ?? (0, 0);
                double ringNarrow = narrowLast - narrowFirst >= 3 ? RingSnr.BandScore(spectrum, fit.Parameters, model, first, last, narrowFirst, narrowLast) : double.NaN;
                narrowScores.Add(ringNarrow);
                ringScores.Add(ring);
                ringAll.Add((dose, ring));
                if (ringWrong < ring) ringWrongLower++;
                common.Add(commonScore);
                if (commonWrong < commonScore) commonWrongLower++;
                double envelope = ThonRingVisibility.CutOffFrequency(options, step, ThonRingVisibility.EffectiveTiles(spectrum.TileCount), last * step);
                double alias = 1 / (2 * fitOptions.MinRingPeriodPx * model.Lambda * mean * step); // ring period 1/(2λΔf g) = 3 px
                bool aliased = alias < envelope;
                double cut = Math.Min(envelope, alias);
                double ratio = fit.FitResolutionAngstrom * cut;
                (aliased ? aliasRatios : envelopeRatios).Add(ratio);
                defoci.Add(mean);
                scores.Add(fit.Score);
                cases++;
                if (wrongScore < fit.Score) wrongLower++;
                double a = fit.AstigmatismAngstrom / fit.MeanDefocusAngstrom * 100, af = free != null ? free.AstigmatismAngstrom / free.MeanDefocusAngstrom * 100 : double.NaN;
                astig.Add(a);
                astigFree.Add(af);
                Console.WriteLine($"| {dose:G3} | {mean:F0} | {fit.MeanDefocusAngstrom:F0} | {Math.Abs(fit.MeanDefocusAngstrom / mean - 1) * 100:F2} | {fit.Score:F3} | {wrongScore:F3} | {commonScore:F3} | {commonWrong:F3} | {ring:F3} | {ringWrong:F3} | {ringTruth:F3} | {ringNarrow:F3} | {fit.FitResolutionAngstrom:F2} | {1 / cut:F2} | {(aliased ? "aliasing" : "envelope")} | {ratio:F3} | {a:F2} | {af:F2} |");
            }
            meanScores.Add(scores.Average());
            commonScores.Add(common.Average());
            ringMeans.Add(ringScores.Average());
            if (!common.All(double.IsNaN))
            {
                summary.Add($"dose {dose:G3} e/Å², ring-SNR score (the fitter's on a common band): Pearson r(score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, ringScores).Coefficient:F3}, " +
                            $"r(score, log defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci.Select(d => Math.Log(d)).ToList(), ringScores).Coefficient:F3}, mean score {ringScores.Average():F3} (min {ringScores.Min():F3}, max {ringScores.Max():F3}, SD {SampleSd(ringScores):F3})");
                summary.Add($"dose {dose:G3} e/Å², ring-SNR score with the true CTF (measurement without fit error): Pearson r(score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, truthScores).Coefficient:F3}, mean {truthScores.Average():F3} (min {truthScores.Min():F3}, max {truthScores.Max():F3})");
                if (!narrowScores.Any(double.IsNaN))
                    summary.Add($"dose {dose:G3} e/Å², ring-SNR score on the wider band to ring period 3 px: Pearson r(score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, narrowScores).Coefficient:F3}, mean {narrowScores.Average():F3} (min {narrowScores.Min():F3}, max {narrowScores.Max():F3})");
                summary.Add($"dose {dose:G3} e/Å², common band: Pearson r(score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, common).Coefficient:F3}, mean score {common.Average():F3} (min {common.Min():F3}, max {common.Max():F3})");
            }
            summary.Add($"dose {dose:G3} e/Å²: Pearson r(score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, scores).Coefficient:F3}, mean score {scores.Average():F3} (min {scores.Min():F3}, max {scores.Max():F3})");
        }
        Console.WriteLine();
        foreach (var line in summary) Console.WriteLine(line);
        bool ranked = meanScores.Zip(meanScores.Skip(1)).All(p => p.First < p.Second);
        Console.WriteLine($"doses ranked by mean score: {(ranked ? "yes" : "no")}; wrong model (Δf +5 %) scores lower in {wrongLower}/{cases} cases");
        if (commonScores.All(double.IsNaN))
        {
            Console.WriteLine("common band: none (the tiles do not resolve the 5 µm rings beyond the 0.5 µm first zero)");
        }
        else
        {
            bool commonRanked = commonScores.Zip(commonScores.Skip(1)).All(p => p.First < p.Second);
            Console.WriteLine($"common band: doses ranked: {(commonRanked ? "yes" : "no")}; wrong model scores lower in {commonWrongLower}/{cases} cases");
            bool ringRanked = ringMeans.Zip(ringMeans.Skip(1)).All(p => p.First < p.Second);
            int separated = 0, pairs = 0;
            foreach (var a in ringAll)
                foreach (var b in ringAll)
                    if (a.Dose < b.Dose) { pairs++; if (a.Score < b.Score) separated++; }
            Console.WriteLine($"ring-SNR common band: doses ranked by mean: {(ringRanked ? "yes" : "no")}; every lower-dose image below every higher-dose one: {separated}/{pairs} pairs; wrong model scores lower in {ringWrongLower}/{cases} cases");
        }
        Console.WriteLine(Ratios("envelope-limited", envelopeRatios));
        Console.WriteLine(Ratios("aliasing-limited", aliasRatios));
        astig.Sort();
        astigFree.Sort();
        Console.WriteLine($"spurious astigmatism (truth 0): median {astig[astig.Count / 2]:F2} %, max {astig[^1]:F2} % with the restraint; median {astigFree[astigFree.Count / 2]:F2} %, max {astigFree[^1]:F2} % without");
        return 0;
    }

    private static double SampleSd(List<double> v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / Math.Max(1, v.Count - 1));
    }

    private static string Ratios(string what, List<double> ratios)
    {
        if (ratios.Count == 0) return $"{what}: no case";
        ratios.Sort();
        return $"{what} ({ratios.Count} cases): fit resolution / cut-off median {ratios[ratios.Count / 2]:F3}, min {ratios[0]:F3}, max {ratios[^1]:F3}, within 10 %: {ratios.Count(x => Math.Abs(x - 1) <= 0.1)}/{ratios.Count}";
    }

    /// <summary>A search over the sweep's defocus range: its common band is the one every case shares.</summary>
    private static readonly CtfFitOptions SweepRange = new() { MinDefocusAngstrom = 5000, MaxDefocusAngstrom = 50000 };

    /// <summary>Case <paramref name="i"/> of <paramref name="perDose"/> at <paramref name="dose"/> e/Å²: a stigmatic
    /// <paramref name="size"/>² micrograph at 1 Å/px, 300 kV, Cs 2.7 mm, defocus log-spaced 0.5-5 µm, B = 100 Å²;
    /// noise set <paramref name="noiseSet"/> shifts the seed by 100 000·K.</summary>
    internal static SyntheticMicrographOptions Case(double dose, int i, int perDose, int size, int noiseSet = 0)
    {
        double mean = 5000 * Math.Pow(10, perDose > 1 ? (double)i / (perDose - 1) : 0);
        return new SyntheticMicrographOptions(new CtfParameters(300, 2.7, 0.07, mean, mean, 0))
        {
            WidthPx = size, HeightPx = size, PixelSizeAngstrom = 1.0, DoseElectronsPerAngstrom2 = dose, BFactorAngstrom2 = 100,
            Seed = 500 + i + (int)dose + 100_000 * noiseSet,
        };
    }
}
