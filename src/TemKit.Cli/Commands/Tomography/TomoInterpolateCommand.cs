using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Tomography.Interpolation;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo interpolate</c>: fill a tilt series to a finer step with a learned interpolation model.</summary>
internal static class TomoInterpolateCommand
{
    public static Command Build()
    {
        var stack = new Argument<string>("STACK") { Description = "Recorded tilt series (MRC/DM; one projection per section)" };
        var tilts = TomoInputs.TiltsOption();
        var model = new Option<string>("--model") { Description = "Interpolation model (.tkm from tomo train-interpolation)", Required = true };
        var step = new Option<double>("--to-step") { Description = "Target tilt step (degrees); each gap must be a power-of-two multiple of it (±10%)", Required = true }.Within(Limits.Positive(90, "°"));
        var output = new Option<string>("--output", "-o") { Description = "Densified stack (.mrc); OUT.rawtlt and OUT.synthetic.csv (frame, tilt_deg, synthetic 0/1) beside it", Required = true };
        var reconstruct = new Option<string?>("--reconstruct") { Description = "Also reconstruct the recorded and the densified series (wbp or sirt): OUT_recorded_rec.mrc, OUT_rec.mrc" };
        var threads = TomoInputs.ThreadsOption();
        var command = new Command("interpolate", "Fill every gap of a tilt series to a finer tilt step with a learned frame-interpolation model (recursive bisection); " +
            "marks the synthetic frames in a CSV and optionally reconstructs both versions.")
        {
            stack, tilts, model, step, output, reconstruct, threads,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(stack)!;
            string outPath = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc", ".st");
            int frames = TomoInputs.FrameCount(input);
            var angles = TomoInputs.Angles(input, parse.GetValue(tilts), frames);
            var inputs = TomoInputs.InputFiles(input, parse.GetValue(tilts), parse.GetValue(model));
            foreach (string written in new[] { outPath, Path.ChangeExtension(outPath, ".rawtlt"), Path.ChangeExtension(outPath, ".synthetic.csv") })
                OutputPaths.RequireNotAnInput(written, "--output", inputs);
            ReconstructionOptions? rec = parse.GetValue(reconstruct) is { } m
                ? new ReconstructionOptions { Method = TomoReconstructCommand.ParseMethod(m), NonNegative = m != "wbp", Iterations = 30 }
                : null;
            var parameters = new SeriesInterpolationParameters
            {
                StackPath = input, TiltsDegrees = angles, ModelPath = parse.GetValue(model)!, ToStepDegrees = parse.GetValue(step), OutputPath = outPath,
                Reconstruct = rec, Threads = parse.GetValue(threads),
            };
            SeriesInterpolation.Factors(angles, parameters.ToStepDegrees, input);
            using var held = RunLocks.Beside(outPath);
            SeriesInterpolationResult result = null!;
            TomoInputs.WithProgress("interpolating gaps", frames - 1, advance => result = SeriesInterpolation.Run(parameters, new SyncProgress<int>(_ => advance())));
            if (result.Warning is { } w) Console.Error.WriteLine($"warning: {w}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outPath}: {result.Frames} frames ({result.Synthetic} synthetic, {1000 * result.SecondsPerFrame:F1} ms each), {result.TiltsDegrees[0]:0.##}..{result.TiltsDegrees[^1]:0.##}°; wrote {string.Join(", ", result.Files.Skip(1).Select(Path.GetFileName))}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
