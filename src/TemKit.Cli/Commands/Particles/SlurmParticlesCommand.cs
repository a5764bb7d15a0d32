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
        var slurm = new SlurmArrayOptionSet("Stacks, images, folders or globs (sorted path order, as `temkit particles`)",
            "Number of array tasks N; task K analyses the frames with index mod N = K",
            "CPUs per task (the network and the per-particle analysis use them all)", "Memory per task, e.g. 2G (about 1 GB per task for 4096² frames)");
        var set = new ParticlesOptionSet();
        var cmd = slurm.NewCommand("particles", "Run `temkit particles` as a Slurm job array of N shards plus a dependent merge job (`temkit merge RUN`)");
        foreach (var o in set.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var (options, modelPath, maskPaths) = set.Read(parse);
            var job = slurm.Job(parse, "temkit-particles");
            var files = ParticlesCommand.Inputs(parse.GetValue(slurm.Inputs)!, parse.GetValue(slurm.InputList), parse.GetValue(slurm.Output)!);
            slurm.WriteAndSubmit(parse, "particles", files, ParticlesOptionSet.ToArguments(options, modelPath, maskPaths), job, passThreads: false,
                "input file(s)", "tables: RUN/particles.csv  report: RUN/report.html");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
