using TemKit.Numerics;
using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo reconstruct</c>: a tilt stack to a volume by WBP, SIRT or SART, streamed to MRC.</summary>
internal static class TomoReconstructCommand
{
    public static Command Build()
    {
        var stack = new Argument<string>("STACK") { Description = "Aligned tilt series (MRC/DM stack, one projection per section, tilt axis along y)" };
        var output = new Option<string>("--output", "-o") { Description = "Volume to write (.mrc/.rec; float32, sections along z = beam at zero tilt)", Required = true };
        var tilts = TomoInputs.TiltsOption();
        var method = new Option<string>("--method") { Description = "wbp, sirt or sart", DefaultValueFactory = _ => "wbp" };
        var thickness = new Option<int>("--thickness") { Description = "Volume thickness along z (px); 0 = projection width", DefaultValueFactory = _ => 0 }.Whole(0, 16384, "px");
        var filter = new Option<string>("--filter") { Description = "WBP window on the ramp: ramlak, shepp-logan, cosine, hamming, hann", DefaultValueFactory = _ => "ramlak" };
        var cutoff = new Option<double>("--cutoff") { Description = "WBP filter cut-off (cycles/pixel, ≤ 0.5); IMOD RADIAL first value", DefaultValueFactory = _ => 0.5 }.Within(Limits.Positive(0.5, "cycles/px"));
        var falloff = new Option<double>("--falloff") { Description = "WBP Gaussian falloff σ beyond the cut-off (cycles/pixel; 0 = sharp); IMOD RADIAL second value (FalloffIsTrueSigma 1)", DefaultValueFactory = _ => 0.0 }.Within(Limits.NonNegative(0.5, "cycles/px"));
        var iterations = new Option<int>("--iterations") { Description = "SIRT/SART iterations (maximum when --stop-change is set)", DefaultValueFactory = _ => 50 }.Whole(1, 10000, "iterations");
        var relaxation = new Option<double>("--relaxation") { Description = "SIRT/SART relaxation λ (0..2)", DefaultValueFactory = _ => 1.0 }.Within(Limits.Positive(2, ""));
        var nonNegative = new Option<bool>("--non-negative") { Description = "SIRT/SART: clip negative voxels to 0 after each update" };
        var stop = new Option<double>("--stop-change") { Description = "SIRT/SART: stop when the residual falls by less than this fraction in one iteration (0 = run all iterations)", DefaultValueFactory = _ => 0.0 }.Within(new Limits(0, 1, "", MaxExclusive: true));
        var mask = new Option<string?>("--mask") { Description = "Reconstruction mask (MRC): a WIDTHxTHICKNESS x–z slice or a WIDTHxHEIGHTxTHICKNESS volume; voxels ≠ 0 are reconstructed" };
        var threads = TomoInputs.ThreadsOption();
        var command = new Command("reconstruct", "Reconstruct a volume from a tilt series (WBP, SIRT or SART); slices run in parallel and stream to the output.")
        {
            stack, output, tilts, method, thickness, filter, cutoff, falloff, iterations, relaxation, nonNegative, stop, mask, threads,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(stack)!;
            string outPath = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc", ".rec", ".map");
            OutputPaths.RequireNotAnInput(outPath, "--output", TomoInputs.InputFiles(input, parse.GetValue(tilts), parse.GetValue(mask)));
            var options = new ReconstructionOptions
            {
                Method = ParseMethod(parse.GetValue(method)!),
                ThicknessPx = parse.GetValue(thickness),
                Window = ParseWindow(parse.GetValue(filter)!),
                CutoffCyclesPerPixel = parse.GetValue(cutoff),
                FalloffCyclesPerPixel = parse.GetValue(falloff),
                Iterations = parse.GetValue(iterations),
                Relaxation = parse.GetValue(relaxation),
                NonNegative = parse.GetValue(nonNegative),
                StopRelativeChange = parse.GetValue(stop),
            };
            options.Validate();
            int frames = TomoInputs.FrameCount(input);
            var angles = TomoInputs.Angles(input, parse.GetValue(tilts), frames);
            ReconstructionMask? maskData = null;
            int width, height;
            using (var source = ImageFile.Open(input)) (width, height) = (source.Width, source.Height);
            int depth = options.ThicknessPx > 0 ? options.ThicknessPx : width;
            if (parse.GetValue(mask) is { } maskPath) maskData = ReconstructionMask.From(ImageFile.Read(maskPath), width, height, depth, maskPath);
            int slabs = (height + TemKit.Tomography.Projection.SlabProjector.Lanes - 1) / TemKit.Tomography.Projection.SlabProjector.Lanes;
            using var held = RunLocks.Beside(outPath);
            ReconstructionResult result = null!;
            TomoInputs.WithProgress($"{options.Method} slabs of 16 slices", slabs, advance =>
                result = TomogramReconstruction.Run(input, outPath, angles, options, maskData, new SyncProgress<ReconstructionProgress>(_ => advance()), parse.GetValue(threads)));
            string iters = options.Method == ReconstructionMethod.Wbp ? "" : $", {result.Iterations} iterations";
            Console.WriteLine($"{outPath}: {result.WidthPx}x{result.HeightPx}x{result.ThicknessPx} voxels from {result.Projections} projections " +
                $"({angles.Min():0.##}..{angles.Max():0.##}°), {options.Method}{iters}, {result.Seconds:F2} s");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static ReconstructionMethod ParseMethod(string value) => value.ToLowerInvariant() switch
    {
        "wbp" => ReconstructionMethod.Wbp,
        "sirt" => ReconstructionMethod.Sirt,
        "sart" => ReconstructionMethod.Sart,
        _ => throw new UsageException($"--method {value}: expected wbp, sirt or sart"),
    };

    public static FilterWindow ParseWindow(string value) => value.ToLowerInvariant() switch
    {
        "ramlak" or "ramp" => FilterWindow.RamLak,
        "shepp-logan" => FilterWindow.SheppLogan,
        "cosine" => FilterWindow.Cosine,
        "hamming" => FilterWindow.Hamming,
        "hann" => FilterWindow.Hann,
        _ => throw new UsageException($"--filter {value}: expected ramlak, shepp-logan, cosine, hamming or hann"),
    };
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (no synchronisation context).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
