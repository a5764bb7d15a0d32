using System.Globalization;
using System.Text;

namespace TemKit.Pipelines.Defocus.Slurm;

/// <summary>Resources and scheduling of a TemKit job array (defocus, particles, studies).</summary>
public sealed record SlurmJobOptions
{
    /// <summary>Number of array tasks (shards), N.</summary>
    public int Shards { get; init; } = 4;

    /// <summary>Partition (queue); null = the cluster default.</summary>
    public string? Partition { get; init; }

    /// <summary>Wall-time limit per task in Slurm syntax (e.g. 02:00:00); null = the partition default.</summary>
    public string? Time { get; init; }

    /// <summary>CPUs per array task; the shard processes this many images at once.</summary>
    public int CpusPerTask { get; init; } = 2;

    /// <summary>Memory per task in Slurm syntax (e.g. 4G); null = the partition default.</summary>
    public string? Memory { get; init; }

    /// <summary>Job name prefix.</summary>
    public string JobName { get; init; } = "temkit-defocus";
}

/// <summary>
/// Writes the batch scripts of a sharded run: a job array whose task K runs <c>COMMAND --shard K/N</c> (defocus,
/// particles), and a merge job <c>temkit merge RUN</c> (submitted with --dependency=afterok on the array).
/// </summary>
public static class SlurmScripts
{
    /// <summary>The job-array script of <c>temkit defocus</c>.</summary>
    /// <param name="launcher">Command that starts temkit (e.g. ["/usr/bin/dotnet", "/opt/temkit/TemKit.Cli.dll"]).</param>
    /// <param name="run">Absolute run folder.</param>
    /// <param name="inputList">Absolute path of the file listing the inputs, one per line.</param>
    /// <param name="defocusArguments">The defocus options (voltage, Cs, ...) as arguments.</param>
    /// <param name="options">Array size and resources.</param>
    public static string ArrayScript(IReadOnlyList<string> launcher, string run, string inputList, IReadOnlyList<string> defocusArguments, SlurmJobOptions options) =>
        ArrayScript(launcher, "defocus", run, inputList, defocusArguments, options, passThreads: true);

