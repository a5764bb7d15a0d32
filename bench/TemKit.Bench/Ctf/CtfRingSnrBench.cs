using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Bench.Ctf;

/// <summary>
/// Why does the fit score still follow defocus (issue 12)? On the <c>ctf-trust</c> sweep (same generator settings and
/// seeds) this measures, ring by ring of the fitted CTF, the per-pixel Thon-ring signal-to-noise ratio of the spectrum
/// and prints it binned by spatial frequency: q = ρ²/(1 − ρ²)/A², with ρ the partial correlation of the amplitude
/// spectrum with CTF² inside one ring (zero to zero of the fit, a linear background in g removed from both), corrected
/// for the small-sample bias 1/(n − 3) and for the attenuation A of rings of period p px by the tile window
/// (box approximation A = (1 − |cos θ|/p)(1 − |sin θ|/p)). Rings before the first zero and of period below 2.5 px are
/// left out. If q at a given frequency is the same for every defocus, the spectrum's ring SNR does not depend on
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

    /// <summary>Per-bin log10 q and the resolved share of the band for one fitted spectrum.</summary>
    private static (double[] LogQ, double Share, List<RingStat> Rings) RingSnr(PowerSpectrum spectrum, CtfParameters p, int first, int signalLast, int last)
    {
        var model = new PhaseModel(p.VoltageKilovolts, p.CsMillimetres, p.AmplitudeContrast);
        int n = spectrum.Size, c = spectrum.Centre;
        double step = spectrum.FrequencyStepInverseAngstrom;
        double half = 0.5 * (p.Defocus1Angstrom - p.Defocus2OrDefocus1Angstrom), angle = p.AstigmatismAngleDegrees * Math.PI / 180;
        var pixels = spectrum.Image.Pixels;
        var rings = new Dictionary<int, Ring>();
        double signalPixels = 0, resolvedPixels = 0;
        for (int y = c; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                if (y == c && x <= c) continue;
                double dx = x - c, dy = y - c, r = Math.Sqrt(dx * dx + dy * dy);
                if (r < first || r > last) continue;
                double g = r * step, alpha = Math.Atan2(dy, dx);
                double defocus = p.MeanDefocusAngstrom + half * Math.Cos(2 * (alpha - angle));
                double chi = model.Chi(g, defocus, p.PhaseShiftRadians);
                int k = (int)Math.Floor(chi / Math.PI);
                double period = model.RingPeriod(g, defocus) / step;
                if (k < 1) continue;
                if (r <= signalLast)
                {
                    signalPixels++;
                    if (period >= 3) resolvedPixels++;
                }
                if (period < 2.5) continue;
                double attenuation = (1 - Math.Abs(dx) / r / period) * (1 - Math.Abs(dy) / r / period);
                double s = Math.Sin(chi);
                if (!rings.TryGetValue(k, out var ring)) rings[k] = ring = new Ring();
                ring.Add(g, Math.Sqrt(pixels[y * n + x]), s * s, attenuation * attenuation);
            }
        var logQ = new double[BinEdges.Length - 1];
        for (int b = 0; b < logQ.Length; b++)
        {
            double sumN = 0, sumR2 = 0, sumA2 = 0;
            foreach (var ring in rings.Values)
            {
                double g = ring.MeanFrequency;
                if (g < BinEdges[b] || g >= BinEdges[b + 1] || ring.Count < 12) continue;
                double rho = ring.PartialCorrelation();
                sumN += ring.Count;
                sumR2 += ring.Count * (rho * Math.Abs(rho) - 1.0 / (ring.Count - 3));
                sumA2 += ring.SumAttenuation2;
            }
            if (sumN == 0) { logQ[b] = double.NaN; continue; }
            double r2 = sumR2 / sumN, q = r2 / (1 - r2) / (sumA2 / sumN);
            logQ[b] = Math.Log10(Math.Max(q, 1e-4));
        }
        var stats = rings.Values.Where(r => r.Count >= 12)
            .Select(r => new RingStat(r.MeanFrequency, r.Count, r.PartialCorrelation(), r.SumAttenuation2 / r.Count)).ToList();
        return (logQ, signalPixels > 0 ? resolvedPixels / signalPixels : 0, stats);
    }

    /// <summary>One ring: mean frequency (1/Å), pixel count, partial correlation with CTF², mean window attenuation².</summary>
    private readonly record struct RingStat(double Frequency, int Count, double Correlation, double Attenuation2);

    /// <summary>Candidate shapes of log q(g) for the rejected extrapolation score (basis centred at 0.1 1/Å).</summary>
    private static readonly (string Name, Func<double, double> Basis)[] Shapes =
    [
        ("g²", g => g * g - 0.01),
        ("g", g => g - 0.1),
        ("ln g", g => Math.Log(g / 0.1)),
    ];

    /// <summary>
    /// The candidate score tried and rejected in session 6: fit q(g) = exp(α + β·basis(g)) to the rings' ρ|ρ| (expected
    /// A²q/(1 + A²q) + 1/(n − 3)), least squares weighted by n, then the mean of the expected per-pixel correlation
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
                double d = r.Correlation * Math.Abs(r.Correlation) - q / (1 + q) - 1.0 / (r.Count - 3);
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

    /// <summary>Sums for the correlation of amplitude and CTF² within one ring with a linear background in g removed.</summary>
    private sealed class Ring
    {
        private double _n, _g, _y, _m, _gg, _yy, _mm, _gy, _gm, _ym;

        public int Count => (int)_n;
        public double SumAttenuation2 { get; private set; }
        public double MeanFrequency => _g / _n;

        public void Add(double g, double y, double m, double attenuation2)
        {
            _n++; _g += g; _y += y; _m += m; _gg += g * g; _yy += y * y; _mm += m * m; _gy += g * y; _gm += g * m; _ym += y * m;
            SumAttenuation2 += attenuation2;
        }

        public double PartialCorrelation()
        {
            double cgg = _gg / _n - Sq(_g / _n), cyy = _yy / _n - Sq(_y / _n), cmm = _mm / _n - Sq(_m / _n);
            double cgy = _gy / _n - _g * _y / (_n * _n), cgm = _gm / _n - _g * _m / (_n * _n), cym = _ym / _n - _y * _m / (_n * _n);
            double vy = cyy - cgy * cgy / cgg, vm = cmm - cgm * cgm / cgg;
            return vy > 0 && vm > 0 ? (cym - cgy * cgm / cgg) / Math.Sqrt(vy * vm) : 0;
        }

        private static double Sq(double v) => v * v;
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
