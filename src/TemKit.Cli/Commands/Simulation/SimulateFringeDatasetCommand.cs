using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Mesoscale;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate fringe-dataset</c>: many mesoscale fields at drawn defocus, resumable and shardable.</summary>
internal static class SimulateFringeDatasetCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Dataset folder: dataset.json, images/fNNNNN.mrc, masks/fNNNNN.mrc, records/; when complete fields.csv (truth per field) and masks.mrc (stack, for segment --truth)", Required = true };
        var count = new Option<int>("--count") { Description = "Number of fields", Required = true }.Whole(1, 1_000_000, "fields");
        var size = new Option<int>("--size-px") { Description = "Field side (px)", DefaultValueFactory = _ => 256 }.Whole(16, 8192, "px");
        var pixel = new Option<double>("--pixel-size-angstrom") { Description = "Sampling (Å/px)", DefaultValueFactory = _ => 4.0 }.Within(OpticsLimits.PixelSizeAngstrom);
        var minDf = new Option<double>("--min-defocus-angstrom") { Description = "Smallest mean defocus (Å, positive = underfocus)", DefaultValueFactory = _ => 5000.0 }.Within(OpticsLimits.DefocusAngstrom);
        var maxDf = new Option<double>("--max-defocus-angstrom") { Description = "Largest mean defocus (Å)", DefaultValueFactory = _ => 50000.0 }.Within(OpticsLimits.DefocusAngstrom);
        var maxAstig = new Option<double>("--max-astigmatism-angstrom") { Description = "Largest astigmatism Δf1 − Δf2 (Å; uniform from 0, random azimuth)", DefaultValueFactory = _ => 1000.0 }.Within(Limits.NonNegative(1e5, "Å"));
        var minDose = new Option<double>("--min-dose-e-per-A2") { Description = "Smallest frame dose (e/Å²)", DefaultValueFactory = _ => 20.0 }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var maxDose = new Option<double>("--max-dose-e-per-A2") { Description = "Largest frame dose (e/Å²)", DefaultValueFactory = _ => 40.0 }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var seed = new Option<long>("--seed") { Description = "Dataset seed; field i uses its own stream derived from (seed, i)", DefaultValueFactory = _ => 0 }.AnyValue();
        var shard = new Option<string?>("--shard") { Description = "Simulate only shard K/N (0-based K: the fields with index mod N = K); shards share the folder" };
        var threads = new Option<int>("--threads") { Description = "Fields simulated at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount }.Whole(1, 1024, "threads");
        var command = new Command("fringe-dataset", "Simulate many mesoscale fields (fibres, vesicles, spheres; 300 kV, Cs 2.7 mm) at defocus drawn from a range, with exact masks and the truth per field; resumable, --shard K/N.")
        {
            output, count, size, pixel, minDf, maxDf, maxAstig, minDose, maxDose, seed, shard, threads,
        };
        command.SetAction(parse =>
        {
            string folder = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(output)!, "--output"));
            var ranges = new MesoscaleDatasetRanges
            {
                SizePx = parse.GetValue(size),
                PixelSizeAngstrom = ParameterRange.Fixed(parse.GetValue(pixel)),
                DefocusAngstrom = new(parse.GetValue(minDf), parse.GetValue(maxDf)),
                AstigmatismAngstrom = new(0, parse.GetValue(maxAstig)),
                DoseElectronsPerAngstrom2 = new(parse.GetValue(minDose), parse.GetValue(maxDose)),
            };
            SimulateCommand.Checked(() => { ranges.Validate(); return 0; });
            var (k, n) = ShardOption.Parse(parse.GetValue(shard));
            using var held = n == 1 ? RunLocks.Folder(folder) : null;
            int total = parse.GetValue(count);
            var clock = Stopwatch.StartNew();
            int done = 0;
            var summary = SimulateCommand.Checked(() =>
            {
                try
                {
                    return MesoscaleDataset.Run(folder, ranges, total, parse.GetValue(seed), k, n, r =>
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  f{r.Field:D5}: defocus {r.DefocusAngstrom:F0} Å, {r.Fibres + r.Vesicles + r.Spheres} objects [{++done} simulated, {clock.Elapsed.TotalSeconds:F0} s]")),
                        parse.GetValue(threads));
                }
                catch (InvalidOperationException e) { throw new UsageException(e.Message); }
            });
            Console.WriteLine($"{folder}: {summary.InShard} fields in this run, {summary.Skipped} already complete, {summary.Simulated} simulated; " +
                (summary.Complete ? "dataset complete (fields.csv, masks.mrc)" : "dataset not complete yet (other shards)") + string.Create(CultureInfo.InvariantCulture, $"; {clock.Elapsed.TotalSeconds:F1} s"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