    /// <summary>
    /// The job-array script of a sharded batch command over an input list (<c>defocus</c>, <c>particles</c>): task K
    /// runs <c>LAUNCHER COMMAND --input-list LIST -o RUN --shard K/N ARGUMENTS</c> and logs to RUN/slurm/COMMAND-%A_%a.log.
    /// Exit code 1 (some inputs failed, recorded as error rows) counts as success so the merge (afterok) still runs.
    /// </summary>
    /// <param name="launcher">Command that starts temkit.</param>
    /// <param name="command">The TemKit command (one word).</param>
    /// <param name="run">Absolute run folder shared by every task.</param>
    /// <param name="inputList">Absolute path of the file listing the inputs, one per line.</param>
    /// <param name="arguments">The command's options as arguments.</param>
    /// <param name="options">Array size and resources.</param>
    /// <param name="passThreads">Add <c>--threads $SLURM_CPUS_PER_TASK</c> (for commands that take it).</param>
    public static string ArrayScript(IReadOnlyList<string> launcher, string command, string run, string inputList, IReadOnlyList<string> arguments, SlurmJobOptions options, bool passThreads)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (options.Shards < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Shards, "shards must be ≥ 1");
        if (options.CpusPerTask < 1) throw new ArgumentOutOfRangeException(nameof(options), options.CpusPerTask, "cpus per task must be ≥ 1");
        var sb = Header(options.JobName, Path.Combine(run, "slurm", command + "-%A_%a.log"), options);
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{options.Shards - 1}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        sb.Append("set -uo pipefail\n");
        sb.Append("# Exit code 1 means some inputs failed: they are error rows in the results, so the task still counts as\n");
        sb.Append("# done and the merge (afterok) runs; any other non-zero code fails the task.\n");
        sb.Append(Command(launcher)).Append(' ').Append(command).Append(" --input-list ").Append(Quote(inputList)).Append(" -o ").Append(Quote(run));
        sb.Append(CultureInfo.InvariantCulture, $" --shard \"${{SLURM_ARRAY_TASK_ID}}/{options.Shards}\"");
        if (passThreads) sb.Append(CultureInfo.InvariantCulture, $" --threads \"${{SLURM_CPUS_PER_TASK:-{options.CpusPerTask}}}\"");
        foreach (string a in arguments) sb.Append(' ').Append(Quote(a));
        sb.Append("\nrc=$?\nif [ \"$rc\" -le 1 ]; then exit 0; fi\nexit \"$rc\"\n");
        return sb.ToString();
    }

    /// <summary>
    /// A job array whose task K runs <c>LAUNCHER ARGUMENTS --shard K/N</c> (any sharded TemKit command, e.g.
    /// <c>simulate tilt-dataset</c>), logging to <paramref name="logFolder"/>.
    /// </summary>
    public static string ShardedArrayScript(IReadOnlyList<string> launcher, string logFolder, IReadOnlyList<string> arguments, SlurmJobOptions options)
    {
        if (options.Shards < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Shards, "shards must be ≥ 1");
        if (options.CpusPerTask < 1) throw new ArgumentOutOfRangeException(nameof(options), options.CpusPerTask, "cpus per task must be ≥ 1");
        var sb = Header(options.JobName, Path.Combine(logFolder, "task-%A_%a.log"), options);
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{options.Shards - 1}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        sb.Append("set -euo pipefail\n");
        sb.Append(Command(launcher));
        foreach (string a in arguments) sb.Append(' ').Append(Quote(a));
        sb.Append(CultureInfo.InvariantCulture, $" --shard \"${{SLURM_ARRAY_TASK_ID}}/{options.Shards}\" --threads \"${{SLURM_CPUS_PER_TASK:-{options.CpusPerTask}}}\"\n");
        return sb.ToString();
    }

    /// <summary>The merge script (run after every array task succeeded).</summary>
    public static string MergeScript(IReadOnlyList<string> launcher, string run, SlurmJobOptions options)
    {
        var sb = Header(options.JobName + "-merge", Path.Combine(run, "slurm", "merge-%j.log"), options with { Memory = options.Memory });
        sb.Append("#SBATCH --cpus-per-task=1\n");
        sb.Append("set -uo pipefail\n");
        sb.Append(Command(launcher)).Append(" merge ").Append(Quote(run)).Append('\n');
        sb.Append("rc=$?\nif [ \"$rc\" -le 1 ]; then exit 0; fi\nexit \"$rc\"\n");
        return sb.ToString();
    }

    /// <summary>The job id in the output of <c>sbatch --parsable</c> ("123" or "123;cluster").</summary>
    public static string ParseJobId(string sbatchOutput)
    {
        string id = sbatchOutput.Trim().Split(';')[0].Trim();
        if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new FormatException($"sbatch printed no job id: '{sbatchOutput.Trim()}'");
        return id;
    }

    /// <summary>Quotes a word for bash (single quotes; an embedded ' becomes '\'').</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    private static StringBuilder Header(string name, string log, SlurmJobOptions o)
    {
        var sb = new StringBuilder("#!/bin/bash\n");
        sb.Append("#SBATCH --job-name=").Append(name).Append('\n');
        sb.Append("#SBATCH --output=").Append(log).Append('\n');
        if (o.Partition != null) sb.Append("#SBATCH --partition=").Append(o.Partition).Append('\n');
        if (o.Time != null) sb.Append("#SBATCH --time=").Append(o.Time).Append('\n');
        if (o.Memory != null) sb.Append("#SBATCH --mem=").Append(o.Memory).Append('\n');
        return sb;
    }

    private static string Command(IReadOnlyList<string> launcher) => string.Join(' ', launcher.Select(Quote));
}
