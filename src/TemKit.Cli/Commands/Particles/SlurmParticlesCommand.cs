using System.CommandLine;
using TemKit.Cli.Commands.Defocus;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.Defocus.Slurm;

namespace TemKit.Cli.Commands.Particles;

/// <summary>
/// `temkit slurm particles IMAGES... -o RUN --shards N (--model M | --masks MASKS)`: writes RUN/slurm/inputs.txt,
/// RUN/slurm/particles.sbatch (a job array, task K runs `particles --shard K/N` into RUN) and RUN/slurm/merge.sbatch
/// (`temkit merge RUN`), and submits both, the merge with --dependency=afterok. The scripts come from the same
/// <see cref="SlurmScripts"/> as `temkit slurm defocus`.
/// </summary>
internal static class SlurmParticlesCommand
{
    public static Command Build()
    {
        var inputs = new Argument<string[]>("images") { Description = "Stacks, images, folders or globs (sorted path order, as `temkit particles`)", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder (shared by every node)", Required = true };
        var inputList = new Option<string?>("--input-list") { Description = "Text file with one input path per line" };
        var shards = new Option<int>("--shards") { Description = "Number of array tasks N; task K analyses the frames with index mod N = K", Required = true }.Whole(1, 100_000, "shards");
        var partition = new Option<string?>("--partition") { Description = "Slurm partition" };
        var time = new Option<string?>("--time") { Description = "Wall time per task, e.g. 02:00:00" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs per task (the network and the per-particle analysis use them all)", DefaultValueFactory = _ => 2 }.Whole(1, 1024, "CPUs");
        var mem = new Option<string?>("--mem") { Description = "Memory per task, e.g. 2G (about 1 GB per task for 4096² frames)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only write the scripts; do not submit" };
        var set = new ParticlesOptionSet();
        var cmd = new Command("particles", "Run `temkit particles` as a Slurm job array of N shards plus a dependent merge job (`temkit merge RUN`)")
            { inputs, output, inputList, shards, partition, time, cpus, mem, dryRun };
        foreach (var o in set.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var (options, modelPath, maskPaths) = set.Read(parse);
            var job = new SlurmJobOptions
            {
                Shards = parse.GetValue(shards), Partition = parse.GetValue(partition), Time = parse.GetValue(time),
                CpusPerTask = parse.GetValue(cpus), Memory = parse.GetValue(mem), JobName = "temkit-particles",
            };
            var files = ParticlesCommand.Inputs(parse.GetValue(inputs)!, parse.GetValue(inputList));
            string run = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(output)!, "--output"));
            string dir = Path.Combine(run, "slurm");
            foreach (string written in new[] { "inputs.txt", "particles.sbatch", "merge.sbatch" })
                OutputPaths.RequireNotAnInput(Path.Combine(dir, written), "--output", [.. files]);
            Directory.CreateDirectory(dir);
            string list = Path.Combine(dir, "inputs.txt");
            AtomicFile.WriteAllText(list, string.Join('\n', files) + "\n");
            var launcher = SlurmCommand.Launcher();
            string arrayScript = Path.Combine(dir, "particles.sbatch"), mergeScript = Path.Combine(dir, "merge.sbatch");
            AtomicFile.WriteAllText(arrayScript, SlurmScripts.ArrayScript(launcher, "particles", run, list, ParticlesOptionSet.ToArguments(options, modelPath, maskPaths), job, passThreads: false));
            AtomicFile.WriteAllText(mergeScript, SlurmScripts.MergeScript(launcher, run, job));
            Console.WriteLine($"{files.Count} input file(s) in {job.Shards} shards; scripts: {arrayScript}, {mergeScript}");
            if (parse.GetValue(dryRun)) return ExitCodes.Ok;
            string arrayId = SlurmCommand.Submit(arrayScript, []);
            string mergeId = SlurmCommand.Submit(mergeScript, [$"--dependency=afterok:{arrayId}"]);
            Console.WriteLine($"submitted array job {arrayId} and merge job {mergeId}");
            Console.WriteLine($"tables: {Path.Combine(run, "particles.csv")}  report: {Path.Combine(run, "report.html")}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
