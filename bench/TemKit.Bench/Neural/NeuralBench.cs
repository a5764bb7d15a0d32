using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Models;

namespace TemKit.Bench.Neural;

/// <summary>
/// MSD-net and U-Net training steps and inference, TemKit (`temkit bench`) against the PyTorch peer
/// (bench/peers/torch_nets.py, 2 threads), each in its own process so peak memory is comparable. Markdown table.
/// Uses /usr/bin/python3 when present (Debian's python3-torch lives there). Arguments: [--size 256] [--batch 1] [--steps 5] [--nets msd,unet] [--modes train,infer].
/// </summary>
internal sealed class NeuralBench : IBench
{
    public string Name => "neural";
    public string Description => "MSD-net / U-Net train step and inference: TemKit vs PyTorch (CPU, 2 threads)";

    public int Run(string[] args)
    {
        string Arg(string name, string fallback) => BenchArgs.Value(args, name, fallback);
        string size = Arg("--size", "256"), batch = Arg("--batch", "1"), steps = Arg("--steps", "5");
        string root = PeerProcess.RepositoryRoot();
        // Same dilations on both sides (the C# generator drawn with seed 1).
        string dilations = string.Join(",", new MsdNet(new MsdNetParameters(Seed: 1)).Dilations);
        Console.WriteLine($"| net | mode | size | TemKit median (s) | PyTorch median (s) | speed-up | TemKit peak (MiB) | PyTorch peak (MiB) | memory ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (string net in Arg("--nets", "msd,unet").Split(','))
            foreach (string mode in Arg("--modes", "train,infer").Split(','))
            {
                string[] common = [mode, "--net", net, "--size-px", size, "--batch", batch, "--steps", steps, "--seed", "1"];
                var ours = PeerProcess.RunJson(root, "bash", [Path.Combine(root, "temkit"), "bench", .. common]);
                var peer = PeerProcess.RunJson(root, File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", [Path.Combine(root, "bench", "peers", "torch_nets.py"), .. common, "--threads", "2", .. (net == "msd" ? new[] { "--dilations", dilations } : [])]);
                double ts = ours.GetProperty("median_s").GetDouble(), ps = peer.GetProperty("median_s").GetDouble();
                double tm = ours.GetProperty("peak_mib").GetDouble(), pm = peer.GetProperty("peak_mib").GetDouble();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {net} | {mode} | {size} | {ts:F3} | {ps:F3} | {ps / ts:F2}x | {tm:F0} | {pm:F0} | {tm / pm:F2} |"));
            }
        return 0;
    }
}
