using TemKit.Imaging;
using TemKit.Neural.Training;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>
/// The dose-limit analysis of the seed paper (sections 3.1-3.2, SOI A.4) on any sequence of (image, dose) frames:
/// every model segments every frame (threshold 0.9 by default); the segmented area is compared with the target area
/// (the exact masks where given, else the model's own segmentation of the highest-dose frame, the paper's pseudo-ground
/// truth); the 50 % and convergence doses follow <see cref="DoseLimitMeasures"/>; F1, precision and recall are scored
/// against exact masks. A model trained at another pixel size is refused (<see cref="PixelSizeMismatchException"/>),
/// since resampling would change the noise the limits are about.
/// </summary>
public static class DoseLimitAnalysis
{
    /// <summary>Analyses <paramref name="frames"/> (read once, in the order given; <paramref name="frameCount"/> is for
    /// progress only) with every model; <paramref name="progress"/> sees every finished frame.</summary>
    public static DoseLimitResult Analyse(IEnumerable<DoseFrame> frames, IReadOnlyList<DoseLimitModel> models, DoseLimitOptions? options = null,
        IProgress<JobProgress>? progress = null, int frameCount = 0)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0) throw new ArgumentException("at least one model is needed");
        options ??= new DoseLimitOptions();
        options.Validate();
        var segmentation = new SegmentationOptions
        {
            Threshold = options.Threshold, PixelSizeMismatch = PixelSizeMismatchPolicy.Refuse, MinParticleDiameterNm = 0,
            TileSizePx = options.TileSizePx, TileOverlapPx = Math.Min(64, options.TileSizePx / 4),
        };
        var state = models.Select(m => new ModelState(m.Name)).ToArray();
        bool? exact = null;
        double pixelSize = double.NaN;
        int done = 0;
        foreach (var frame in frames)
        {
            if (!(frame.DoseElectronsPerAngstrom2 > 0) || !double.IsFinite(frame.DoseElectronsPerAngstrom2))
                throw new ArgumentException($"frame {frame.Index}: dose must be > 0 e/Å², got {frame.DoseElectronsPerAngstrom2}");
            if (exact is bool e && e != frame.Mask is not null) throw new ArgumentException($"frame {frame.Index}: masks must be given for every frame or for none");
            exact = frame.Mask is not null;
            if (frame.Mask is { } m && (m.Width != frame.Image.Width || m.Height != frame.Image.Height))
                throw new ArgumentException($"frame {frame.Index}: the mask is {m.Width}x{m.Height} px, the image {frame.Image.Width}x{frame.Image.Height} px");
            pixelSize = frame.Image.PixelSize.IsKnown ? frame.Image.PixelSizeAngstrom : double.NaN;
            byte[]? truth = frame.Mask is { } mask ? ToBytes(mask.Pixels) : null;
            // One model at a time: the network's tiles already run in parallel.
            for (int k = 0; k < models.Count; k++) state[k].Add(frame, Segmenter.Segment(frame.Image, models[k].Model, segmentation), truth, options);
            done++;
            progress?.Report(new JobProgress("frames", done, Math.Max(frameCount, done)));
        }
        if (done == 0) throw new ArgumentException("the series has no frames");
        var results = state.Select(s => s.Finish(exact == true, options)).ToList();
        var (converged, lo, hi) = Combined(results);
        return new DoseLimitResult(results, pixelSize, converged, lo, hi,
            state.Select(s => s.Overlay(s.NearOverlay!, exact == true)).ToList(),
            state.Select(s => s.Overlay(s.Largest!, exact == true)).ToList(), options);
    }

    /// <summary>The largest convergence dose of all models and the min/max area of every model above it.</summary>
    private static (double?, double, double) Combined(IReadOnlyList<DoseLimitModelResult> results)
    {
        if (results.Any(r => r.Measures.ConvergenceDoseElectronsPerAngstrom2 is null)) return (null, double.NaN, double.NaN);
        double c = results.Max(r => r.Measures.ConvergenceDoseElectronsPerAngstrom2!.Value);
        var above = results.SelectMany(r => r.Rows).Where(r => r.DoseElectronsPerAngstrom2 >= c).ToList();
        return (c, above.Min(r => (double)r.AreaPx), above.Max(r => (double)r.AreaPx));
    }

    internal static byte[] ToBytes(ReadOnlySpan<float> mask)
    {
        var bytes = new byte[mask.Length];
        for (int i = 0; i < mask.Length; i++) bytes[i] = mask[i] >= 0.5f ? (byte)1 : (byte)0;
        return bytes;
    }

    /// <summary>A kept frame: image, segmentation and (when exact) truth.</summary>
    private sealed record Kept(int Frame, double Dose, Image2D Image, byte[] Segmented, byte[]? Truth, long Area);

    /// <summary>What is accumulated per model while the frames stream past.</summary>
    private sealed class ModelState(string name)
    {
        private readonly List<DoseLimitRow> _rows = [];
        private Kept? _highest;

        public Kept? NearOverlay { get; private set; }
        public Kept? Largest { get; private set; }

        public void Add(DoseFrame frame, SegmentationResult seg, byte[]? truth, DoseLimitOptions options)
        {
            var scores = truth is null ? (SegmentationScores?)null : SegmentationScores.Of(seg.Mask, Floats(truth));
            long target = truth is null ? 0 : truth.Sum(b => (long)b);
            _rows.Add(new DoseLimitRow
            {
                Model = name, Frame = frame.Index, DoseElectronsPerAngstrom2 = frame.DoseElectronsPerAngstrom2,
                AreaPx = seg.AreaPx, AreaNm2 = seg.AreaNm2, TargetPx = target,
                F1 = scores?.F1 ?? double.NaN, Precision = scores?.Precision ?? double.NaN, Recall = scores?.Recall ?? double.NaN,
            });
            var kept = new Kept(frame.Index, frame.DoseElectronsPerAngstrom2, frame.Image, seg.Mask, truth, seg.AreaPx);
            double logTo(double d) => Math.Abs(Math.Log(d / options.OverlayDoseElectronsPerAngstrom2));
            if (NearOverlay is null || logTo(kept.Dose) < logTo(NearOverlay.Dose)) NearOverlay = kept;
            if (Largest is null || kept.Area > Largest.Area) Largest = kept;
            if (_highest is null || kept.Dose >= _highest.Dose) _highest = kept;
        }

        public DoseLimitModelResult Finish(bool exact, DoseLimitOptions options)
        {
            var rows = _rows.OrderBy(r => r.DoseElectronsPerAngstrom2).ThenBy(r => r.Frame).ToList();
            if (!exact) foreach (var r in rows) r.TargetPx = _highest!.Area;
            foreach (var r in rows) r.AreaFraction = r.TargetPx > 0 ? (double)r.AreaPx / r.TargetPx : double.NaN;
            var measures = DoseLimitMeasures.Measure(
                rows.Select(r => r.DoseElectronsPerAngstrom2).ToArray(), rows.Select(r => (double)r.AreaPx).ToArray(),
                rows.Select(r => (double)r.TargetPx).ToArray(), options);
            double lo = options.LowDoseMinElectronsPerAngstrom2, hi = options.LowDoseMaxElectronsPerAngstrom2;
            return new DoseLimitModelResult(name, rows, measures, exact,
                MeanF1(rows, _ => true), MeanF1(rows, d => d >= lo && d <= hi), MeanF1(rows, d => d >= options.HighDoseElectronsPerAngstrom2));
        }

        public DoseLimitOverlay Overlay(Kept kept, bool exact) =>
            new(kept.Frame, kept.Dose, kept.Image, exact ? kept.Truth! : _highest!.Segmented, kept.Segmented);

        private static double MeanF1(List<DoseLimitRow> rows, Func<double, bool> inRange)
        {
            var f1 = rows.Where(r => inRange(r.DoseElectronsPerAngstrom2) && double.IsFinite(r.F1)).Select(r => r.F1).ToList();
            return f1.Count > 0 ? f1.Average() : double.NaN;
        }

        private static float[] Floats(byte[] mask)
        {
            var f = new float[mask.Length];
            for (int i = 0; i < mask.Length; i++) f[i] = mask[i];
            return f;
        }
    }
}

