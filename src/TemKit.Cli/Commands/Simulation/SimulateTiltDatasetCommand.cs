using System.CommandLine;
using System.Diagnostics;
using TemKit.Cli.Commands.Defocus;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Pipelines.Defocus.Slurm;
using TemKit.Simulation.Stem;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate tilt-dataset</c>: tilt series of many clusters, split by cluster, resumable and shardable.</summary>
internal static class SimulateTiltDatasetCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Dataset folder: ranges.yaml, clusters.csv (plan and split), clusters/cNNNNN/ (one tilt series each)", Required = true };
        var ranges = new Option<string?>("--ranges") { Description = "YAML of shapes, elements, diameters, orientations, tilts, dose range, method (default: all four shapes × Pt, Ag, Au, Cu × 1.5-3 nm × 2 orientations; see docs/stem.md)" };
        var seed = new Option<long>("--seed") { Description = "Dataset seed (orientations, noise, doses, split)", DefaultValueFactory = _ => 0 }.AnyValue();
        var shard = new Option<string?>("--shard") { Description = "Simulate only shard K/N (0-based K: the clusters with index mod N = K); shards share the folder" };
        var threads = new Option<int>("--threads") { Description = "Threads (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount }.Whole(1, 1024, "threads");
        var slurm = new Option<int?>("--write-slurm") { Description = "Write OUT/slurm/tilt-dataset.sbatch, a job array of this many shards (submit with sbatch), instead of simulating" }.Whole(1, 100000, "shards");
        var command = new Command("tilt-dataset", "Simulate tilt series of many clusters (shapes × elements × sizes × orientations from a YAML), train/validation/test split by cluster; resumable, --shard K/N.")
        {
            output, ranges, seed, shard, threads, slurm,
        };
        command.SetAction(parse =>
        {
            string folder = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(output)!, "--output"));
            string? rangesPath = parse.GetValue(ranges);
            var r = rangesPath is null ? new TiltDatasetRanges() : TiltDatasetRangesYaml.Read(rangesPath);
            int t = parse.GetValue(threads);
            if (t < 1) throw new UsageException($"--threads must be ≥ 1, got {t}");
            long seedValue = parse.GetValue(seed);
            if (parse.GetValue(slurm) is int shards)
            {
                if (shards < 1) throw new UsageException($"--write-slurm must be ≥ 1, got {shards}");
                var args = new List<string> { "simulate", "tilt-dataset", "-o", folder, "--seed", seedValue.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (rangesPath is not null) args.AddRange(["--ranges", Path.GetFullPath(rangesPath)]);
                string logs = Path.Combine(folder, "slurm");
                Directory.CreateDirectory(logs);
                string script = Path.Combine(logs, "tilt-dataset.sbatch");
                AtomicFile.WriteAllText(script, SlurmScripts.ShardedArrayScript(SlurmCommand.Launcher(), logs, args, new SlurmJobOptions { Shards = shards, JobName = "temkit-tilt-dataset" }));
                Console.WriteLine($"{script}: {shards} array tasks over {r.ClusterCount} clusters; submit with: sbatch {script}");
                return ExitCodes.Ok;
            }
            var (k, n) = ShardOption.Parse(parse.GetValue(shard));
            // Shards of one array share the dataset folder (each writes only its own clusters/cNNNNN/), so only an
            // unsharded run locks the folder; a sharded run takes no lock and stays parallel with its siblings.
            using var held = n == 1 ? RunLocks.Folder(folder) : null;
            Console.WriteLine($"{r.ClusterCount} clusters ({r.Shapes.Count} shapes × {r.Elements.Count} elements × {r.DiametersNanometres.Count} sizes × {r.OrientationsPerCluster} orientations), {r.Method.ToString().ToLowerInvariant()}" + (n > 1 ? $", shard {k}/{n}" : ""));
            var clock = Stopwatch.StartNew();
            int done = 0;
            var summary = SimulateCommand.Checked(() =>
            {
                try
                {
                    return TiltDataset.Run(folder, r, seedValue, k, n, new StemOptions { MaxParallelism = t }, item =>
                        Console.Error.WriteLine($"  {item.FolderName}: {item.Split}, {item.Cluster.Element} {item.Cluster.Shape.ToString().ToLowerInvariant()} ({item.Cluster.Shells} shells) [{++done} simulated, {clock.Elapsed.TotalSeconds:F0} s]"));
                }
                catch (InvalidOperationException e) { throw new UsageException(e.Message); }
            });
            Console.WriteLine($"{folder}: {summary.InShard} clusters in this run, {summary.Skipped} already complete, {summary.Simulated} simulated; {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        });
        return command;
    }
}
