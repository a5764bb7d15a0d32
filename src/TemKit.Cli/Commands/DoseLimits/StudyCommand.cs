using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Commands.Defocus;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.Defocus.Slurm;
using TemKit.Pipelines.DoseLimits;

namespace TemKit.Cli.Commands.DoseLimits;

/// <summary><c>temkit study dose-limits</c>: the seed paper's dose-limit study as a resumable job (<see cref="DoseLimitStudy"/>).</summary>
internal sealed class StudyCommand : ICliCommand
{
    public Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Study folder: datasets/, series/, models/, evaluation/, report.html (re-run to resume)", Required = true };
        var scale = new Option<string>("--scale") { Description = "tiny (minutes; checks the steps), small (≤ 2 h on 2 cores; see docs/dose-limits.md) or paper (the paper's sizes, for a cluster)", DefaultValueFactory = _ => "small" };
        var steps = new Option<string>("--steps") { Description = "Comma-separated steps to run: datasets, train, evaluate, report", DefaultValueFactory = _ => "datasets,train,evaluate,report" };
        var seed = new Option<int>("--seed") { Description = "Seed of structures, series and networks", DefaultValueFactory = _ => 1 }.AnyValue();
        var shard = new Option<string?>("--shard") { Description = "K/N: run only the variants k with k mod N = K (Slurm array tasks)" };
        var threads = new Option<int?>("--threads") { Description = "Accepted from Slurm scripts; the work uses every core of the task" }.Whole(1, 4096, "threads");
        var slurm = new Option<bool>("--slurm") { Description = "Write and submit Slurm jobs instead: datasets, then an array with one training task per variant, then a dependent evaluation and report" };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --slurm: write the scripts, do not submit" };
        var partition = new Option<string?>("--partition") { Description = "With --slurm: partition (queue)" };
        var time = new Option<string?>("--time") { Description = "With --slurm: wall-time limit per task (e.g. 24:00:00)" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "With --slurm: CPUs per task", DefaultValueFactory = _ => 8 }.Whole(1, 1024, "CPUs");
        var memory = SharedOptions.Renamed(new Option<string?>("--mem") { Description = "With --slurm: memory per task, as sbatch --mem (e.g. 16G)" }, "--memory");
        var doseLimits = new Command("dose-limits", "Leth Larsen et al.'s study: datasets (Tables 1-3, shared structures), MSD-net and U-Net on the high and low dose ranges, MSD-net on MTF 1-5, all evaluated on the SOI A.4 series; resumable")
        {
            output, scale, steps, seed, shard, threads, slurm, dryRun, partition, time, cpus, memory.Option,
        };
        memory.AddLegacyTo(doseLimits);
        doseLimits.SetAction(parse =>
        {
            var parameters = new DoseLimitStudyParameters(parse.GetValue(scale)!.ToLowerInvariant() switch
            {
                "tiny" => DoseLimitStudyScale.Tiny,
                "small" => DoseLimitStudyScale.Small,
                "paper" => DoseLimitStudyScale.Paper,
                var other => throw new UsageException($"--scale {other}: use tiny, small or paper"),
            }, parse.GetValue(seed));
            var chosen = parse.GetValue(steps)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.TryParse<DoseLimitStudyStep>(s, true, out var step)
                ? step : throw new UsageException($"--steps {s}: use datasets, train, evaluate, report")).ToHashSet();
            var (k, n) = ShardOption.Parse(parse.GetValue(shard));
            string run = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(output)!, "--output"));
            DoseLimitStudy study;
            try
            {
                study = new DoseLimitStudy(run, parameters) { Notice = Console2.Warn };
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException(e.Message);
            }
            if (parse.GetValue(slurm))
                return Submit(run, parse.GetValue(scale)!, parameters.Seed, new SlurmJobOptions
                {
                    Partition = parse.GetValue(partition), Time = parse.GetValue(time), CpusPerTask = parse.GetValue(cpus), Memory = memory.Get(parse), JobName = "temkit-dose-limits",
                }, parse.GetValue(dryRun));
            var outcome = Console2.RunWithProgress(progress => study.Run(chosen, k, n, progress));
            if (outcome.Made.Count > 0) Console.WriteLine($"made: {string.Join(", ", outcome.Made)}");
            if (outcome.Reused.Count > 0) Console.WriteLine($"reused: {string.Join(", ", outcome.Reused)}");
            if (outcome.Evaluation is { } evaluation)
            {
                foreach (var f in DoseLimitStudy.Findings(evaluation.Analysis, study.VariantStatus())) Console.WriteLine($"{f.Question}: {f.Measured} (paper: {f.Paper})");
                Console.WriteLine($"evaluation: {evaluation.SummaryCsv}");
                if (chosen.Contains(DoseLimitStudyStep.Report)) Console.WriteLine($"report: {study.ReportPath}");
            }
            return ExitCodes.Ok;
        });
        return new Command("study", "Studies that chain simulation, training and analysis") { doseLimits };
    }

    /// <summary>Three jobs: datasets and series; an array with one training task per variant (afterok on the first);
    /// evaluation and report (afterok on the array).</summary>
    private static int Submit(string run, string scale, int seed, SlurmJobOptions job, bool dryRun)
    {
        string dir = Path.Combine(run, "slurm");
        Directory.CreateDirectory(dir);
        var launcher = SlurmCommand.Launcher();
        string[] Args(string steps) => ["study", "dose-limits", "-o", run, "--scale", scale, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--steps", steps];
        int variants = DoseLimitStudyVariant.All.Count;
        var scripts = new (string Name, string Script)[]
        {
            ("datasets.sbatch", SlurmScripts.ShardedArrayScript(launcher, dir, Args("datasets"), job with { Shards = 1, JobName = job.JobName + "-datasets" })),
            ("train.sbatch", SlurmScripts.ShardedArrayScript(launcher, dir, Args("train"), job with { Shards = variants, JobName = job.JobName + "-train" })),
            ("evaluate.sbatch", SlurmScripts.ShardedArrayScript(launcher, dir, Args("evaluate,report"), job with { Shards = 1, JobName = job.JobName + "-evaluate" })),
        };
        foreach (var (name, script) in scripts) AtomicFile.WriteAllText(Path.Combine(dir, name), script);
        Console.WriteLine($"scripts: {string.Join(", ", scripts.Select(s => Path.Combine(dir, s.Name)))}");
        if (dryRun) return ExitCodes.Ok;
        string datasets = SlurmCommand.Submit(Path.Combine(dir, "datasets.sbatch"), []);
        string train = SlurmCommand.Submit(Path.Combine(dir, "train.sbatch"), [$"--dependency=afterok:{datasets}"]);
        string evaluate = SlurmCommand.Submit(Path.Combine(dir, "evaluate.sbatch"), [$"--dependency=afterok:{train}"]);
        Console.WriteLine($"submitted datasets job {datasets}, training array {train} ({variants} variants), evaluation job {evaluate}");
        Console.WriteLine($"report: {Path.Combine(run, "report.html")}");
        return ExitCodes.Ok;
    }
}
