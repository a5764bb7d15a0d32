using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Imaging;
using TemKit.Pipelines.Interpolation;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Tomography.Interpolation;
using TemKit.Tomography.Projection;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Bench.Tomography;

/// <summary>
/// interp-reprojection: does the physics baseline (SIRT from the kept frames, reprojected at the missing tilts) carry
/// information the learned interpolator lacks? A learned refinement of the reprojection, fitted on the validation
/// clusters and scored on the held-out test clusters exactly as <c>tomo evaluate-interpolation</c> scores (same noise
/// seeds, per-frame min-max PSNR): per frame, the reprojection R is matched affinely to the learned prediction B (least
/// squares, as scale and offset of a reprojection are arbitrary), D = R' − B in units of B's range, and the refined frame
/// is B + a·D + b·G₂(D) (G₂: Gaussian of σ = 2 px, the low frequencies where a reconstruction is most reliable), with
/// (a, b) the least-squares fit to the truth per (gap, dose) over all validation frames. Also the upper bound of any
/// reprojection: SIRT from all frames of the noise-free series (including the ones to predict) reprojected at every
/// second tilt.
/// </summary>
internal sealed class ReprojectionRefinementBench : IBench
{
    public string Name => "interp-reprojection";

    public string Description => "Learned refinement of the reprojection baseline (fit on validation clusters, scored on test). Args: DATASET MODEL.tkm [sirt-iterations=30] [max-clusters=0] [doses=0,1000,3000,10000]";

    private const double SigmaPx = 2;
    private const int EvaluationSeed = 7;

