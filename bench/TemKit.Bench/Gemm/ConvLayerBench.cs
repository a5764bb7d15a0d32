using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Convolution;
using TemKit.Neural.Convolution.Gemm;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Bench.Gemm;

/// <summary>
/// One Conv2d layer's forward + backward on the U-Net's 5×5 shapes: direct SIMD path, im2col + SGEMM path and Winograd
/// F(4×4, 5×5) (each measured in a child process with TEMKIT_CONV=direct, gemm or winograd, since the layer reads it once). Wall-clock median
/// and process CPU seconds per forward + backward step and per forward pass alone (CPU time is the steadier figure on
/// a shared machine). Markdown table.
/// Arguments: [--steps 3] [--kernel 5]; internal: --child LABEL.
/// </summary>
internal sealed class ConvLayerBench : IBench
{
    public string Name => "conv";
    public string Description => "Conv2d 5x5 layer forward+backward on U-Net shapes: direct vs im2col+SGEMM vs Winograd";

    private static readonly (string Label, int Cin, int Cout, int Size)[] Layers =
    [
        ("enc0.conv0 1→32", 1, 32, 256),
        ("width-8 net 8→8", 8, 8, 256),
        ("width-16 net 16→16", 16, 16, 256),
        ("enc0 32→32", 32, 32, 256),
        ("dec0.conv0 96→32", 96, 32, 256),
        ("enc1.conv0 32→64", 32, 64, 128),
        ("enc1 64→64", 64, 64, 128),
        ("dec1.conv0 192→64", 192, 64, 128),
        ("enc2.conv0 64→128", 64, 128, 64),
        ("enc2 128→128", 128, 128, 64),
    ];

    private static readonly string[] Modes = ["direct", "gemm", "winograd"];

    public int Run(string[] args)
    {
        int i = Array.IndexOf(args, "--steps");
        int steps = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 3;
        int k = Array.IndexOf(args, "--kernel");
        int kernel = k >= 0 && k + 1 < args.Length ? int.Parse(args[k + 1], CultureInfo.InvariantCulture) : 5;
        if (args.Length > 0 && args[0] == "--child") return Child(steps, kernel);
        var results = Modes.Select(mode => RunChild(mode, steps, kernel)).ToArray();
        string Cells(Func<(double Wall, double Cpu, double WallForward, double CpuForward), double> pick, int l)
            => string.Join(" | ", results.Select(r => pick(r[l]).ToString("F4", CultureInfo.InvariantCulture)));
        string heads(string what) => string.Join(" | ", Modes.Select(m => $"{what} {m}"));
        Console.WriteLine($"| layer ({kernel}×{kernel}) | size | {heads("fwd+bwd wall (s)")} | {heads("fwd wall (s)")} | {heads("fwd+bwd CPU (s)")} | {heads("fwd CPU (s)")} |");
        Console.WriteLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", 4 * Modes.Length)));
        for (int l = 0; l < Layers.Length; l++)
            Console.WriteLine($"| {Layers[l].Label} | {Layers[l].Size}² | {Cells(r => r.Wall, l)} | {Cells(r => r.WallForward, l)} | {Cells(r => r.Cpu, l)} | {Cells(r => r.CpuForward, l)} |");
        return 0;
    }

    private static int Child(int steps, int kernel)
    {
        foreach (var (label, cin, cout, size) in Layers)
        {
            var layer = new Conv2d("c", cin, cout, kernel, 1, PaddingMode.Zero, bias: true, new Random(1));
            using var x = Tensor.Zeros(1, cin, size, size);
            var rng = new Random(2);
            for (int j = 0; j < x.Length; j++) x.Span[j] = (float)rng.NextDouble();
            using var g = Tensor.Zeros(1, cout, size, size);
            g.Span.Fill(1e-3f);
            void Step()
            {
                using var y = layer.Forward(x, training: true);
                using var gx = layer.Backward(g);
            }
            void Infer() => layer.Forward(x, training: false).Dispose();
            Step();
            var (wall, cpu) = Measure(Step, steps);
            var (wallForward, cpuForward) = Measure(Infer, steps);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{wall:R} {cpu:R} {wallForward:R} {cpuForward:R}"));
        }
        return 0;
    }

    private static (double Wall, double Cpu) Measure(Action action, int steps)
    {
        using var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        double wall = Timing.MedianSeconds(action, steps, warmup: 0);
        proc.Refresh();
        return (wall, (proc.TotalProcessorTime - cpu0).TotalSeconds / steps);
    }

    private static (double Wall, double Cpu, double WallForward, double CpuForward)[] RunChild(string mode, int steps, int kernel)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("TemKit.Bench", StringComparison.Ordinal)) psi.ArgumentList.Add(typeof(ConvLayerBench).Assembly.Location);
        foreach (string a in new[] { "conv", "--child", "--steps", steps.ToString(CultureInfo.InvariantCulture), "--kernel", kernel.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        psi.Environment["TEMKIT_CONV"] = mode;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the child benchmark");
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"child benchmark ({mode}) exited with {p.ExitCode}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(f => f.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(v => (v[0], v[1], v[2], v[3]))
            .ToArray();
    }
}
