using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.Defocus.Slurm;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>
/// What every `temkit slurm COMMAND` shares: the inputs, the run folder, the array's size and resources, and the
/// submission (RUN/slurm/inputs.txt, RUN/slurm/COMMAND.sbatch as a job array of `COMMAND --shard K/N`, RUN/slurm/merge.sbatch
/// running `temkit merge RUN` with --dependency=afterok). The scripts come from <see cref="SlurmScripts"/>.
/// </summary>
internal sealed class SlurmArrayOptionSet(string inputsDescription, string shardsDescription, string cpusDescription, string memoryDescription)
{
    public Argument<string[]> Inputs { get; } = new("inputs") { Description = inputsDescription, Arity = ArgumentArity.ZeroOrMore };
    public Option<string> Output { get; } = new("--output", "-o") { Description = "Run folder (shared by every node)", Required = true };
    public Option<string?> InputList { get; } = new("--input-list") { Description = "Text file with one input path per line (# starts a comment line)" };
    public Option<int> Shards { get; } = new Option<int>("--shards") { Description = shardsDescription, Required = true }.Whole(1, 100_000, "shards");
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition" };
    public Option<string?> Time { get; } = new("--time") { Description = "Wall time per task, e.g. 02:00:00" };
    public Option<int> Cpus { get; } = new Option<int>("--cpus-per-task") { Description = cpusDescription, DefaultValueFactory = _ => 2 }.Whole(1, 1024, "CPUs");
    public Option<string?> Memory { get; } = new("--mem") { Description = memoryDescription };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Only write the scripts; do not submit" };

    /// <summary>A command named <paramref name="name"/> holding the shared argument and options.</summary>
    public Command NewCommand(string name, string description) =>
        new(name, description) { Inputs, Output, InputList, Shards, Partition, Time, Cpus, Memory, DryRun };

    /// <summary>The array's size and resources as given.</summary>
    public SlurmJobOptions Job(ParseResult parse, string jobName) => new()
    {
        Shards = parse.GetValue(Shards), Partition = parse.GetValue(Partition), Time = parse.GetValue(Time),
        CpusPerTask = parse.GetValue(Cpus), Memory = parse.GetValue(Memory), JobName = jobName,
    };

    /// <summary>Writes the input list and both scripts into RUN/slurm (never over an input), prints what it wrote and,
    /// unless --dry-run, submits them; returns the run folder's full path.</summary>
    public string WriteAndSubmit(ParseResult parse, string command, IReadOnlyList<string> files, IReadOnlyList<string> arguments, SlurmJobOptions job,
        bool passThreads, string describeInputs, string resultsLine)
    {
        string run = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(Output)!, "--output"));
        string dir = Path.Combine(run, "slurm");
        foreach (string written in new[] { "inputs.txt", command + ".sbatch", "merge.sbatch" })
            OutputPaths.RequireNotAnInput(Path.Combine(dir, written), "--output", [.. files]);
        Directory.CreateDirectory(dir);
        string list = Path.Combine(dir, "inputs.txt");
        AtomicFile.WriteAllText(list, string.Join('\n', files) + "\n");
        var launcher = SlurmCommand.Launcher();
        string arrayScript = Path.Combine(dir, command + ".sbatch"), mergeScript = Path.Combine(dir, "merge.sbatch");
        AtomicFile.WriteAllText(arrayScript, SlurmScripts.ArrayScript(launcher, command, run, list, arguments, job, passThreads));
        AtomicFile.WriteAllText(mergeScript, SlurmScripts.MergeScript(launcher, run, job));
        Console.WriteLine($"{files.Count} {describeInputs} in {job.Shards} shards; scripts: {arrayScript}, {mergeScript}");
        if (parse.GetValue(DryRun)) return run;
        string arrayId = SlurmCommand.Submit(arrayScript, []);
        string mergeId = SlurmCommand.Submit(mergeScript, [$"--dependency=afterok:{arrayId}"]);
        Console.WriteLine($"submitted array job {arrayId} and merge job {mergeId}");
        Console.WriteLine(resultsLine.Replace("RUN", run, StringComparison.Ordinal));
        return run;
    }
}
