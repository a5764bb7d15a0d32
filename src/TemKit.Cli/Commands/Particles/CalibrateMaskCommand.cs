using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Pipelines.ParticleAnalysis.Validation;

namespace TemKit.Cli.Commands.Particles;

/// <summary><c>temkit calibrate-mask</c>: parses the options, runs <see cref="MaskThresholdCalibration.Calibrate"/>,
/// prints the area table and the chosen threshold.</summary>
internal sealed class CalibrateMaskCommand : ICliCommand
{
    public Command Build()
    {
        var model = new Argument<string>("model") { Description = "Particle detector to calibrate (.tkm, from `temkit train`)" };
        var output = new Option<string>("--output", "-o") { Description = "Calibrated model (.tkm): the same network with the chosen threshold recorded (header field mask_threshold); `temkit particles` and `temkit segment` use it when no --threshold is given", Required = true };
        var particles = new Option<int>("--particles") { Description = "Simulated validation particles (2.5 nm Au on CeO2, each at 9 tilts 0-10° off [110] and 4 doses 50-5000 e/Å², 0.1 Å/px)", DefaultValueFactory = _ => 8 }.Whole(1, 1000, "particles");
        var first = new Option<int>("--first-particle") { Description = "Seed of the first validation particle; keep the validation particles apart from any used for testing (the tilt study's test particles are 1-20)", DefaultValueFactory = _ => 101 }.Whole(1, 1_000_000, "(seed)");
        var minDose = new Option<double>("--choice-min-dose-e-per-A2") { Description = "Only frames at this dose or above (e/Å²) decide the threshold; all doses are reported", DefaultValueFactory = _ => 200 }.Within(Limits.NonNegative(1e6, "e/Å²"));
        var cache = new Option<string?>("--cache") { Description = "Folder storing the simulated validation frames, read back by a later run with the same particles (default: none, simulate every time)" };
        var cmd = new Command("calibrate-mask", "Calibrate a particle detector's mask threshold by measurement: simulated particles with known masks, the detected/true area per dose at thresholds 0.05-0.60, and the threshold whose median area ratio is nearest 1 recorded in the model")
        {
            model, output, particles, first, minDose, cache,
        };
        cmd.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!;
            if (!File.Exists(modelPath)) throw new UsageException($"{modelPath}: file not found");
            string outputPath = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".tkm");
            OutputPaths.RequireNotAnInput(outputPath, "--output", modelPath);
            OutputPaths.RequireWritable(outputPath, "--output");
            var validation = TiltStudyParameters.Default with { Particles = parse.GetValue(particles), FirstParticle = parse.GetValue(first) };
            var options = MaskThresholdCalibrationOptions.Default with { ChoiceMinDoseElectronsPerAngstrom2 = parse.GetValue(minDose) };
            var result = Console2.RunWithProgress(progress => MaskThresholdCalibration.Calibrate(modelPath, outputPath, validation, options, parse.GetValue(cache), progress));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Samples.Count} validation frames (particles {validation.FirstParticle}-{validation.FirstParticle + validation.Particles - 1}); detected/true particle area:"));
            Console.WriteLine(result.Table());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mask threshold {result.ChosenThreshold:G4} (median detected/true area at ≥ {result.ChoiceMinDoseElectronsPerAngstrom2:G} e/Å² nearest 1) recorded in {outputPath}"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
