using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.ParticleAnalysis.Validation;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Bench.Particles;

/// <summary>
/// The mask-threshold calibration of a particle detector (issue 13): the tilt study's simulated particles (a validation
/// set: by default particles 101-108, never used for testing) through the detector, the detected/true area per dose at
/// thresholds 0.05-0.60, and the threshold whose median area ratio at ≥ 200 e/Å² is nearest 1. Arguments:
/// MODEL.tkm [particles = 8] [first particle = 101] [cache folder = /tmp/temkit-particles-tilt-cache].
/// </summary>
internal sealed class ParticleMaskCalibrationBench : IBench
{
    public string Name => "particles-mask-calibration";
    public string Description => "Detected/true particle area against the mask threshold, and the calibrated threshold (simulated Au on CeO2)";

    public int Run(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("usage: particles-mask-calibration MODEL.tkm [particles] [first particle] [cache folder]"); return 2; }
        string model = args[0];
        int particles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        int first = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 101;
        string cache = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "temkit-particles-tilt-cache");
        var parameters = TiltStudyParameters.Default with { Particles = particles, FirstParticle = first };
        var detector = new NetworkParticleDetector(ModelFile.Load(model), new SegmentationOptions(), Path.GetFileName(model));
        var clock = Stopwatch.StartNew();
        var result = MaskThresholdCalibration.Run(TiltStudy.Simulate(parameters, cacheFolder: cache), detector, MaskThresholdCalibrationOptions.Default,
            new Progress<TemKit.Pipelines.JobProgress>(p => { if (p.Done % 36 == 0) Console.Error.WriteLine($"{p.Stage} {p.Done}"); }));
        Console.WriteLine($"{result.Samples.Count} frames of particles {first}-{first + particles - 1}, {clock.Elapsed.TotalSeconds:F0} s, model {model}");
        Console.WriteLine(result.Table());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chosen threshold {result.ChosenThreshold:G4} (median detected/true area at ≥ {result.ChoiceMinDoseElectronsPerAngstrom2} e/Å² nearest 1)"));
        return 0;
    }
}
