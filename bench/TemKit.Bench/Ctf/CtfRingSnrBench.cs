using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Bench.Ctf;

/// <summary>
/// Why does the fit score still follow defocus (issue 12)? On the <c>ctf-trust</c> sweep (same generator settings and
/// seeds) this measures, ring by ring of the fitted CTF, the per-pixel Thon-ring signal-to-noise ratio of the spectrum
/// (the library's <see cref="RingSnr"/>: each ring's contrast before the tile window's attenuation, from a model of the
/// power over two ring periods, squared, over the noise variance) and prints it binned by spatial frequency, pooled per bin by pixel
/// count. Rings before the first zero and pixels of period below 2.5 px are left out. If q at a given frequency is the same for every defocus, the spectrum's ring SNR does not depend on
/// defocus and the score's dependence comes from which band holds resolved rings; the bench also prints the resolved
/// share of the signal band (fraction of the spectrum pixels between the first zero and the known envelope cut-off,
/// <see cref="ThonRingVisibility.CutOffFrequency"/>, whose ring period is ≥ 3 px) and its correlation with the score. Arguments: [defocus values per dose (default 10)] [image size px (default 1024)] [tile size px (default 512)].
/// </summary>
internal sealed class CtfRingSnrBench : IBench
{
    public string Name => "ctf-ring-snr";
    public string Description => "per-ring Thon-ring SNR of the ctf-trust sweep by frequency, and the resolved share of the band vs the fit score";

    private static readonly double[] Doses = [5, 15, 45];
    private static readonly double[] BinEdges = [0.03, 0.045, 0.06, 0.075, 0.09, 0.105, 0.12, 0.14, 0.16, 0.18, 0.2, 0.23, 0.26, 0.3];

    public int Run(string[] args)
    {
        int perDose = args.Length > 0 ? int.Parse(args[0]) : 10;
        int size = args.Length > 1 ? int.Parse(args[1]) : 1024;
        var spectrumOptions = new PowerSpectrumOptions { TileSizePx = args.Length > 2 ? int.Parse(args[2]) : 512 };
        var header = string.Join(" | ", BinEdges.Zip(BinEdges.Skip(1)).Select(b => $"{0.5 * (b.First + b.Second):F3}"));
        Console.WriteLine($"log10 q (per-pixel ring SNR) by frequency (1/Å); '.' = no resolved ring there");
        Console.WriteLine($"| dose e/Å² | Δf Å | score | resolved share of signal band | {header} |");
        Console.WriteLine($"|---|---|---|---|{string.Concat(Enumerable.Repeat("---|", BinEdges.Length - 1))}");
        var summary = new List<string>();
        foreach (double dose in Doses)
        {
            var scores = new List<double>();
            var shares = new List<double>();
            var defoci = new List<double>();
            var table = new List<double[]>();
            var extrapolated = Shapes.ToDictionary(s => s.Name, _ => new List<double>());
            for (int i = 0; i < perDose; i++)
            {
                var options = CtfTrustBench.Case(dose, i, perDose, size);
                double mean = options.Ctf.Defocus1Angstrom;
                var spectrum = PowerSpectrumEstimator.Estimate(SyntheticMicrograph.Generate(options), spectrumOptions);
                var fitOptions = new CtfFitOptions();
                var fit = CtfFitter.Fit(spectrum, fitOptions);
                var (first, last) = CtfFitter.FittedRange(spectrum.Size, spectrum.FrequencyStepInverseAngstrom, spectrum.PixelSizeAngstrom, fitOptions);
                double envelope = ThonRingVisibility.CutOffFrequency(options, spectrum.FrequencyStepInverseAngstrom, ThonRingVisibility.EffectiveTiles(spectrum.TileCount), last * spectrum.FrequencyStepInverseAngstrom);
                var (logQ, share, ringStats) = RingSnr(spectrum, fit.Parameters, first, Math.Min(last, (int)Math.Floor(envelope / spectrum.FrequencyStepInverseAngstrom)), last);
                foreach (var shape in Shapes) extrapolated[shape.Name].Add(ExtrapolatedBandScore(ringStats, shape.Basis, first * spectrum.FrequencyStepInverseAngstrom, last * spectrum.FrequencyStepInverseAngstrom));
                scores.Add(fit.Score);
                shares.Add(share);
                defoci.Add(mean);
                table.Add(logQ);
                Console.WriteLine($"| {dose:G3} | {mean:F0} | {fit.Score:F3} | {share:F3} | {string.Join(" | ", logQ.Select(v => double.IsNaN(v) ? "." : v.ToString("F2")))} |");
            }
            double spread = MedianSpread(table);
            summary.Add($"dose {dose:G3} e/Å²: r(score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, scores).Coefficient:F2}, r(score, resolved share) = {TemKit.Numerics.Statistics.Correlation.Pearson(shares, scores).Coefficient:F2}, " +
                        $"resolved share {shares.Min():F3}-{shares.Max():F3}; per-bin SD of log10 q across defocus (median over bins) {spread:F2}");
            foreach (var shape in Shapes)
                summary.Add($"  rejected candidate, band CC from an extrapolated SNR curve log q = α + β·{shape.Name}: r(defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, extrapolated[shape.Name]).Coefficient:F2}, " +
                            $"mean {extrapolated[shape.Name].Average():F3}, values {string.Join(" ", extrapolated[shape.Name].Select(v => v.ToString("F3")))}");
        }
        Console.WriteLine();
        foreach (var line in summary) Console.WriteLine(line);
        return 0;
    }

