using TemKit.Bench.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TemKit.Bench.Gemm;

/// <summary>U-Net training step and inference with direct, GEMM and the automatic (Winograd) convolutions, and the PyTorch peer.</summary>
internal static class TrainStep
{
    public static void Run(string size, string steps)
    {
        string root = PeerProcess.RepositoryRoot();
        string temkit = Path.Combine(root, "temkit");
        Console.WriteLine();
        Console.WriteLine($"U-Net (width 32, 3 levels, 5×5), batch 1, {size}², median of {steps} steps after one warm-up:");
        Console.WriteLine();
        Console.WriteLine("| mode | implementation | median step (s) | CPU per step (s) | peak (MiB) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (string mode in new[] { "train", "infer" })
        {
            string[] common = [mode, "--net", "unet", "--size-px", size, "--steps", steps, "--seed", "1"];
            foreach (var (label, conv) in new[] { ("TemKit, direct convolutions", "direct"), ("TemKit, GEMM convolutions", "gemm"), ("TemKit, automatic (Winograd)", "auto") })
                Row(mode, label, RunJson(root, "bash", [temkit, "bench", .. common], ("TEMKIT_CONV", conv)));
            Row(mode, "PyTorch 1.13 (2 threads)",
                RunJson(root, "/usr/bin/python3", [Path.Combine(root, "bench", "peers", "torch_nets.py"), .. common, "--threads", "2"], null));
        }
    }

    private static void Row(string mode, string label, JsonElement? r)
    {
        double? cpu = r is { } x && x.TryGetProperty("cpu_s", out var c0) ? c0.GetDouble() : null;
        if (r is not { } j)
        {
            Console.WriteLine($"| {mode} | {label} | not run | | |");
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {label} | {j.GetProperty("median_s").GetDouble():F3} | {(cpu is { } c ? c.ToString("F3", CultureInfo.InvariantCulture) : "n/a")} | {j.GetProperty("peak_mib").GetDouble():F0} |"));
    }

    /// <summary>Runs a command that prints one JSON line; null (and a note on stderr) when it cannot run, e.g. no torch.</summary>
    private static JsonElement? RunJson(string root, string exe, string[] args, (string Name, string Value)? env)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        if (env is { } e) psi.Environment[e.Name] = e.Value;
        try
        {
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                Console.Error.WriteLine($"{exe} {string.Join(' ', args)} exited with {p.ExitCode}");
                return null;
            }
            string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.TrimStart().StartsWith('{'));
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Console.Error.WriteLine($"cannot run {exe}: {ex.Message}");
            return null;
        }
    }
}
