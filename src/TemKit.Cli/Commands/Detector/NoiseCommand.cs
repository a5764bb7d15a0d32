using System.CommandLine;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Detector;
using TemKit.IO;

namespace TemKit.Cli.Commands.Detector;

/// <summary>`temkit noise simulate|apply`: detector noise of SOI Eq. 3 on vacuum or on clean images.</summary>
internal sealed class NoiseCommand : ICliCommand
{
    public Command Build()
    {
        var noise = new Command("noise", "Detector noise simulator (Leth Larsen et al., supplementary Eq. 3: MTF-filtered shot noise plus readout noise).");
        noise.Subcommands.Add(BuildSimulate());
        noise.Subcommands.Add(BuildApply());
        return noise;
    }

    private static Command BuildSimulate()
    {
        var output = new Option<string>("--output", "-o") { Description = "output MRC stack; the true parameters go to <output>_truth.csv", Required = true };
        var size = SharedOptions.Renamed(new Option<int>("--size-px") { Description = "frame width and height (px)", DefaultValueFactory = _ => 512 }, "--size").Whole(16, 16384, "px");
        var frames = new Option<int>("--frames") { Description = "number of frames", DefaultValueFactory = _ => 20 }.Whole(1, 100_000, "frames");
        var dose = new Option<string>("--dose-e-per-A2") { Description = "frame dose in e/Å²: a value, or lo:hi spaced logarithmically over the frames", DefaultValueFactory = _ => "10:1300" };
        var pixel = SharedOptions.PixelSizeAngstrom("pixel size (Å)", 0.05, "--pixel-size").Within(OpticsLimits.PixelSizeAngstrom);
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 }.AnyValue();
        var detector = new DetectorParameterOptions();
        var cmd = new Command("simulate", "Simulate a vacuum dose series through a detector and write it with its true parameters.") { output, size.Option, frames, dose, seed };
        size.AddLegacyTo(cmd);
        pixel.AddTo(cmd);
        detector.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            int n = size.Get(parse), count = parse.GetValue(frames);
            double s = pixel.Get(parse);
            if (n < 16) throw new UsageException($"--size-px {n}: need ≥ 16 px");
            if (count < 1) throw new UsageException($"--frames {count}: need ≥ 1");
            if (!(s > 0) || !double.IsFinite(s)) throw new UsageException($"--pixel-size-angstrom {s}: must be > 0 Å");
            OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc", ".mrcs");
            OutputPaths.RequireWritable(parse.GetValue(output)!, "--output");
            var doses = ValueRange.Parse(parse.GetValue(dose)!, "--dose-e-per-A2");
            if (doses.Min < 0) throw new UsageException("--dose-e-per-A2: must be ≥ 0");
            var range = detector.Resolve(parse);
            var result = Console2.RunWithProgress(progress =>
                DetectorSeries.SimulateVacuum(n, count, new DoseSchedule(doses.Min, doses.Max), s, range, parse.GetValue(seed), progress));
            string path = parse.GetValue(output)!;
            result.Write(path);
            Console.WriteLine($"wrote {path} ({count} frames of {n}x{n} px, {s:G4} Å/px) and {DetectorSeries.TruthPath(path)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command BuildApply()
    {
        var input = new Argument<string>("clean") { Description = "clean image or stack (MRC, DM3/DM4): intensity, any scale" };
        var output = new Option<string>("--output", "-o") { Description = "output MRC (same frames, pixels in detected e/px)", Required = true };
        var dose = new Option<string>("--dose-e-per-A2") { Description = "frame dose in e/Å²: a value, or lo:hi spaced logarithmically over the frames", Required = true };
        var pixel = SharedOptions.PixelSizeAngstrom("pixel size (Å); default: from the file", "--pixel-size").Within(OpticsLimits.PixelSizeAngstrom);
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 }.AnyValue();
        var detector = new DetectorParameterOptions();
        var cmd = new Command("apply", "Apply detector noise (dose, MTF, readout) to a clean image, e.g. for training data.") { input, output, dose, seed };
        pixel.AddTo(cmd);
        detector.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var doses = ValueRange.Parse(parse.GetValue(dose)!, "--dose-e-per-A2");
            if (doses.Min < 0) throw new UsageException("--dose-e-per-A2: must be ≥ 0");
            var range = detector.Resolve(parse);
            string path = parse.GetValue(input)!;
            OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc", ".mrcs");
            OutputPaths.RequireWritable(parse.GetValue(output)!, "--output");
            OutputPaths.RequireNotAnInput(parse.GetValue(output)!, "--output", path);
            OutputPaths.RequireNotAnInput(DetectorSeries.TruthPath(parse.GetValue(output)!), "--output", path);
            var clean = ImageFile.Read(path);
            ComplexInput.Warn(path, clean.Metadata, "for an exit wave that is |ψ|, not the image intensity |ψ|²");
            if (pixel.Get(parse) is { } given && !(given > 0 && double.IsFinite(given)))
                throw new UsageException($"--pixel-size-angstrom {given}: must be > 0 Å");
            double s = pixel.Get(parse) ?? clean.VoxelSize.XAngstrom;
            if (!(s > 0) || !double.IsFinite(s))
                throw new UsageException($"{path}: pixel size unknown; give --pixel-size-angstrom in Å to convert e/Å² to e/px");
            var result = Console2.RunWithProgress(progress => DetectorSeries.Apply(clean, new DoseSchedule(doses.Min, doses.Max), s, range,
                parse.GetValue(seed), progress, (z, message) => Console2.Error($"{path} frame {z}: {message}")));
            if (result.FailedFrames > 0) return ExitCodes.InputFailed;
            string outPath = parse.GetValue(output)!;
            result.Write(outPath);
            Console.WriteLine($"wrote {outPath} ({clean.Nz} frames) and {DetectorSeries.TruthPath(outPath)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
