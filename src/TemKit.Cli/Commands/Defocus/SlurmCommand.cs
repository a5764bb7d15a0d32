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
        var slurm = new SlurmArrayOptionSet("Image files, folders or globs", "Number of array tasks N",
            "CPUs per task (images processed at once)", "Memory per task, e.g. 4G");
        var set = new DefocusOptionSet();
        var defocus = slurm.NewCommand("defocus", "Run `temkit defocus` as a Slurm job array of N shards plus a dependent merge job");
        foreach (var o in set.All) defocus.Options.Add(o);
        defocus.SetAction(parse =>
        {
            var options = set.Read(parse);
            var job = slurm.Job(parse, "temkit-defocus");
            var files = DefocusCommand.Inputs(parse.GetValue(slurm.Inputs)!, parse.GetValue(slurm.InputList), parse.GetValue(slurm.Output)!);
            slurm.WriteAndSubmit(parse, "defocus", files, DefocusOptionSet.ToArguments(options), job, passThreads: true,
                "images", "results: RUN/results.csv  report: RUN/report.html");
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
