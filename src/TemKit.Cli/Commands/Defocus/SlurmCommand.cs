using System.CommandLine;
using System.Diagnostics;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.Defocus.Slurm;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>
/// `temkit slurm defocus INPUTS... -o RUN --shards N`: writes RUN/slurm/defocus.sbatch (a job array, task K runs
/// `defocus --shard K/N`) and RUN/slurm/merge.sbatch, and submits both (the merge with --dependency=afterok).
/// </summary>
internal sealed class SlurmCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Image files, folders or globs", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder (shared by every node)", Required = true };
        var inputList = new Option<string?>("--input-list") { Description = "Text file with one input path per line" };
        var shards = new Option<int>("--shards") { Description = "Number of array tasks N", Required = true }.Whole(1, 100_000, "shards");
        var partition = new Option<string?>("--partition") { Description = "Slurm partition" };
        var time = new Option<string?>("--time") { Description = "Wall time per task, e.g. 02:00:00" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs per task (images processed at once)", DefaultValueFactory = _ => 2 }.Whole(1, 1024, "CPUs");
        var mem = new Option<string?>("--mem") { Description = "Memory per task, e.g. 4G" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only write the scripts; do not submit" };
        var set = new DefocusOptionSet();
        var defocus = new Command("defocus", "Run `temkit defocus` as a Slurm job array of N shards plus a dependent merge job")
            { inputs, output, inputList, shards, partition, time, cpus, mem, dryRun };
        foreach (var o in set.All) defocus.Options.Add(o);
        defocus.SetAction(parse =>
        {
            var options = set.Read(parse);
            var job = new SlurmJobOptions
            {
                Shards = parse.GetValue(shards), Partition = parse.GetValue(partition), Time = parse.GetValue(time),
                CpusPerTask = parse.GetValue(cpus), Memory = parse.GetValue(mem),
            };
            if (job.Shards < 1) throw new UsageException("--shards must be ≥ 1");
            if (job.CpusPerTask < 1) throw new UsageException("--cpus-per-task must be ≥ 1");
            var files = DefocusCommand.Inputs(parse.GetValue(inputs)!, parse.GetValue(inputList));
            string run = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(output)!, "--output"));
            string dir = Path.Combine(run, "slurm");
            foreach (string written in new[] { "inputs.txt", "defocus.sbatch", "merge.sbatch" })
                OutputPaths.RequireNotAnInput(Path.Combine(dir, written), "--output", [.. files]);
            Directory.CreateDirectory(dir);
            string list = Path.Combine(dir, "inputs.txt");
            AtomicFile.WriteAllText(list, string.Join('\n', files) + "\n");
            var launcher = Launcher();
            string arrayScript = Path.Combine(dir, "defocus.sbatch"), mergeScript = Path.Combine(dir, "merge.sbatch");
            AtomicFile.WriteAllText(arrayScript, SlurmScripts.ArrayScript(launcher, run, list, DefocusOptionSet.ToArguments(options), job));
            AtomicFile.WriteAllText(mergeScript, SlurmScripts.MergeScript(launcher, run, job));
            Console.WriteLine($"{files.Count} images in {job.Shards} shards; scripts: {arrayScript}, {mergeScript}");
            if (parse.GetValue(dryRun)) return ExitCodes.Ok;
            string arrayId = Submit(arrayScript, []);
            string mergeId = Submit(mergeScript, [$"--dependency=afterok:{arrayId}"]);
            Console.WriteLine($"submitted array job {arrayId} and merge job {mergeId}");
            Console.WriteLine($"results: {Path.Combine(run, "results.csv")}  report: {Path.Combine(run, "report.html")}");
            return ExitCodes.Ok;
        });
        return new Command("slurm", "Run TemKit batch commands on a Slurm cluster") { defocus, Particles.SlurmParticlesCommand.Build() };
    }

    /// <summary>The command that starts this CLI again: the apphost, or `dotnet TemKit.Cli.dll`.</summary>
    internal static List<string> Launcher()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string dll = typeof(SlurmCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, dll] : [process];
    }

    internal static string Submit(string script, string[] extra)
    {
        var info = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--parsable");
        foreach (string e in extra) info.ArgumentList.Add(e);
        info.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("sbatch did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"cannot run sbatch ({e.Message}); the scripts are written, submit them by hand or use --dry-run");
        }
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new UsageException($"sbatch {Path.GetFileName(script)} failed ({process.ExitCode}): {stderr.Trim()}");
        try
        {
            return SlurmScripts.ParseJobId(stdout);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
