using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Numerics.Gemm;

namespace TemKit.Bench.Gemm;

/// <summary>
/// SGEMM GFLOP/s, managed vs OpenBLAS (2 threads), on 1024³ and on the matrix shapes the U-Net's 5×5 convolutions
/// produce (forward / input gradient: M = output channels, K = 25·input channels, N = a band of pixels; weight gradient:
/// B transposed, K = pixels). Wall-clock GFLOP/s and GFLOP per process CPU-second (idle .NET and OpenBLAS worker
/// threads spin, so it undercounts on a quiet machine but is steadier on a loaded one). Then the U-Net training step and
/// inference (`temkit bench train|infer --net unet`) with Conv2d on the direct path (TEMKIT_CONV=direct), on GEMM
/// (TEMKIT_CONV=gemm) and on the automatic choice (Winograd for the U-Net's layers), each in its own process, next to the PyTorch peer
/// (bench/peers/torch_nets.py on /usr/bin/python3, 2 threads). Markdown tables.
/// Arguments: [--repeats 5] [--steps 3] [--size 256] [--no-train].
/// </summary>
internal sealed class GemmBench : IBench
{
    public string Name => "gemm";
    public string Description => "SGEMM GFLOP/s: managed vs OpenBLAS on 1024^3 and U-Net convolution shapes";

    private static readonly (string Label, Transpose TransB, int M, int N, int K)[] Shapes =
    [
        ("square 1024³", Transpose.No, 1024, 1024, 1024),
        ("U-Net L0 fwd 32→32 (256²)", Transpose.No, 32, 5120, 800),
        ("U-Net L0 fwd 64→32 (256²)", Transpose.No, 32, 2560, 1600),
        ("U-Net L1 fwd 64→64 (128²)", Transpose.No, 64, 2560, 1600),
        ("U-Net L2 fwd 128→128 (64²)", Transpose.No, 128, 1280, 3200),
        ("U-Net L0 dW 32→32 (Bᵀ)", Transpose.Yes, 32, 800, 5120),
        ("U-Net L2 dW 128→128 (Bᵀ)", Transpose.Yes, 128, 3200, 1280),
    ];

    public int Run(string[] args)
    {
        string Arg(string name, string fallback) => BenchArgs.Value(args, name, fallback);
        int repeats = int.Parse(Arg("--repeats", "5"), CultureInfo.InvariantCulture);
        RunGemm(repeats);
        if (!args.Contains("--no-train")) TrainStep.Run(Arg("--size", "256"), Arg("--steps", "3"));
        return 0;
    }

    private static void RunGemm(int repeats)
    {
        var providers = new List<ISgemmProvider> { Sgemm.Managed };
        if (Sgemm.OpenBlas is { } openBlas) providers.Add(openBlas);
        Console.WriteLine($"managed kernel: {Sgemm.Managed.KernelName}; OpenBLAS: {(Sgemm.OpenBlas is { } o ? $"{o.Config}, {o.Threads} threads" : "not available")}; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| shape | M | N | K | op(B) | managed (GFLOP/s) | managed (GFLOP per CPU-s) | OpenBLAS (GFLOP/s) | OpenBLAS (GFLOP per CPU-s) | managed / OpenBLAS (wall) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var rng = new Random(1);
        foreach (var (label, transB, m, n, k) in Shapes)
        {
            var a = Random(rng, m * k);
            var b = Random(rng, k * n);
            var c = new float[m * n];
            int ldb = transB == Transpose.No ? n : k;
            var rates = providers.Select(p =>
            {
                using var proc = System.Diagnostics.Process.GetCurrentProcess();
                var cpu0 = proc.TotalProcessorTime;
                double s = Timing.MedianSeconds(() => p.Multiply(Transpose.No, transB, m, n, k, 1f, a, k, b, ldb, 0f, c, n), repeats);
                proc.Refresh();
                double cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds / (repeats + 1);
                double flop = 2.0 * m * n * k;
                return (Wall: flop / s / 1e9, Cpu: flop / cpu / 1e9);
            }).ToArray();
            string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
            string obRate = rates.Length > 1 ? $"{F(rates[1].Wall)} | {F(rates[1].Cpu)}" : "n/a | n/a";
            string ratio = rates.Length > 1 ? (rates[0].Wall / rates[1].Wall).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine($"| {label} | {m} | {n} | {k} | {(transB == Transpose.No ? "B" : "Bᵀ")} | {F(rates[0].Wall)} | {F(rates[0].Cpu)} | {obRate} | {ratio} |");
        }
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
