using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Pipelines.Segmentation;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.ParticleAnalysis.Validation;

namespace TemKit.Bench.Particles;

/// <summary>
/// Validation of the brightest/dimmest pair ratio (issue 13): a supported 2.5 nm Au particle tilted 0-10° off [110],
/// imaged at several doses; prints the median ratio per tilt and dose, the ROC AUC of on zone (≤ 1°) vs off zone
/// (≥ 3°) per dose and the Youden-optimal ratio threshold. Arguments: [particles=4] [cache folder =
/// /tmp/temkit-particles-tilt-cache]: the simulated frames are stored there, so a second run re-measures the estimator
/// on bit-identical frames in seconds. [first particle seed = 1] [ratio brightness = peakheight | integrated] [FFT padding factor = 2]
/// [model = none: analyse inside the true masks; MODEL.tkm: detect with this network as `temkit particles --model` does
/// and analyse inside the detected mask] [threshold = the model's mask threshold (<see cref="SegmentationOptions.DefaultThreshold"/>
/// when it records none): foreground probability at or above which a pixel is in the detected mask].
/// </summary>
internal sealed class ParticleTiltBench : IBench
{
    public string Name => "particles-tilt";
    public string Description => "Pair-ratio vs tilt and dose, ROC of the zone-axis filter (simulated Au on CeO2)";

    public int Run(string[] args)
    {
        int particles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
        string cache = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "temkit-particles-tilt-cache");
        int firstParticle = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var options = new RegionalFourierOptions
        {
            RatioBrightness = args.Length > 3 ? Enum.Parse<RatioBrightness>(args[3], ignoreCase: true) : RatioBrightness.PeakHeight,
            PaddingFactor = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 2,
        };
        var parameters = TiltStudyParameters.Default with { Particles = particles, FirstParticle = firstParticle };
        string? model = args.Length > 5 && args[5] != "none" ? args[5] : null;
        double? threshold = args.Length > 6 ? double.Parse(args[6], CultureInfo.InvariantCulture) : null;
        var detector = model is null ? null : new NetworkParticleDetector(ModelFile.Load(model), new SegmentationOptions { Threshold = threshold }, Path.GetFileName(model));
        var clock = Stopwatch.StartNew();
        var (frames, rocs) = TiltStudy.Run(parameters, options, progress: new Progress<TemKit.Pipelines.JobProgress>(p => Console.Error.WriteLine($"{p.Stage} {p.Done}/{p.Total}")), cacheFolder: cache, detector: detector);
        Console.WriteLine($"{frames.Count} frames, {particles} particles, {clock.Elapsed.TotalSeconds:F0} s, masks: {(model is null ? "true" : $"detected by {model} at threshold {detector!.Threshold}")}");
        if (model is not null)
            foreach (double dose in parameters.DosesElectronsPerAngstrom2)
            {
                var at = frames.Where(f => f.DoseElectronsPerAngstrom2 == dose).ToList();
                var areas = at.Where(f => f.Detected).Select(f => f.AreaRatio).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"dose {dose} e/Å²: detected {at.Count(f => f.Detected)}/{at.Count}, area detected/true median {(areas.Count > 0 ? areas[areas.Count / 2] : double.NaN):F3}, range {(areas.Count > 0 ? areas[0] : double.NaN):F3}-{(areas.Count > 0 ? areas[^1] : double.NaN):F3}"));
            }
        Console.WriteLine("| tilt (°) | " + string.Join(" | ", parameters.DosesElectronsPerAngstrom2.Select(d => $"median ratio @ {d} e/Å² (pairs, zone [110] found)")) + " |");
        foreach (double tilt in parameters.TiltsDegrees)
        {
            var cells = parameters.DosesElectronsPerAngstrom2.Select(dose =>
            {
                var at = frames.Where(f => f.TiltDegrees == tilt && f.DoseElectronsPerAngstrom2 == dose).ToList();
                var ratios = at.Select(f => f.Analysis.Ratio).Order().ToList();
                double median = ratios[ratios.Count / 2];
                return string.Create(CultureInfo.InvariantCulture, $"{median:F2} ({at.Average(f => f.Analysis.Pairs.Count):F1}, {at.Count(f => f.Analysis.Zone?.Zone == "[110]")}/{at.Count})");
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {tilt} | {string.Join(" | ", cells)} |"));
        }
        foreach (var r in rocs)
        {
            var onOff = frames.Where(f => f.DoseElectronsPerAngstrom2 == r.DoseElectronsPerAngstrom2).ToList();
            double onKept = onOff.Where(f => f.TiltDegrees <= parameters.OnZoneMaxTiltDegrees).Average(f => f.Analysis.Ratio <= ParticlesRunOptions.DefaultFilterRatio ? 1.0 : 0.0);
            double offKept = onOff.Where(f => f.TiltDegrees >= parameters.OffZoneMinTiltDegrees).Average(f => f.Analysis.Ratio <= ParticlesRunOptions.DefaultFilterRatio ? 1.0 : 0.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dose {r.DoseElectronsPerAngstrom2} e/Å²: AUC {r.Roc.Auc:F3} ({r.Roc.Positives} on / {r.Roc.Negatives} off), best ratio threshold {-r.Roc.BestThreshold:F2}; at the default {ParticlesRunOptions.DefaultFilterRatio}: on zone kept {100 * onKept:F0} %, off zone kept {100 * offKept:F0} %"));
        }
        foreach (var f in frames)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame p{f.Particle} tilt {f.TiltDegrees} axis {f.TiltAxisDegrees:F0} dose {f.DoseElectronsPerAngstrom2}: ratio {f.Analysis.Ratio:F2} pairs {string.Join(" ", f.Analysis.Pairs.Select(p => $"{p.SpacingAngstrom:F3}/{p.DirectionDegrees:F1}/{p.Significance:F1}/{p.Brightness:G5}"))} zone {f.Analysis.Zone?.Zone}"));
        return 0;
    }
}
