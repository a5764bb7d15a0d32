using System.Diagnostics;
using TemKit.Imaging;
using TemKit.Tomography.Quality;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// The evaluation behind <c>temkit tomo evaluate-interpolation</c>. Frames: for each series, dose and gap d, the
/// methods see every 2d-th frame and predict the frames half-way; each prediction and its true frame are min-max
/// normalised (<see cref="FrameNormalisation"/>) and scored by PSNR (range 1), SSIM and MSE. Reconstruction: for each
/// factor f, volumes from all frames, from every f-th frame, and from every f-th frame filled back to every frame by
/// each method are scored against the reconstruction from all truth frames (PSNR, 3D SSIM, mean FSC over the shells).
/// </summary>
public static partial class InterpolationEvaluation
{
    /// <summary>Runs the evaluation; <paramref name="learned"/> adds the learned method (null: baselines only).</summary>
    public static InterpolationEvaluationResult Run(IEnumerable<EvaluationSeries> series, InterpolationEvaluationParameters parameters, IFrameInterpolator? learned = null,
        IProgress<InterpolationEvaluationProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var sw = Stopwatch.StartNew();
        var timed = learned is null ? null : new TimedInterpolator(learned);
        var fillers = new List<ITiltSeriesFiller> { new PairwiseFiller(new LinearInterpolator()) };
        if (parameters.Flow is { } flow) fillers.Add(new PairwiseFiller(new FlowInterpolator(flow)));
        if (timed is not null) fillers.Add(new PairwiseFiller(timed));
        if (parameters.Reprojection is { } rp) fillers.Add(new ReprojectionFiller(rp, parameters.Threads));
        var frames = new Dictionary<(string, int, double), Mean>();
        var volumes = new Dictionary<(string, int, double), Mean>();
        var names = new List<string>();
        var example = new List<(string, Image2D)>();
        int done = 0;
        foreach (var s in series)
        {
            names.Add(s.Name);
            var reference = parameters.ReconstructionFactors.Count > 0 ? Reconstruct(s.Truth, s.TiltsDegrees, parameters) : null;
            for (int di = 0; di < parameters.DosesElectronsPerAngstrom2.Count; di++)
            {
                cancel.ThrowIfCancellationRequested();
                double dose = parameters.DosesElectronsPerAngstrom2[di];
                var inputs = s.AtDose(dose, Seeds.Mix(parameters.Seed, names.Count, di));
                foreach (int gap in parameters.GapsFrames)
                    ScoreFrames(s, inputs, gap, dose, fillers, frames, example.Count == 0 && dose == 0 && gap == parameters.GapsFrames.Max() ? example : null);
                if (reference is not null) ScoreVolumes(s, inputs, dose, reference, fillers, parameters, volumes);
                progress?.Report(new InterpolationEvaluationProgress(++done, $"{s.Name} at {(dose > 0 ? $"{dose:G4} e/Å²" : "no noise")}"));
            }
        }
        var frameScores = frames.Select(kv => new FrameScore(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value.Average(0), kv.Value.Average(1), kv.Value.Average(2), kv.Value.Count, kv.Value.Average(3)))
            .OrderBy(f => f.DoseElectronsPerAngstrom2).ThenBy(f => f.GapFrames).ToArray();
        var volumeScores = volumes.Select(kv => new VolumeScore(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value.Average(0), kv.Value.Average(1), kv.Value.Average(2), kv.Value.Count))
            .OrderBy(v => v.DoseElectronsPerAngstrom2).ThenBy(v => v.Factor).ToArray();
        return new InterpolationEvaluationResult(frameScores, volumeScores, names, example, sw.Elapsed.TotalSeconds, timed?.SecondsPerFrame ?? double.NaN);
    }

    private static void ScoreFrames(EvaluationSeries s, ImageStack inputs, int gap, double dose, List<ITiltSeriesFiller> fillers,
        Dictionary<(string, int, double), Mean> scores, List<(string, Image2D)>? example)
    {
        if (inputs.Nz <= 2 * gap) return;
        var (kept, keptTilts) = TiltSeriesFilling.EveryNth(inputs, s.TiltsDegrees, 2 * gap);
        if (kept.Nz < 2) return;
        int exampleFrame = -1;
        foreach (var filler in fillers)
        {
            var dense = filler.Fill(kept, keptTilts, 2);
            if (!scores.TryGetValue((filler.Name, gap, dose), out var mean)) scores[(filler.Name, gap, dose)] = mean = new Mean(4);
            for (int k = 1; k < dense.Nz; k += 2)
            {
                var (psnr, ssim, mse) = Compare(dense.Frame(k), s.Truth.Frame(k * gap), s.Truth.Nx, s.Truth.Ny);
                mean.Add(psnr, ssim, mse, ImageQuality.Psnr(dense.Frame(k), s.Truth.Frame(k * gap)));
            }
            if (example is null) continue;
            if (exampleFrame < 0)
            {
                exampleFrame = Enumerable.Range(0, dense.Nz / 2).Select(i => 2 * i + 1).MinBy(k => Math.Abs(s.TiltsDegrees[k * gap]));
                example.Add(($"truth {s.TiltsDegrees[exampleFrame * gap]:0.#}°", new Image2D(s.Truth.Nx, s.Truth.Ny, FrameNormalisation.Normalised(s.Truth.Frame(exampleFrame * gap)))));
            }
            example.Add((filler.Name, new Image2D(s.Truth.Nx, s.Truth.Ny, FrameNormalisation.Normalised(dense.Frame(exampleFrame)))));
        }
    }

    /// <summary>PSNR (dB, range 1), SSIM and MSE of two frames after each is min-max normalised.</summary>
    public static (double PsnrDb, double Ssim, double Mse) Compare(ReadOnlySpan<float> test, ReadOnlySpan<float> truth, int width, int height)
    {
        var a = FrameNormalisation.Normalised(test);
        var b = FrameNormalisation.Normalised(truth);
        double rmse = ImageQuality.Rmse(a, b);
        return (ImageQuality.Psnr(a, b), ImageQuality.Ssim(a, b, width, height), rmse * rmse);
    }

    private static ImageStack Reconstruct(ImageStack series, IReadOnlyList<double> tilts, InterpolationEvaluationParameters p) =>
        TomogramReconstruction.Reconstruct(series, tilts, p.VolumeReconstruction, threads: p.Threads).Volume!;

    /// <summary>Running means of a few quantities.</summary>
    private sealed class Mean(int quantities)
    {
        private readonly double[] _sums = new double[quantities];

        public int Count { get; private set; }

        public void Add(params double[] values)
        {
            for (int i = 0; i < values.Length; i++) _sums[i] += values[i];
            Count++;
        }

        public double Average(int quantity) => Count == 0 ? double.NaN : _sums[quantity] / Count;
    }

    /// <summary>Times the wrapped interpolator.</summary>
    private sealed class TimedInterpolator(IFrameInterpolator inner) : IFrameInterpolator
    {
        private long _ticks;
        private int _frames;

        public string Name => inner.Name;

        public double SecondsPerFrame => _frames == 0 ? double.NaN : (double)_ticks / Stopwatch.Frequency / _frames;

        public void Midpoint(ReadOnlySpan<float> before, ReadOnlySpan<float> after, int width, int height, double halfGapDegrees, Span<float> destination)
        {
            long t0 = Stopwatch.GetTimestamp();
            inner.Midpoint(before, after, width, height, halfGapDegrees, destination);
            _ticks += Stopwatch.GetTimestamp() - t0;
            _frames++;
        }
    }
}
