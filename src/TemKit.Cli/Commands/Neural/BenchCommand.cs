using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;

namespace TemKit.Cli.Commands.Neural;

/// <summary>`temkit bench train|infer`: times training steps or inference of a network on random data; one JSON line.</summary>
internal sealed class BenchCommand : ICliCommand
{
    public Command Build()
    {
        var cmd = new Command("bench", "Time a segmentation network on random data and print one JSON line {net, mode, size, batch, median_s, peak_mib, cpu_s (process CPU time per step), gen2_gcs}");
        foreach (string mode in new[] { "train", "infer" }) cmd.Subcommands.Add(BuildMode(mode));
        return cmd;
    }

    private static Command BuildMode(string mode)
    {
        var net = new NetworkOptions();
        var size = SharedOptions.Renamed(new Option<int>("--size-px") { Description = "Image size (px, square)", DefaultValueFactory = _ => 256 }, "--size").Whole(8, 16384, "px");
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 1 }.Whole(1, 4096, "images");
        var steps = new Option<int>("--steps") { Description = "Timed repetitions (after one warm-up)", DefaultValueFactory = _ => 5 }.Whole(1, 1_000_000, "steps");
        var seed = new Option<int>("--seed") { Description = "Seed for weights, dilations and data", DefaultValueFactory = _ => 1 }.AnyValue();
        var cmd = new Command(mode, mode == "train" ? "Time training steps (forward, loss, backward, Adam update)" : "Time inference (forward pass)") { size.Option, batch, steps, seed };
        size.AddLegacyTo(cmd);
        foreach (var o in net.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            int s = size.Get(parse), b = parse.GetValue(batch), n = parse.GetValue(steps);
            if (s < 8 || b < 1 || n < 1) throw new UsageException("--size-px must be at least 8, --batch and --steps at least 1");
            var settings = net.Settings(parse, parse.GetValue(seed));
            var network = NetworkFactory.Create(settings);
            if (s % network.SizeMultiple != 0) throw new UsageException($"--size-px {s} must be a multiple of {network.SizeMultiple} for this network");
            var rng = new Random(parse.GetValue(seed));
            using var x = Tensor.Uninitialised(b, network.InputChannels, s, s);
            using var t = Tensor.Uninitialised(b, 1, s, s);
            for (int i = 0; i < x.Length; i++) x.Span[i] = (float)(2 * rng.NextDouble() - 1);
            for (int i = 0; i < t.Length; i++) t.Span[i] = rng.Next(Math.Max(2, network.Classes));
            var adam = new TemKit.Neural.Optimisers.Adam(network.Parameters, new TemKit.Neural.Optimisers.AdamParameters());
            Action step = mode == "train"
                ? () => { network.AccumulateGradients(x, t); adam.StepAndZeroGrad(); }
                : () => network.Predict(x).Dispose();
            step();
            var times = new double[n];
            var cpu = new double[n];
            using var proc = Process.GetCurrentProcess();
            int gc2 = GC.CollectionCount(2);
            for (int i = 0; i < n; i++)
            {
                proc.Refresh();
                var cpu0 = proc.TotalProcessorTime;
                long start = Stopwatch.GetTimestamp();
                step();
                times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                proc.Refresh();
                cpu[i] = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            }
            Array.Sort(times);
            Array.Sort(cpu);
            proc.Refresh();
            double peak = proc.PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"net\": \"{network.Kind}\", \"mode\": \"{mode}\", \"size\": {s}, \"batch\": {b}, \"median_s\": {times[n / 2]:F4}, \"peak_mib\": {peak:F1}, \"cpu_s\": {cpu[n / 2]:F4}, \"gen2_gcs\": {GC.CollectionCount(2) - gc2}, \"impl\": \"temkit\"}}"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
