using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Bench.Ctf;

/// <summary>
/// Is the ring-SNR fit score biased by defocus? The micrographs of <c>ctf-trust</c> (same generator, seeds and
/// common band), measured with the true CTF (no fit error) over several noise sets, so that the noise of one draw
/// averages out and a systematic dependence on defocus shows. Per defocus: the mean pooled band SNR q̄ and score over
/// the noise sets with their standard errors; per defocus and frequency bin (1/Å) of the band: the mean ring SNR and
/// the mean squared window attenuation A². The generator's envelopes do not depend on defocus, so the true ring SNR at
/// a frequency is the same for every defocus: any trend down a column is the estimator's.
/// Arguments: [dose e/Å² (default 15)] [noise sets (default 4)] [defocus values (default 10)] [image size px (default
/// 2048)] [tile size px (default 1024)] [largest defocus Å (default 50000; the sweep is log-spaced from 5000 Å and the
/// common band is that of a search over the same range)].
/// </summary>
internal sealed class CtfScoreBiasBench : IBench
{
    public string Name => "ctf-score-bias";
    public string Description => "ring-SNR score with the true CTF vs defocus over several noise sets (estimator bias)";

    public int Run(string[] args)
    {
        double dose = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        int sets = args.Length > 1 ? int.Parse(args[1]) : 4;
        int perDose = args.Length > 2 ? int.Parse(args[2]) : 10;
        int size = args.Length > 3 ? int.Parse(args[3]) : 2048;
        var spectrumOptions = new PowerSpectrumOptions { TileSizePx = args.Length > 4 ? int.Parse(args[4]) : 1024 };
        var fitOptions = new CtfFitOptions();
        double maxDefocus = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 50000;
        var sweep = new CtfFitOptions { MinDefocusAngstrom = 5000, MaxDefocusAngstrom = maxDefocus };
        const int bins = 6;
        Console.WriteLine($"dose {dose} e/Å², {sets} noise sets, {size}² px, tiles {spectrumOptions.TileSizePx} px; true CTF");
        var defoci = new List<double>();
        var meanScores = new List<double>();
        var measureSeconds = new List<double>();
        var perSet = Enumerable.Range(0, sets).Select(_ => new List<double>()).ToArray();
        double[] edges = [];
        for (int i = 0; i < perDose; i++)
        {
            var q = new List<double>();
            var binQ = new double[bins];
            var binA = new double[bins];
            var binN = new double[bins];
            double mean = 0;
            for (int k = 0; k < sets; k++)
            {
                var options = CtfTrustBench.Case(dose, i, perDose, size, k);
                double defocus = 5000 * Math.Pow(maxDefocus / 5000, perDose > 1 ? (double)i / (perDose - 1) : 0);
                options = options with { Ctf = new CtfParameters(300, 2.7, 0.07, defocus, defocus, 0) };
                mean = options.Ctf.MeanDefocusAngstrom;
                var spectrum = PowerSpectrumEstimator.Estimate(SyntheticMicrograph.Generate(options), spectrumOptions);
                double step = spectrum.FrequencyStepInverseAngstrom;
                var (first, last) = CtfFitter.FittedRange(spectrum.Size, step, spectrum.PixelSizeAngstrom, fitOptions);
                var model = new PhaseModel(300, 2.7, 0.07);
                var (bandFirst, bandLast) = CtfFitter.ScoreBand(model, step, first, last, 0, sweep) ?? throw new InvalidOperationException("no common band");
                if (edges.Length == 0)
                {
                    edges = Enumerable.Range(0, bins + 1).Select(b => (bandFirst + (bandLast - bandFirst) * (double)b / bins) * step).ToArray();
                    Console.WriteLine($"band {bandFirst}-{bandLast} px = {1 / (bandFirst * step):F2}-{1 / (bandLast * step):F2} Å");
                    Console.WriteLine($"| Δf Å | q̄ | ± | score | ± | {string.Join(" | ", edges.Zip(edges.Skip(1)).Select(e => $"q {0.5 * (e.First + e.Second):F4}"))} | {string.Join(" | ", edges.Zip(edges.Skip(1)).Select(e => $"A² {0.5 * (e.First + e.Second):F4}"))} |");
                    Console.WriteLine($"|---|---|---|---|---|{string.Concat(Enumerable.Repeat("---|", 2 * bins))}");
                }
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var rings = RingSnr.Measure(spectrum, options.Ctf, model, first, last, bandFirst, bandLast);
                measureSeconds.Add(clock.Elapsed.TotalSeconds);
                q.Add(RingSnr.PooledSnr(rings));
                for (int b = 0; b < bins; b++)
                {
                    int subFirst = bandFirst + (bandLast - bandFirst) * b / bins, subLast = bandFirst + (bandLast - bandFirst) * (b + 1) / bins - (b < bins - 1 ? 1 : 0);
                    var sub = RingSnr.Measure(spectrum, options.Ctf, model, first, last, subFirst, subLast).Where(r => r.PixelsInBand > 0).ToList();
                    binQ[b] += RingSnr.PooledSnr(sub);
                    binA[b] += sub.Sum(r => r.PixelsInBand * r.MeanAttenuation2) / sub.Sum(r => r.PixelsInBand);
                    binN[b]++;
                }
            }
            var scores = q.Select(RingSnr.CorrelationOf).ToList();
            for (int k = 0; k < sets; k++) perSet[k].Add(scores[k]);
            defoci.Add(mean);
            meanScores.Add(scores.Average());
            string Cell(double sum, double n) => n > 0 ? (sum / n).ToString("F3") : ".";
            Console.WriteLine($"| {mean:F0} | {q.Average():F4} | {Se(q):F4} | {scores.Average():F4} | {Se(scores):F4} | " +
                              $"{string.Join(" | ", Enumerable.Range(0, bins).Select(b => Cell(binQ[b], binN[b])))} | {string.Join(" | ", Enumerable.Range(0, bins).Select(b => Cell(binA[b], binN[b])))} |");
        }
        if (defoci.Count >= 3)
        {
            var r = perSet.Select(v => TemKit.Numerics.Statistics.Correlation.Pearson(defoci, v).Coefficient).ToList();
            Console.WriteLine($"r(score, defocus) per noise set: {string.Join(" ", r.Select(v => v.ToString("F2")))}; |r| < 0.3 in {r.Count(v => Math.Abs(v) < 0.3)}/{sets}; mean r {r.Average():F3}");
        }
        Console.WriteLine($"band measurement (RingSnr.Measure): {measureSeconds.Average() * 1000:F0} ms mean wall per spectrum");
        if (defoci.Count >= 3) Console.WriteLine($"r(mean score, defocus) = {TemKit.Numerics.Statistics.Correlation.Pearson(defoci, meanScores).Coefficient:F3}; max/min {meanScores.Max() / meanScores.Min():F4}");
        return 0;
    }

    private static double Se(List<double> v)
    {
        if (v.Count < 2) return double.NaN;
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1) / v.Count);
    }
}
