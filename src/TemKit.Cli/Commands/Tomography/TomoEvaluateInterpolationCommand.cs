using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.Interpolation;
using TemKit.Tomography.Interpolation;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo evaluate-interpolation</c>: score linear, flow, learned and reprojection frame interpolation and the reconstructions they give.</summary>
internal static class TomoEvaluateInterpolationCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("INPUT") { Description = "A tilt dataset folder (its held-out clusters are used) or a recorded tilt series (MRC/DM; every 2d-th frame is given to the methods, the others are the truth)" };
        var output = new Option<string>("--output", "-o") { Description = "Report folder: report.html, frames.csv, volumes.csv", Required = true };
        var model = new Option<string?>("--model") { Description = "Interpolation model (.tkm from tomo train-interpolation); without it only the baselines run" };
        var tilts = TomoInputs.TiltsOption();
        var split = new Option<string>("--split") { Description = "Dataset split to evaluate on", DefaultValueFactory = _ => "test" };
        var maxClusters = new Option<int>("--max-clusters") { Description = "Evaluate at most this many clusters (0 = all)", DefaultValueFactory = _ => 0 }.Whole(0, 1000000, "clusters");
        var gaps = new Option<string>("--gaps") { Description = "Gaps d (frames): the methods see every 2d-th frame", DefaultValueFactory = _ => "1,2,4" };
        var doses = new Option<string>("--doses") { Description = "Input doses (e/Å², 0 = noise-free; a recorded series is used as recorded)", DefaultValueFactory = _ => "0,1000,3000,10000" };
        var factors = new Option<string>("--factors") { Description = "Reconstructions from every f-th frame, alone and filled (powers of two; 'none' to skip)", DefaultValueFactory = _ => "2,4" };
        var noReprojection = new Option<bool>("--no-reprojection") { Description = "Skip the physics baseline (SIRT from the kept frames, reprojected at the missing tilts)" };
        var reprojectionMethod = new Option<string>("--reprojection-method") { Description = "Reconstruction of the physics baseline: sirt or wbp", DefaultValueFactory = _ => "sirt" };
        var iterations = new Option<int>("--sirt-iterations") { Description = "SIRT iterations of the physics baseline", DefaultValueFactory = _ => 30 }.Whole(1, 10000, "iterations");
        var noFlow = new Option<bool>("--no-flow") { Description = "Skip the motion-compensated method (symmetric block matching along x, no learning)" };
        var threads = TomoInputs.ThreadsOption();
        var command = new Command("evaluate-interpolation", "Frame interpolation for tilt series: PSNR/SSIM/MSE of linear, flow (motion-compensated), learned and reprojection interpolation per gap and dose " +
            "(frames min-max normalised to [0, 1]), and volume PSNR/SSIM/FSC of reconstructions from every f-th frame alone and filled; HTML report.")
        {
            input, output, model, tilts, split, maxClusters, gaps, doses, factors, noReprojection, reprojectionMethod, iterations, noFlow, threads,
        };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(input)!;
            string folder = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            string f = parse.GetValue(factors)!;
            var parameters = new InterpolationEvaluationParameters
            {
                GapsFrames = TomoTrainInterpolationCommand.ParseList(parse.GetValue(gaps)!, "--gaps").Select(v => (int)v).ToArray(),
                DosesElectronsPerAngstrom2 = TomoTrainInterpolationCommand.ParseList(parse.GetValue(doses)!, "--doses"),
                ReconstructionFactors = f == "none" ? [] : TomoTrainInterpolationCommand.ParseList(f, "--factors").Select(v => (int)v).ToArray(),
                Reprojection = parse.GetValue(noReprojection) ? null : new ReconstructionOptions
                {
                    Method = TomoReconstructCommand.ParseMethod(parse.GetValue(reprojectionMethod)!), Iterations = parse.GetValue(iterations),
                    NonNegative = parse.GetValue(reprojectionMethod) != "wbp",
                },
                Flow = parse.GetValue(noFlow) ? null : new FlowInterpolationOptions(),
                Threads = parse.GetValue(threads),
            };
            IEnumerable<EvaluationSeries> series;
            double pixelSize = 0;
            int width, height;
            bool dataset = Directory.Exists(source);
            if (dataset)
            {
                var clusters = InterpolationDataset.Clusters(source, parse.GetValue(split)!);
                if (clusters.Count == 0) throw new TemKitFormatException(source, $"has no complete clusters in split '{parse.GetValue(split)}'");
                var first = InterpolationDataset.Load(clusters[0]);
                (pixelSize, width, height) = (first.PixelSizeAngstrom, first.Noiseless.Nx, first.Noiseless.Ny);
                series = DatasetEvaluationSeries.Series(source, parse.GetValue(split)!, parse.GetValue(maxClusters));
            }
            else
            {
                int frames = TomoInputs.FrameCount(source);
                var angles = TomoInputs.Angles(source, parse.GetValue(tilts), frames);
                var stack = ImageFile.Read(source);
                (pixelSize, width, height) = (stack.VoxelSize.XAngstrom, stack.Nx, stack.Ny);
                series = [EvaluationSeries.FromStack(Path.GetFileName(source), stack, angles)];
                parameters = parameters with { DosesElectronsPerAngstrom2 = [0] };
            }
            IFrameInterpolator? learned = null;
            string? description = null;
            if (parse.GetValue(model) is { } path)
            {
                var m = InterpolationModelFile.Load(path);
                if (InterpolationModelCheck.Require(m, pixelSize, width, height, source) is { } warning) Console.Error.WriteLine($"warning: {warning}");
                learned = new LearnedInterpolator(m.Network);
                description = $"Learned model {Path.GetFileName(path)}: {m.History.Count} epochs on {m.Trained.TrainClusters.Count} training clusters of {m.Trained.Dataset} " +
                    $"({m.Trained.ImagePixels} px frames at {m.Trained.PixelSizeAngstrom:G4} Å/px, gaps {string.Join(",", m.Trained.Sampling.GapsFrames)} frames, doses {string.Join(",", m.Trained.Sampling.DosesElectronsPerAngstrom2)} e/Å²).";
            }
            using var held = RunLocks.Folder(folder);
            var progress = new SyncProgress<InterpolationEvaluationProgress>(p => Console.Error.WriteLine($"evaluated {p.Done}: {p.Item}"));
            var result = InterpolationEvaluation.Run(series, parameters, learned, progress);
            string html = InterpolationEvaluationReport.Write(folder, $"Tilt-series frame interpolation: {Path.GetFileName(Path.TrimEndingDirectorySeparator(source))}", result, description);
            foreach (var s in result.Frames)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Method,-13} d={s.GapFrames} {(s.DoseElectronsPerAngstrom2 > 0 ? $"{s.DoseElectronsPerAngstrom2:G4} e/Å²" : "noise-free"),-12} PSNR {s.PsnrDb,6:F2} dB  SSIM {s.Ssim:F3}  MSE {s.Mse:G3}  raw PSNR {s.RawPsnrDb,6:F2} dB  ({s.Frames} frames)"));
            foreach (var v in result.Volumes)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"volume {v.Series,-26} {(v.DoseElectronsPerAngstrom2 > 0 ? $"{v.DoseElectronsPerAngstrom2:G4} e/Å²" : "noise-free"),-12} PSNR {v.PsnrDb,6:F2} dB  SSIM {v.Ssim:F4}  mean FSC {v.MeanFsc:F4}"));
            if (!double.IsNaN(result.InferenceSecondsPerFrame)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"learned inference: {1000 * result.InferenceSecondsPerFrame:F1} ms per {width}x{height} px frame"));
            Console.WriteLine($"{html} ({result.Seconds:F0} s)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
