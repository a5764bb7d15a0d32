using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Numerics.Gemm;

namespace TemKit.Bench.Gemm;

/// <summary>
/// SGEMM GFLOP/s, managed vs OpenBLAS (2 threads), on 1024³ and on the matrix shapes the U-Net's 5×5 convolutions
/// produce through im2col (forward / input-gradient: M = output channels, K = 25·input channels, N = a block of pixels;
/// weight gradient: B transposed, K = pixels). Markdown table. Arguments: [--repeats 5].
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
        int i = Array.IndexOf(args, "--repeats");
        int repeats = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 5;
        var providers = new List<ISgemmProvider> { Sgemm.Managed };
        if (Sgemm.OpenBlas is { } openBlas) providers.Add(openBlas);
        Console.WriteLine($"managed kernel: {Sgemm.Managed.KernelName}; OpenBLAS: {(Sgemm.OpenBlas is { } o ? $"{o.Config}, {o.Threads} threads" : "not available")}; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| shape | M | N | K | op(B) | managed (GFLOP/s) | OpenBLAS (GFLOP/s) | managed / OpenBLAS |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var rng = new Random(1);
        foreach (var (label, transB, m, n, k) in Shapes)
        {
            var a = Random(rng, m * k);
            var b = Random(rng, k * n);
            var c = new float[m * n];
            int ldb = transB == Transpose.No ? n : k;
            var rates = providers.Select(p =>
            {
                double s = Timing.MedianSeconds(() => p.Multiply(Transpose.No, transB, m, n, k, 1f, a, k, b, ldb, 0f, c, n), repeats);
                return 2.0 * m * n * k / s / 1e9;
            }).ToArray();
            string obRate = rates.Length > 1 ? rates[1].ToString("F1", CultureInfo.InvariantCulture) : "n/a";
            string ratio = rates.Length > 1 ? (rates[0] / rates[1]).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {m} | {n} | {k} | {(transB == Transpose.No ? "B" : "Bᵀ")} | {rates[0]:F1} | {obRate} | {ratio} |"));
        }
        return 0;
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
