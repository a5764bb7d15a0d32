using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Defocus;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>
/// `temkit defocus INPUTS... -o RUN`: per image the power spectrum, radial profile, smoothing, Thon-ring peaks and
/// CTF fit, with CSV junctures, resumable runs, Slurm shards and an HTML report.
/// </summary>
internal sealed class DefocusCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Image files (MRC, DM3/DM4, TIFF, EMD, TIA .ser/.emi), folders or globs", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder (results.csv, junctures/, report.html)", Required = true };
        var inputList = new Option<string?>("--input-list") { Description = "Text file with one input path per line (# starts a comment line; added to INPUTS)" };
        var threads = new Option<int>("--threads") { Description = "Images processed at once (memory ≈ threads × image size)", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) }.Whole(1, 1024, "threads");
        var shard = new Option<string?>("--shard") { Description = "Process only shard K/N (0-based K) of the sorted inputs into RUN/shards/K/" };
        var from = new Option<string?>("--from") { Description = "Recompute from a saved juncture without reading images: profiles, smoothed or peaks" };
        var set = new DefocusOptionSet();
        var cmd = new Command("defocus", "Defocus, astigmatism, fit score and resolution (CTFFIND4, Rohou & Grigorieff 2015) and the FFT indices of Hudson, Mulvey & Patterson's 'Quantifying defocus' of a dataset, with CSV junctures and a report") { inputs, output, inputList, threads, shard, from };
        foreach (var o in set.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var options = set.Read(parse);
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            if (parse.GetValue(from) is { } stage) return Recompute(run, stage, options, parse.GetValue(inputs)!);
            int n = parse.GetValue(threads);
            if (n < 1) throw new UsageException("--threads must be ≥ 1");
            var files = Inputs(parse.GetValue(inputs)!, parse.GetValue(inputList), run);
            return parse.GetValue(shard) is { } s ? RunShard(run, s, files, options, n) : RunAll(RunFolder.At(run), files, options, n, writeReport: true);
        });
        return cmd;
    }

    /// <summary>Expands INPUTS and the --input-list file into the sorted list of absolute paths; a folder input skips the
    /// run folder <paramref name="run"/> when it lies inside it (<see cref="InputFiles.Expand"/>).</summary>
    internal static List<string> Inputs(string[] inputs, string? listFile, string run)
    {
        var all = new List<string>(inputs);
        if (listFile != null) all.AddRange(InputFiles.ReadList(listFile));
        if (all.Count == 0) throw new UsageException("no inputs: give image files, folders or globs (or --input-list)");
        return InputFiles.Expand(all, outputFolder: run);
    }

    private static int RunShard(string run, string shardText, List<string> files, DefocusRunOptions options, int threads)
    {
        (int k, int n) = ShardOption.Parse(shardText);
        var slice = Shards.Slice(files, k, n);
        var folder = RunFolder.Shard(run, k);
        folder.SaveManifest(new ShardManifest(k, n, slice));
        Console.WriteLine($"shard {k}/{n}: {slice.Count} of {files.Count} images");
        return RunAll(folder, slice, options, threads, writeReport: false);
    }

    private static int RunAll(RunFolder folder, List<string> files, DefocusRunOptions options, int threads, bool writeReport)
    {
        RunSummary summary = null!;
        Console2.WithProgress("defocus", files.Count, advance =>
        {
            var run = new DefocusRun(folder, options, threads)
            {
                WriteReport = writeReport,
                ImageDone = advance,
                Notice = Console2.Warn,
                ImageFailed = r => Console2.Error(r.Error.Contains(Path.GetFileName(r.File), StringComparison.Ordinal) ? r.Error : $"{r.File}: {r.Error}"),
            };
            try
            {
                summary = run.Run(files);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException(e.Message);
            }
        });
        Console.WriteLine($"{summary.Total} images: {summary.Processed} processed, {summary.Skipped} already done, {summary.Failed} failed");
        Console.WriteLine($"results: {folder.ResultsPath}");
        if (writeReport) Console.WriteLine($"report:  {folder.ReportPath}");
        return summary.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
    }

    private static int Recompute(string run, string stage, DefocusRunOptions options, string[] inputs)
    {
        if (inputs.Length > 0) throw new UsageException("--from recomputes from the saved junctures; give no inputs");
        if (!Junctures.Stages.Contains(stage)) throw new UsageException($"--from must be one of {string.Join(", ", Junctures.Stages)}, got '{stage}'");
        int failed = DefocusRun.Recompute(run, stage, options);
        var folder = RunFolder.At(run);
        Console.WriteLine($"recomputed from {stage}: {folder.ResultsPath}, {folder.ReportPath}");
        return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
    }
}