    /// <summary>Per-bin log10 q and the resolved share of the band for one fitted spectrum. The rings are measured by the
    /// library's <see cref="RingSnr.Measure"/> (the measurement behind the fit score on a common band) and pooled per
    /// frequency bin by <see cref="RingSnr.PooledSnr"/>.</summary>
    private static (double[] LogQ, double Share, List<RingStat> Rings) RingSnr(PowerSpectrum spectrum, CtfParameters p, int first, int signalLast, int last)
    {
        var model = new PhaseModel(p.VoltageKilovolts, p.CsMillimetres, p.AmplitudeContrast);
        var rings = TemKit.CtfEstimation.Fitting.RingSnr.Measure(spectrum, p, model, first, last);
        var logQ = new double[BinEdges.Length - 1];
        for (int b = 0; b < logQ.Length; b++)
        {
            double q = TemKit.CtfEstimation.Fitting.RingSnr.PooledSnr(rings.Where(r => r.MeanFrequencyInverseAngstrom >= BinEdges[b] && r.MeanFrequencyInverseAngstrom < BinEdges[b + 1]));
            logQ[b] = double.IsNaN(q) ? double.NaN : Math.Log10(Math.Max(q, 1e-4));
        }
        var stats = rings.Select(r => new RingStat(r.MeanFrequencyInverseAngstrom, r.PixelCount, r.MeanAttenuation2 * r.Snr / (1 + r.MeanAttenuation2 * Math.Abs(r.Snr)), r.MeanAttenuation2)).ToList();
        return (logQ, ResolvedShare(spectrum, p, model, first, signalLast), stats);
    }

