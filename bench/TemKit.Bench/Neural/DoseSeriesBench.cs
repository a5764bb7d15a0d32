using System.Globalization;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Pipelines.DoseLimits;

namespace TemKit.Bench.Neural;

/// <summary>
/// The speed goal of the dose-limits issue: <c>temkit dose-limits</c> with one MSD-net (the study's network at a scale,
/// seed 1) on a simulated 1000-frame 256² series with exact masks, against the same segmentation in PyTorch
/// (<c>bench/peers/torch_nets.py series</c>: memory-mapped MRC, per-frame standardisation, batched inference, threshold,
/// area and F1 per frame). Both run as fresh processes under the same timer (<c>bench/peers/timed.py</c>: wall time,
/// CPU time of the process tree, peak resident set), interleaved round after round, 2 threads each. TemKit's side also
/// writes its CSVs, SVG plots, overlays and HTML report; the peer writes one CSV.
/// Arguments: [--frames 1000] [--size 256] [--rounds 3] [--batch 4] [--scale small|paper] [--work DIR]
/// (the series and model are made once in DIR and reused).
/// </summary>
internal sealed class DoseSeriesBench : IBench
{
    public string Name => "dose-series";
    public string Description => "temkit dose-limits with one MSD-net on a 1000-frame 256² series vs the same segmentation in PyTorch";

    public int Run(string[] args)
    {
        string Arg(string name, string fallback) => BenchArgs.Value(args, name, fallback);
        int frames = int.Parse(Arg("--frames", "1000"), CultureInfo.InvariantCulture);
        int size = int.Parse(Arg("--size", "256"), CultureInfo.InvariantCulture);
        int rounds = int.Parse(Arg("--rounds", "3"), CultureInfo.InvariantCulture);
        string batch = Arg("--batch", "4");
        var scale = Enum.Parse<DoseLimitStudyScale>(Arg("--scale", "small"), ignoreCase: true);
        string work = Path.GetFullPath(Arg("--work", Path.Combine(Path.GetTempPath(), "temkit-bench-dose-series")));
        const double pixelSizeAngstrom = 0.2;
        const int seed = 1;

        string root = PeerProcess.RepositoryRoot();
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        string timed = Path.Combine(root, "bench", "peers", "timed.py");
        string dll = Path.Combine(root, ".temkit", "bin", "TemKit.Cli.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"build the CLI first (./temkit --help): {dll} is missing");
        var environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "2", ["DOTNET_PROCESSOR_COUNT"] = "2", ["OMP_WAIT_POLICY"] = "PASSIVE" };

        string seriesFolder = Path.Combine(work, $"series-{frames}x{size}");
        string series = Path.Combine(seriesFolder, "series.mrc"), masks = Path.Combine(seriesFolder, "masks.mrc");
        if (!File.Exists(masks))
        {
            Console.Error.WriteLine($"simulating the series in {seriesFolder}");
            PeerProcess.RunJson(root, python, [timed, "dotnet", dll, "simulate", "series", "-o", seriesFolder, "--frames", $"{frames}", "--grid", $"{size}",
                "--pixel-size-angstrom", pixelSizeAngstrom.ToString(CultureInfo.InvariantCulture), "--diameter-nm", "2", "--seed", $"{seed}"]);
        }
        var msd = DoseLimitStudySettings.For(scale).Msd with { Seed = seed };
        var network = new MsdNet(msd);
        string model = Path.Combine(work, $"msd-{scale}.tkm".ToLowerInvariant());
        ModelFile.Save(model, network, input: new ModelInput(pixelSizeAngstrom, pixelSizeAngstrom, pixelSizeAngstrom));
        string dilations = string.Join(",", network.Dilations);

        string load = BenchArgs.LoadAverage();
        var ours = new List<JsonElement>();
        var peer = new List<JsonElement>();
        for (int r = 0; r < rounds; r++)
        {
            string run = Path.Combine(work, $"run-temkit-{r}");
            if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
            void RunOurs() => ours.Add(PeerProcess.RunJson(root, python, [timed, "dotnet", dll, "dose-limits", model, "--series", series, "--masks", masks, "-o", run], environment));
            void RunPeer() => peer.Add(PeerProcess.RunJson(root, python, [timed, python, Path.Combine(root, "bench", "peers", "torch_nets.py"), "series",
                "--series", series, "--masks", masks, "--out", Path.Combine(work, $"run-pytorch-{r}.csv"), "--batch", batch, "--threads", "2", "--seed", $"{seed}",
                "--net", "msd", "--depth", $"{msd.Depth}", "--width", $"{msd.Width}", "--kernel", $"{msd.KernelSize}", "--dilations", dilations], environment));
            if (r % 2 == 0) { RunOurs(); RunPeer(); }
            else { RunPeer(); RunOurs(); }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {r + 1}: TemKit {ours[^1].GetProperty("median_s").GetDouble():F1} s ({ours[^1].GetProperty("cpu_s").GetDouble():F1} CPU-s), PyTorch {peer[^1].GetProperty("median_s").GetDouble():F1} s ({peer[^1].GetProperty("cpu_s").GetDouble():F1} CPU-s), load {BenchArgs.LoadAverage()}"));
        }

        double tw = BenchArgs.Median(ours, "median_s"), pw = BenchArgs.Median(peer, "median_s"), tc = BenchArgs.Median(ours, "cpu_s"), pc = BenchArgs.Median(peer, "cpu_s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dose-limits on {frames} frames of {size}² ({pixelSizeAngstrom} Å/px, exact masks), one MSD-net (scale {scale}: depth {msd.Depth}, width {msd.Width}, {msd.KernelSize}x{msd.KernelSize}, dilations {dilations}); {rounds} interleaved round(s), 2 threads each, PyTorch batch {batch}; load average before {load}, after {BenchArgs.LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| case | rounds | TemKit wall (s) | PyTorch wall (s) | speed-up (wall) | TemKit CPU (s) | PyTorch CPU (s) | CPU ratio | TemKit peak (MiB) | PyTorch peak (MiB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| dose-limits, {frames} x {size}², 1 MSD-net | {rounds} | {tw:F1} | {pw:F1} | {pw / tw:F1}x | {tc:F1} | {pc:F1} | {pc / tc:F1}x | {BenchArgs.Median(ours, "peak_mib"):F0} | {BenchArgs.Median(peer, "peak_mib"):F0} |"));
        return 0;
    }

}