    public int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: interp-reprojection DATASET MODEL.tkm [sirt-iterations=30] [max-clusters=0] [doses=0,1000,3000,10000]");
            return 2;
        }
        string dataset = args[0];
        var network = InterpolationModelFile.Load(args[1]).Network;
        int iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        int maxClusters = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        double[] doses = args.Length > 4 ? [.. args[4].Split(',').Select(d => double.Parse(d, CultureInfo.InvariantCulture))] : [0, 1000, 3000, 10000];
        int[] gaps = [1, 2, 4];
        var sirt = new ReconstructionOptions { Method = ReconstructionMethod.Sirt, Iterations = iterations, NonNegative = true };
        var learned = new PairwiseFiller(new LearnedInterpolator(network));
        var linear = new PairwiseFiller(new LinearInterpolator());
        var reprojection = new ReprojectionFiller(sirt);
        var start = System.Diagnostics.Stopwatch.StartNew();

        // Pass 1: the normal equations of (a, b) per (gap, dose) over the validation frames.
        var normal = new Dictionary<(int, double), double[]>();
        foreach (var (s, inputs, gap, dose) in Cases("validation"))
        {
            var (kept, tilts) = TiltSeriesFilling.EveryNth(inputs, s.TiltsDegrees, 2 * gap);
            var b = learned.Fill(kept, tilts, 2);
            var r = reprojection.Fill(kept, tilts, 2);
            if (!normal.TryGetValue((gap, dose), out var n)) normal[(gap, dose)] = n = new double[5];
            for (int k = 1; k < b.Nz; k += 2)
            {
                var (d, g, e) = Features(b.Frame(k), r.Frame(k), s.Truth.Frame(k * gap), s.Truth.Nx, s.Truth.Ny);
                for (int i = 0; i < d.Length; i++)
                {
                    n[0] += d[i] * d[i];
                    n[1] += d[i] * g[i];
                    n[2] += g[i] * g[i];
                    n[3] += d[i] * e[i];
                    n[4] += g[i] * e[i];
                }
            }
        }
        var coefficients = normal.ToDictionary(kv => kv.Key, kv => Solve(kv.Value));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitted on the validation clusters in {start.Elapsed.TotalSeconds:F0} s (SIRT {iterations} iterations, non-negative)"));

        // Pass 2: the test clusters, scored as tomo evaluate-interpolation scores.
        var sums = new Dictionary<(int, double), double[]>();
        double boundSum = 0;
        int boundFrames = 0;
        string? boundSeries = null;
        foreach (var (s, inputs, gap, dose) in Cases("test"))
        {
            var (kept, tilts) = TiltSeriesFilling.EveryNth(inputs, s.TiltsDegrees, 2 * gap);
            var b = learned.Fill(kept, tilts, 2);
            var l = linear.Fill(kept, tilts, 2);
            var r = reprojection.Fill(kept, tilts, 2);
            var (ca, cb) = coefficients[(gap, dose)];
            if (!sums.TryGetValue((gap, dose), out var sum)) sums[(gap, dose)] = sum = new double[5];
            int nx = s.Truth.Nx, ny = s.Truth.Ny;
            for (int k = 1; k < b.Nz; k += 2)
            {
                var truth = s.Truth.Frame(k * gap);
                var (d, g, _) = Features(b.Frame(k), r.Frame(k), truth, nx, ny);
                var (lo, hi) = Range(b.Frame(k));
                var refined = new float[d.Length];
                for (int i = 0; i < d.Length; i++) refined[i] = b.Frame(k)[i] + (float)((ca * d[i] + cb * g[i]) * (hi - lo));
                sum[0] += InterpolationEvaluation.Compare(l.Frame(k), truth, nx, ny).PsnrDb;
                sum[1] += InterpolationEvaluation.Compare(b.Frame(k), truth, nx, ny).PsnrDb;
                sum[2] += InterpolationEvaluation.Compare(r.Frame(k), truth, nx, ny).PsnrDb;
                sum[3] += InterpolationEvaluation.Compare(refined, truth, nx, ny).PsnrDb;
                sum[4]++;
            }
            if (dose == 0 && gap == 1 && boundSeries != s.Name)
            {
                // Upper bound: the volume that has seen every frame, reprojected at the odd tilts.
                boundSeries = s.Name;
                var volume = TomogramReconstruction.Reconstruct(s.Truth, s.TiltsDegrees, sirt).Volume!;
                var odd = Enumerable.Range(0, s.Truth.Nz).Where(i => i % 2 == 1).ToArray();
                var projected = Reprojection.Project(volume, [.. odd.Select(i => s.TiltsDegrees[i])]);
                for (int m = 0; m < odd.Length; m++)
                {
                    boundSum += InterpolationEvaluation.Compare(projected.Frame(m), s.Truth.Frame(odd[m]), nx, ny).PsnrDb;
                    boundFrames++;
                }
            }
        }
        Console.WriteLine("| gap d | dose (e/Å²) | linear | learned | reprojection | learned + refined reprojection | gain of the refinement | a | b | frames |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var ((gap, dose), s) in sums.OrderBy(kv => kv.Key.Item2).ThenBy(kv => kv.Key.Item1))
        {
            double f = s[4];
            var (ca, cb) = coefficients[(gap, dose)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {gap} | {(dose > 0 ? dose.ToString("G4", CultureInfo.InvariantCulture) : "noise-free")} | {s[0] / f:F2} | {s[1] / f:F2} | {s[2] / f:F2} | {s[3] / f:F2} | {(s[3] - s[1]) / f:+0.00;-0.00} | {ca:F3} | {cb:F3} | {f} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"upper bound: SIRT {iterations} from every frame of the noise-free test series, reprojected at every second tilt: {boundSum / Math.Max(1, boundFrames):F2} dB over {boundFrames} frames"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{start.Elapsed.TotalSeconds:F0} s wall, {Environment.ProcessorCount} cores, load {BenchArgs.LoadAverage()}"));
        return 0;

        IEnumerable<(EvaluationSeries, ImageStack, int, double)> Cases(string split)
        {
            int ordinal = 0;
            foreach (var s in DatasetEvaluationSeries.Series(dataset, split, maxClusters))
            {
                ordinal++;
                for (int di = 0; di < doses.Length; di++)
                {
                    var inputs = s.AtDose(doses[di], Seeds.Mix(EvaluationSeed, ordinal, di));
                    foreach (int gap in gaps)
                        if (inputs.Nz > 2 * gap) yield return (s, inputs, gap, doses[di]);
                }
            }
        }
    }

    /// <summary>D = (affine fit of R to B) − B, its Gaussian G₂(D), and E = T − B, all in units of B's range.</summary>
    private static (double[] D, double[] G, double[] E) Features(ReadOnlySpan<float> b, ReadOnlySpan<float> r, ReadOnlySpan<float> truth, int nx, int ny)
    {
        int n = b.Length;
        double mr = 0, mb = 0;
        for (int i = 0; i < n; i++)
        {
            mr += r[i];
            mb += b[i];
        }
        mr /= n;
        mb /= n;
        double srr = 0, srb = 0;
        for (int i = 0; i < n; i++)
        {
            srr += (r[i] - mr) * (r[i] - mr);
            srb += (r[i] - mr) * (b[i] - mb);
        }
        double alpha = srr > 0 ? srb / srr : 0;
        var (lo, hi) = Range(b);
        double scale = hi > lo ? 1 / (hi - lo) : 1;
        var d = new double[n];
        var e = new double[n];
        var blurred = new float[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = (mb + alpha * (r[i] - mr) - b[i]) * scale;
            e[i] = (truth[i] - b[i]) * scale;
            blurred[i] = (float)d[i];
        }
        GaussianSmoothing.Blur(blurred, nx, ny, SigmaPx);
        return (d, [.. blurred.Select(v => (double)v)], e);
    }

    private static (double Lo, double Hi) Range(ReadOnlySpan<float> frame)
    {
        float lo = float.MaxValue, hi = float.MinValue;
        foreach (float v in frame)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return (lo, hi);
    }

    /// <summary>(a, b) from the 2×2 normal equations [n0 n1; n1 n2](a, b) = (n3, n4).</summary>
    private static (double A, double B) Solve(double[] n)
    {
        double det = n[0] * n[2] - n[1] * n[1];
        return det > 0 ? ((n[3] * n[2] - n[1] * n[4]) / det, (n[0] * n[4] - n[1] * n[3]) / det) : (0, 0);
    }
}
