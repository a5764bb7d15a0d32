using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Losses;
using TemKit.Neural.Models;
using TemKit.Pipelines.DoseLimits;

namespace TemKit.Bench.Neural;

/// <summary>
/// The dose-limit study's networks (MSD-net and U-Net of <see cref="DoseLimitStudySettings"/> at a scale, seed 1),
/// TemKit (`temkit bench`) against the PyTorch peer (bench/peers/torch_nets.py): one optimiser step (forward, loss,
/// backward, AMSGrad update) on a batch of 4 training crops, and inference of one 128² and one 512² image, 2 threads
/// each. Built for a loaded, shared machine: the two implementations run interleaved, round after round (TemKit then
/// PyTorch in even rounds, PyTorch then TemKit in odd ones), each round a fresh process per implementation and case
/// timing one warm-up and then --steps steps; the table gives the median over rounds of each process's median wall
/// time and CPU time per step, and the load average before and after.
/// With --model FILE.tkm (an MSD-net model such as models/columns-au-msd.tkm) the MSD-net cases use that model's
/// architecture, dilations and loss instead of the study's (the U-Net cases are dropped) and --crop sets the training
/// crop (default 128), so a shipped network's training step is measured against PyTorch for the same architecture.
/// Arguments: [--scale small|paper] [--model FILE.tkm] [--crop 128] [--rounds 5] [--steps 3] [--cases train,infer128,infer512] [--log FILE] (append every
/// result to FILE and count the rounds already in it; --rounds 0 only prints the table of FILE) [--passive] (the peer's
/// OpenMP threads wait passively: OMP_WAIT_POLICY=PASSIVE).
/// </summary>
internal sealed class DoseNetsBench : IBench
{
    public string Name => "dose-nets";
    public string Description => "dose-limit study networks: train step and 128²/512² inference, TemKit vs PyTorch interleaved";