    /// <summary>Fraction of the spectrum pixels between the first zero and <paramref name="signalLast"/> (px) whose ring
    /// period is at least 3 px.</summary>
    private static double ResolvedShare(PowerSpectrum spectrum, CtfParameters p, PhaseModel model, int first, int signalLast)
    {
        int n = spectrum.Size, c = spectrum.Centre;
        double step = spectrum.FrequencyStepInverseAngstrom;
        double half = 0.5 * (p.Defocus1Angstrom - p.Defocus2OrDefocus1Angstrom), angle = p.AstigmatismAngleDegrees * Math.PI / 180;
        double signalPixels = 0, resolvedPixels = 0;
        for (int y = c; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                if (y == c && x <= c) continue;
                double dx = x - c, dy = y - c, r = Math.Sqrt(dx * dx + dy * dy);
                if (r < first || r > signalLast) continue;
                double g = r * step, defocus = p.MeanDefocusAngstrom + half * Math.Cos(2 * (Math.Atan2(dy, dx) - angle));
                if (model.Chi(g, defocus, p.PhaseShiftRadians) < Math.PI) continue;
                signalPixels++;
                if (model.RingPeriod(g, defocus) / step >= 3) resolvedPixels++;
            }
        return signalPixels > 0 ? resolvedPixels / signalPixels : 0;
    }

    /// <summary>One ring: mean frequency (1/Å), pixel count, visible signal fraction A²q/(1 + A²q) (the squared
    /// correlation with CTF² the ring would show without noise in the estimate), mean window attenuation².</summary>
    private readonly record struct RingStat(double Frequency, int Count, double VisibleFraction, double Attenuation2);

    /// <summary>Candidate shapes of log q(g) for the rejected extrapolation score (basis centred at 0.1 1/Å).</summary>
    private static readonly (string Name, Func<double, double> Basis)[] Shapes =
    [
        ("g²", g => g * g - 0.01),
        ("g", g => g - 0.1),
        ("ln g", g => Math.Log(g / 0.1)),
    ];

    /// <summary>
    /// The candidate score tried and rejected in session 6: fit q(g) = exp(α + β·basis(g)) to the rings' visible signal
    /// fractions A²q/(1 + A²q), least squares weighted by n, then the mean of the expected per-pixel correlation
    /// sqrt(q/(1 + q)) over the fixed band [low, high] (1/Å), pixel-count weighted: CTFFIND's band correlation as if
    /// every ring were resolved. It stands or falls with the assumed shape where the rings are not measured.
    /// </summary>
    private static double ExtrapolatedBandScore(List<RingStat> rings, Func<double, double> basis, double low, double high)
    {
        if (rings.Count < 2) return double.NaN;
        double Fit(double[] p)
        {
            double loss = 0;
            foreach (var r in rings)
            {
                double q = Math.Exp(Math.Clamp(p[0] + p[1] * basis(r.Frequency), -30, 30)) * r.Attenuation2;
                double d = r.VisibleFraction - q / (1 + q);
                loss += r.Count * d * d;
            }
            return -loss;
        }
        double[] best = [0, 0];
        double bestValue = double.NegativeInfinity;
        foreach (double a in new double[] { -3, -1, 0, 1 })
            foreach (double b in new double[] { -300, -100, -30, -10, -3, -1 })
            {
                var (x, v) = NelderMead.Maximise(Fit, [a, b], [0.5, 0.3 * Math.Abs(b)], 1e-10, 2000);
                if (v > bestValue) { bestValue = v; best = x; }
            }
        double sum = 0, weight = 0;
        for (int i = 0; i < 400; i++)
        {
            double g = low + (high - low) * i / 399;
            double q = Math.Exp(Math.Clamp(best[0] + best[1] * basis(g), -30, 30));
            sum += g * Math.Sqrt(q / (1 + q));
            weight += g;
        }
        return sum / weight;
    }

    /// <summary>Median over frequency bins (measured at ≥ 3 defocus values) of the SD of log10 q across defocus.</summary>
    private static double MedianSpread(List<double[]> table)
    {
        var spreads = new List<double>();
        for (int b = 0; b < table[0].Length; b++)
        {
            var v = table.Select(row => row[b]).Where(x => !double.IsNaN(x)).ToList();
            if (v.Count < 3) continue;
            double m = v.Average();
            spreads.Add(Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1)));
        }
        spreads.Sort();
        return spreads.Count > 0 ? spreads[spreads.Count / 2] : double.NaN;
    }
}
