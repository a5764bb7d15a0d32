using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tomography.Quality;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo report</c>: reconstruction plus half-set FSC, held-back reprojection PSNR, truth scores and an HTML report.</summary>
internal static class TomoReportCommand
{
    public static Command Build()
    {
        var stack = new Argument<string>("STACK") { Description = "Aligned tilt series (one projection per section)" };
        var output = new Option<string>("--output", "-o") { Description = "Report folder (report.html, xy/xz/yz.png, montage.png, fsc.svg, volume.mrc)", Required = true };
        var tilts = TomoInputs.TiltsOption();
        var method = new Option<string>("--method") { Description = "wbp, sirt or sart", DefaultValueFactory = _ => "wbp" };
        var iterations = new Option<int>("--iterations") { Description = "SIRT/SART iterations", DefaultValueFactory = _ => 50 }.Whole(1, 10000, "iterations");
        var thickness = new Option<int>("--thickness") { Description = "Volume thickness (px); 0 = projection width", DefaultValueFactory = _ => 0 }.Whole(0, 16384, "px");
        var truth = new Option<string?>("--truth") { Description = "Ground-truth volume (same size as the reconstruction) for PSNR, RMSE and 3D SSIM" };
        var threads = TomoInputs.ThreadsOption();
        var command = new Command("report", "Quality report: reconstruction from all tilts and from the even/odd halves (FSC), the even half reprojected at the " +
            "held-back odd tilts (PSNR), optional PSNR/SSIM against a ground truth, orthogonal central slices and the tilt-series montage.")
        {
            stack, output, tilts, method, iterations, thickness, truth, threads,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(stack)!;
            string folder = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var options = new ReconstructionOptions
            {
                Method = TomoReconstructCommand.ParseMethod(parse.GetValue(method)!),
                Iterations = parse.GetValue(iterations),
                ThicknessPx = parse.GetValue(thickness),
                NonNegative = parse.GetValue(method) != "wbp",
            };
            options.Validate();
            int frames = TomoInputs.FrameCount(input);
            var angles = TomoInputs.Angles(input, parse.GetValue(tilts), frames);
            if (frames < 4) throw new UsageException($"{input}: half-set figures need at least 4 projections, the stack has {frames}");
            var series = ImageFile.Read(input);
            var truthVolume = parse.GetValue(truth) is { } t ? ImageFile.Read(t) : null;
            int depth = options.ThicknessPx > 0 ? options.ThicknessPx : series.Nx;
            if (truthVolume != null && (truthVolume.Nx, truthVolume.Ny, truthVolume.Nz) != (series.Nx, series.Ny, depth))
                throw new TemKitFormatException(parse.GetValue(truth)!, $"is {truthVolume.Nx}x{truthVolume.Ny}x{truthVolume.Nz} but the reconstruction is {series.Nx}x{series.Ny}x{depth}");
            OutputPaths.RequireNotAnInput(Path.Combine(folder, "volume.mrc"), "--output", TomoInputs.InputFiles(input, parse.GetValue(tilts), parse.GetValue(truth)));
            using var held = RunLocks.Folder(folder);
            Console.Error.WriteLine($"reconstructing all, even and odd tilts ({options.Method})");
            var result = QualityRun.Analyse(series, angles, options, truthVolume, parse.GetValue(threads));
            MrcFile.Write(Path.Combine(folder, "volume.mrc"), result.Volume);
            string html = QualityRun.WriteReport(folder, $"Tomography report: {Path.GetFileName(input)}", result, series, options);
            string truthText = result.TruthPsnrDb is { } p ? $", PSNR vs truth {p:F2} dB, SSIM {result.TruthSsim:F3} (after the least-squares a·v + b onto the truth, a = {result.TruthScale:G4})" : "";
            Console.WriteLine($"{html}: FSC(0.143) at {result.FscCrossingCyclesPerPixel:F3} cycles/pixel, held-back reprojection PSNR {result.HeldBackPsnrDb:F2} dB{truthText}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
