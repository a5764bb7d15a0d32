using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Cli.Commands.Particles;

/// <summary><c>temkit particles</c>: parses the options, runs <see cref="ParticlesRun"/>, prints a summary.</summary>
internal sealed class ParticlesCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("images") { Description = "Stacks, images, folders or globs (MRC, DM3/DM4, TIFF, PNG), streamed frame by frame in the order given", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder: particles.csv, frames.csv, tracks.csv, select/kept-frames.txt, select/kept.mrc, ratio-vs-frame.svg, area-vs-frame.svg, report.html, figures/, parts/ (resume)", Required = true };
        var model = new Option<string?>("--model") { Description = "Segmentation model (.tkm, from `temkit train`)" };
        var masks = new Option<string[]>("--masks") { Description = "Instead of --model: mask files (stacks or images) with one frame per input frame in the same order (e.g. the true masks of a simulation)", AllowMultipleArgumentsPerToken = true };
        var filter = new Option<double>("--filter-ratio") { Description = $"Keep a frame when one of its particles has a brightest/dimmest Fourier peak-pair ratio at or below this (default {ParticlesRunOptions.DefaultFilterRatio}, chosen from the ROC in docs/particle-analysis.md)", DefaultValueFactory = _ => ParticlesRunOptions.DefaultFilterRatio }.Within(new Limits(1, 1e6, "(ratio)"));
        var threshold = new Option<double>("--threshold") { Description = "Foreground probability at or above which a pixel is in the mask (0-1)", DefaultValueFactory = _ => SegmentationOptions.DefaultThreshold }.Within(new Limits(0, 1, "(probability)", MinExclusive: true));
        var tile = new Option<int>("--tile-size-px", "--tile") { Description = "Segmentation tile side (px)", DefaultValueFactory = _ => 256 }.Whole(16, 65536, "px");
        var overlap = new Option<int>("--tile-overlap-px", "--overlap") { Description = "Minimum overlap of neighbouring tiles (px), Hamming-blended", DefaultValueFactory = _ => 64 }.Whole(0, 65536, "px");
        var pixelSize = new Option<double?>("--pixel-size-angstrom") { Description = "Pixel size of the frames (Å/px), overriding the file headers" }.Within(OpticsLimits.PixelSizeAngstrom);
        var minDiameter = new Option<double>("--min-particle-diameter-nm") { Description = "Smaller mask components (equivalent diameter, nm) are not particles", DefaultValueFactory = _ => 0.3 }.Within(Limits.NonNegative(1e4, "nm"));
        var lattice = new Option<double>("--lattice-constant-angstrom") { Description = "FCC lattice constant for zone-axis indexing (Å; default Au 4.078)", DefaultValueFactory = _ => 4.078 }.Within(new Limits(1, 20, "Å"));
        var fftSize = new Option<int>("--fft-size-px") { Description = "FFT side of the regional analysis (px, even); 0 = automatic (2 x the particle crop, power of two, ≥ 128)", DefaultValueFactory = _ => 0 }.Whole(0, 8192, "px");
        var significance = new Option<double>("--peak-significance") { Description = "A Fourier peak must reach this multiple of its ring's mean background power", DefaultValueFactory = _ => 12.0 }.Within(new Limits(1, 1e6, "(x background)", MinExclusive: true));
        var trackDistance = new Option<double>("--track-max-distance-px") { Description = "Largest centroid step linking a particle to a track (px; at least half the particle's diameter)", DefaultValueFactory = _ => 10.0 }.Within(Limits.NonNegative(1e6, "px"));
        var reportFrames = new Option<int>("--report-frames") { Description = "Frames shown in report.html with the image/inference/FFT quad and the ratio map (evenly spaced)", DefaultValueFactory = _ => 3 }.Whole(0, 1000, "frames");
        var shard = new Option<string?>("--shard") { Description = "K/N: analyse only frames with index mod N = K-1 and leave the tables to a final run without --shard in the same folder" };
        var cmd = new Command("particles", "Per-frame, per-particle analysis: segmentation, particle sizes, regional Fourier peak pairs (brightest/dimmest ratio, zone axis), tracking across frames, zone-axis frame filter")
        {
            inputs, output, model, masks, filter, threshold, tile, overlap, pixelSize, minDiameter, lattice, fftSize, significance, trackDistance, reportFrames, shard,
        };
        cmd.SetAction(parse =>
        {
            string? modelPath = parse.GetValue(model);
            var maskPaths = parse.GetValue(masks) ?? [];
            if ((modelPath is null) == (maskPaths.Length == 0)) throw new UsageException("give exactly one of --model MODEL.tkm or --masks MASKS");
            var options = new ParticlesRunOptions
            {
                Segmentation = new SegmentationOptions
                {
                    Threshold = parse.GetValue(threshold),
                    TileSizePx = parse.GetValue(tile),
                    TileOverlapPx = parse.GetValue(overlap),
                    PixelSizeAngstrom = parse.GetValue(pixelSize),
                    MinParticleDiameterNm = parse.GetValue(minDiameter),
                },
                Fourier = new RegionalFourierOptions
                {
                    FftSizePx = parse.GetValue(fftSize),
                    PeakSignificance = parse.GetValue(significance),
                    Lattice = new FccLattice(parse.GetValue(lattice)),
                },
                FilterRatio = parse.GetValue(filter),
                TrackMaxDistancePx = parse.GetValue(trackDistance),
                ReportFrames = parse.GetValue(reportFrames),
            };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new UsageException(e.Message.Split('\n')[0]); }
            (int K, int N)? shardValue = parse.GetValue(shard) is { } s ? ParseShard(s) : null;
            var files = InputFiles.Expand(parse.GetValue(inputs)!, ImageFile.Extensions).Distinct().ToList();
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            IParticleDetector detector;
            if (modelPath is not null)
            {
                if (!File.Exists(modelPath)) throw new UsageException($"--model {modelPath}: file not found");
                detector = new NetworkParticleDetector(ModelFile.Load(modelPath), options.Segmentation, Path.GetFileName(modelPath));
            }
            else
            {
                foreach (string m in maskPaths)
                    if (!File.Exists(m)) throw new UsageException($"--masks {m}: file not found");
                detector = new MaskStackDetector(maskPaths, options.Segmentation.Threshold);
            }
            try
            {
                var job = new ParticlesRun(run, detector, options)
                {
                    Shard = shardValue,
                    CommandLine = "temkit " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                    Notice = Console2.Warn,
                    FrameDone = f => { if (f.Error is not null) Console2.Error($"{f.File} frame {f.FrameInFile}: {f.Error}"); },
                };
                ParticlesRunResult result;
                try { result = Console2.RunWithProgress(progress => job.Run(files, progress)); }
                catch (InvalidOperationException e) { throw new UsageException(e.Message); }
                Print(result, run, options);
                return result.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
            }
            finally
            {
                (detector as IDisposable)?.Dispose();
            }
        });
        return cmd;
    }

    private static (int K, int N) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
            return (k, n);
        throw new UsageException($"--shard {text}: expected K/N with 1 ≤ K ≤ N, e.g. 2/8");
    }

    private static void Print(ParticlesRunResult result, string run, ParticlesRunOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!result.Finished)
        {
            Console.WriteLine($"{result.Processed} frame(s) analysed now, {result.Skipped} already done; tables are written by a run without --shard once every frame is done ({run})");
            return;
        }
        int observations = result.Frames.Sum(f => f.Particles.Count);
        Console.WriteLine(string.Create(inv, $"{result.Frames.Count} frame(s) ({result.Processed} analysed now, {result.Skipped} resumed, {result.Failed} failed): {observations} particle observation(s), {result.Tracks.Count} track(s)"));
        var areas = result.Frames.SelectMany(f => f.Particles).Select(p => p.AreaNm2).Where(double.IsFinite).Order().ToList();
        if (areas.Count > 0) Console.WriteLine(string.Create(inv, $"particle area: median {areas[areas.Count / 2]:F2} nm², range {areas[0]:F2}-{areas[^1]:F2} nm²"));
        Console.WriteLine(string.Create(inv, $"kept {result.Kept} of {result.Frames.Count} frame(s) with a particle at ratio ≤ {options.FilterRatio:G4}: {Path.Combine(run, "select")}"));
        Console.WriteLine($"tables: {Path.Combine(run, "particles.csv")}, {Path.Combine(run, "frames.csv")}, {Path.Combine(run, "tracks.csv")}; report: {Path.Combine(run, "report.html")}");
    }
}
