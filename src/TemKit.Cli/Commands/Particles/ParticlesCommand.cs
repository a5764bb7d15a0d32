using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.ParticleAnalysis;

namespace TemKit.Cli.Commands.Particles;

/// <summary><c>temkit particles</c>: parses the options, runs <see cref="ParticlesRun"/>, prints a summary.</summary>
internal sealed class ParticlesCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("images") { Description = "Stacks, images, folders or globs (MRC, DM3/DM4, TIFF, PNG), streamed frame by frame in sorted path order", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder: particles.csv, frames.csv, tracks.csv, select/kept-frames.txt, select/kept.mrc, select/crops.mrc + crops.csv (passing particles, for `temkit columns`), ratio-vs-frame.svg, area-vs-frame.svg, report.html, figures/, parts/ (resume)", Required = true };
        var inputList = new Option<string?>("--input-list") { Description = "Text file with one input path per line (# starts a comment line; added to IMAGES)" };
        var shard = new Option<string?>("--shard") { Description = "K/N (0-based K): analyse only frames with index mod N = K; shards may run at once in one folder; `temkit merge RUN` (or a run without --shard) then writes the tables" };
        var set = new ParticlesOptionSet();
        var cmd = new Command("particles", "Per-frame, per-particle analysis: segmentation, particle sizes, regional Fourier peak pairs (brightest/dimmest ratio, zone axis), tracking across frames, zone-axis frame filter")
        {
            inputs, output, inputList, shard,
        };
        foreach (var o in set.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var (options, modelPath, maskPaths) = set.Read(parse);
            (int K, int N)? shardValue = parse.GetValue(shard) is { } s ? ShardOption.Parse(s) : null;
            var files = Inputs(parse.GetValue(inputs)!, parse.GetValue(inputList), parse.GetValue(output)!);
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var detector = ParticlesOptionSet.Detector(options, modelPath, maskPaths);
            if (detector is NetworkParticleDetector network)
                Console.Error.WriteLine($"model {network.ModelName}: {network.Model.Network.Kind}, training pixel size {network.Model.Input.DescribePixelSize()}, " +
                    $"mask threshold {network.Threshold.ToString("G4", CultureInfo.InvariantCulture)}{(options.Segmentation.Threshold is null && network.Model.Output.MaskThreshold is not null ? " (calibrated, recorded in the model)" : "")}");
            int failedNow = 0;
            try
            {
                var job = new ParticlesRun(run, detector, options)
                {
                    Shard = shardValue,
                    CommandLine = "temkit " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                    Notice = Console2.Warn,
                    FrameDone = f =>
                    {
                        if (f.Error is null) return;
                        failedNow++;
                        Console2.Error($"{f.File} frame {f.FrameInFile}: {f.Error}");
                    },
                };
                ParticlesRunResult result;
                try { result = Console2.RunWithProgress(progress => job.Run(files, progress)); }
                catch (InvalidOperationException e) { throw new UsageException(e.Message); }
                Print(result, run, options);
                return result.Failed > 0 || failedNow > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
            }
            finally
            {
                (detector as IDisposable)?.Dispose();
            }
        });
        return cmd;
    }

    /// <summary>IMAGES and the --input-list file, expanded (folders, globs) to sorted absolute paths; a folder input skips
    /// the run folder <paramref name="run"/> when it lies inside it (<see cref="InputFiles.Expand"/>).</summary>
    internal static List<string> Inputs(string[] inputs, string? listFile, string run)
    {
        var all = new List<string>(inputs);
        if (listFile != null) all.AddRange(InputFiles.ReadList(listFile));
        if (all.Count == 0) throw new UsageException("no inputs: give stacks, images, folders or globs (or --input-list)");
        return [.. InputFiles.Expand(all, ImageFile.Extensions, run).Distinct()];
    }

    private static void Print(ParticlesRunResult result, string run, ParticlesRunOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!result.Finished)
        {
            Console.WriteLine($"{result.Processed} frame(s) analysed now, {result.Skipped} already done; tables are written by `temkit merge RUN` (or a run without --shard) once every shard is done ({run})");
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