/// <summary>Picking models out of a finished analysis (the figures of a study compare a few models each).</summary>
public static class DoseLimitSelection
{
    /// <summary>The result restricted to the models named <paramref name="names"/> (in that order; names not present are
    /// skipped), with the common convergence dose and band recomputed for them; null when none is present.</summary>
    public static DoseLimitResult? Select(DoseLimitResult result, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(names);
        var index = names.Select(n => result.Models.ToList().FindIndex(m => m.Name == n)).Where(i => i >= 0).ToList();
        if (index.Count == 0) return null;
        var models = index.Select(i => result.Models[i]).ToList();
        double? c = models.Any(m => m.Measures.ConvergenceDoseElectronsPerAngstrom2 is null) ? null : models.Max(m => m.Measures.ConvergenceDoseElectronsPerAngstrom2!.Value);
        var above = c is double dc ? models.SelectMany(m => m.Rows).Where(r => r.DoseElectronsPerAngstrom2 >= dc).ToList() : [];
        return result with
        {
            Models = models,
            ConvergenceDoseElectronsPerAngstrom2 = c,
            BandMinAreaPx = above.Count > 0 ? above.Min(r => (double)r.AreaPx) : double.NaN,
            BandMaxAreaPx = above.Count > 0 ? above.Max(r => (double)r.AreaPx) : double.NaN,
            AtOverlayDose = index.Select(i => result.AtOverlayDose[i]).ToList(),
            AtLargestArea = index.Select(i => result.AtLargestArea[i]).ToList(),
        };
    }
}