    public int Run(string[] args)
    {
        string Arg(string name, string fallback) => BenchArgs.Value(args, name, fallback);
        var scale = Enum.Parse<DoseLimitStudyScale>(Arg("--scale", "small"), ignoreCase: true);
        int rounds = int.Parse(Arg("--rounds", "5"), CultureInfo.InvariantCulture);
        string steps = Arg("--steps", "3");
        var settings = DoseLimitStudySettings.For(scale);
        const int seed = 1;
        var msd = settings.Msd with { Seed = seed };
        var unet = settings.UNet with { Seed = seed };
        string modelPath = Arg("--model", "");
        int cropPx = settings.CropPx;
        var msdNet = new MsdNet(msd);
        if (modelPath.Length > 0)
        {
            msdNet = ModelFile.Load(modelPath).Network as MsdNet
                ?? throw new ArgumentException($"{modelPath}: not an MSD-net model");
            msd = msdNet.Settings;
            cropPx = int.Parse(Arg("--crop", "128"), CultureInfo.InvariantCulture);
        }
        string dilations = string.Join(",", msdNet.Dilations);
        string loss = msd.Loss == LossKind.MeanSquaredError ? "mse" : "ce";
        string[] msdArgs = ["--net", "msd", "--depth", $"{msd.Depth}", "--width", $"{msd.Width}", "--kernel", $"{msd.KernelSize}", "--max-dilation", $"{msd.MaxDilation}",
            "--classes", $"{msd.Classes}", "--loss", loss];
        string[] unetArgs = ["--net", "unet", "--width", $"{unet.BaseWidth}", "--levels", $"{unet.Levels}", "--kernel", $"{unet.KernelSize}"];
        var wanted = Arg("--cases", "train,infer128,infer512").Split(',');
        var cases = new List<Case>();
        var nets = modelPath.Length > 0 ? new[] { ("msd", msdArgs) } : new[] { ("msd", msdArgs), ("unet", unetArgs) };
        foreach (var (net, netArgs) in nets)
        {
            if (wanted.Contains("train")) cases.Add(new Case(net, "train", cropPx, 4, netArgs));
            if (wanted.Contains("infer128")) cases.Add(new Case(net, "infer", 128, 1, netArgs));
            if (wanted.Contains("infer512")) cases.Add(new Case(net, "infer", 512, 1, netArgs));
        }

        string root = PeerProcess.RepositoryRoot();
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        // The CLI as ./temkit last built it, run directly: the launcher would rebuild in the middle of the rounds
        // whenever a source file changed. Without a build, the launcher builds it once first.
        string dll = Path.Combine(root, ".temkit", "bin", "TemKit.Cli.dll");
        if (!File.Exists(dll)) RunJsonOrNothing(root, "bash", [Path.Combine(root, "temkit"), "--help"]);
        string ourExe = "dotnet";
        string[] ourArgs = [dll];
        string loadBefore = BenchArgs.LoadAverage();
        var started = DateTime.UtcNow;
        var ours = cases.Select(_ => new List<JsonElement>()).ToArray();
        var peer = cases.Select(_ => new List<JsonElement>()).ToArray();
        // --log FILE: every result is appended as it comes, and the rounds already there count, so a loaded machine can
        // be measured in several short runs (each round still interleaves TemKit and PyTorch).
        // --passive: the peer's OpenMP threads sleep instead of spinning while they wait (OMP_WAIT_POLICY=PASSIVE); on a
        // loaded machine spinning threads burn the CPU their descheduled partner needs.
        bool passive = args.Contains("--passive");
        string? log = Arg("--log", "") is { Length: > 0 } l ? Path.GetFullPath(l) : null;
        if (log is not null && File.Exists(log))
            foreach (string line in File.ReadLines(log).Where(x => x.TrimStart().StartsWith('{')))
            {
                var entry = JsonDocument.Parse(line).RootElement.Clone();
                int c = cases.FindIndex(k => k.Key == entry.GetProperty("case").GetString());
                if (c >= 0) (entry.GetProperty("result").GetProperty("impl").GetString() == "temkit" ? ours : peer)[c].Add(entry.GetProperty("result"));
            }
        int first = cases.Count == 0 ? 0 : Enumerable.Range(0, cases.Count).Min(c => Math.Min(ours[c].Count, peer[c].Count));
        for (int r = first; r < first + rounds; r++)
            for (int c = 0; c < cases.Count; c++)
            {
                var k = cases[c];
                string[] common = [k.Mode, "--size-px", $"{k.SizePx}", "--batch", $"{k.Batch}", "--steps", steps, "--seed", $"{seed}", .. k.NetArgs];
                void Keep(List<JsonElement> into, JsonElement result)
                {
                    into.Add(result);
                    if (log is not null)
                        File.AppendAllText(log, string.Create(CultureInfo.InvariantCulture,
                            $"{{\"case\": \"{k.Key}\", \"round\": {r + 1}, \"utc\": \"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss}\", \"load\": \"{BenchArgs.LoadAverage()}\", \"result\": {result.GetRawText()}}}\n"));
                }
                void RunOurs() => Keep(ours[c], PeerProcess.RunJson(root, ourExe, [.. ourArgs, "bench", .. common], TwoThreads(passive: false)));
                void RunPeer() => Keep(peer[c], PeerProcess.RunJson(root, python, [Path.Combine(root, "bench", "peers", "torch_nets.py"), .. common, "--threads", "2",
                    .. (k.Net == "msd" ? new[] { "--dilations", dilations } : [])], TwoThreads(passive)));
                if (r % 2 == 0) { RunOurs(); RunPeer(); }
                else { RunPeer(); RunOurs(); }
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {r + 1}: {k.Key}: TemKit {ours[c][^1].GetProperty("median_s").GetDouble():F3} s ({ours[c][^1].GetProperty("cpu_s").GetDouble():F3} CPU-s), PyTorch {peer[c][^1].GetProperty("median_s").GetDouble():F3} s ({peer[c][^1].GetProperty("cpu_s").GetDouble():F3} CPU-s), load {BenchArgs.LoadAverage()}"));
            }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(modelPath.Length > 0 ? $"{modelPath}" : $"dose-limit study networks, scale {scale}")}: MSD-net depth {msd.Depth}, width {msd.Width}, {msd.KernelSize}x{msd.KernelSize}, {msd.Classes} output(s), {loss} loss, dilations 1..{msd.MaxDilation} ({dilations}){(modelPath.Length > 0 ? "" : $"; U-Net base width {unet.BaseWidth}, {unet.Levels} levels, {unet.KernelSize}x{unet.KernelSize}, {unet.Padding} padding")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rounds per case (TemKit / PyTorch, interleaved) {string.Join(", ", cases.Select((k, c) => $"{k.Key} {ours[c].Count}/{peer[c].Count}"))}; this run {rounds} round(s) x {steps} steps, 2 threads each, {started:yyyy-MM-dd HH:mm} to {DateTime.UtcNow:HH:mm} UTC, load average (1/5/15 min) before {loadBefore}, after {BenchArgs.LoadAverage()}{(log is null ? "" : $"; every round in {log}")}{(passive ? "; PyTorch with OMP_WAIT_POLICY=PASSIVE" : "")}"));
        Console.WriteLine();
        Console.WriteLine("| net | case | rounds | TemKit wall (s) | PyTorch wall (s) | speed-up (wall) | TemKit CPU (s) | PyTorch CPU (s) | CPU ratio | TemKit peak (MiB) | PyTorch peak (MiB) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int c = 0; c < cases.Count; c++)
        {
            var k = cases[c];
            double tw = BenchArgs.Median(ours[c], "median_s"), pw = BenchArgs.Median(peer[c], "median_s");
            double tc = BenchArgs.Median(ours[c], "cpu_s"), pc = BenchArgs.Median(peer[c], "cpu_s");
            double tm = BenchArgs.Median(ours[c], "peak_mib"), pm = BenchArgs.Median(peer[c], "peak_mib");
            string what = k.Mode == "train" ? $"train step, batch {k.Batch} x {k.SizePx}²" : $"inference {k.SizePx}²";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {k.Net} | {what} | {Math.Min(ours[c].Count, peer[c].Count)} | {tw:F3} | {pw:F3} | {pw / tw:F1}x | {tc:F3} | {pc:F3} | {pc / tc:F1}x | {tm:F0} | {pm:F0} |"));
        }
        return 0;
    }

    private sealed record Case(string Net, string Mode, int SizePx, int Batch, string[] NetArgs)
    {
        public string Key => $"{Net}-{Mode}-{SizePx}";
    }


    /// <summary>Two threads for both implementations; with <paramref name="passive"/> OpenMP threads wait passively.</summary>
    private static Dictionary<string, string> TwoThreads(bool passive)
    {
        var environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "2", ["DOTNET_PROCESSOR_COUNT"] = "2" };
        if (passive) environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return environment;
    }


    private static void RunJsonOrNothing(string root, string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
    }
}
