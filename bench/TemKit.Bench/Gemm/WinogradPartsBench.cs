using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Convolution.Winograd;

namespace TemKit.Bench.Gemm;

/// <summary>
/// The parts of a Winograd F(4×4, 5×5) layer on the U-Net's shapes: weight transform, forward pass, weight gradient.
/// Best of N wall-clock times (robust on a shared machine), milliseconds. Arguments: [--steps 10].
/// </summary>
internal sealed class WinogradPartsBench : IBench
{
    public string Name => "winograd";
    public string Description => "Winograd F(4x4,5x5) parts per U-Net shape: weight transform, forward, weight gradient";

    private static readonly (string Label, int Cin, int Cout, int Size)[] Layers =
    [
        ("enc0 32→32", 32, 32, 256),
        ("dec0.conv0 96→32", 96, 32, 256),
        ("enc1 64→64", 64, 64, 128),
        ("dec1.conv0 192→64", 192, 64, 128),
        ("enc2 128→128", 128, 128, 64),
    ];

    public int Run(string[] args)
    {
        int i = Array.IndexOf(args, "--steps");
        int steps = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 10;
        Console.WriteLine("| layer (5×5) | size | weight transform (ms) | forward (ms) | weight gradient (ms) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (label, cin, cout, size) in Layers)
        {
            var conv = new WinogradConvolution(cin, cout, 5, 4);
            var rng = new Random(1);
            int pw = size + 4;
            var padded = Fill(rng, cin * pw * pw);
            var weights = Fill(rng, cout * cin * 25);
            var grad = Fill(rng, cout * size * size);
            var u = new float[conv.TransformedWeightCount];
            var output = new float[cout * size * size];
            var acc = new double[weights.Length];
            double tw = Best(steps, () => conv.TransformWeights(weights, u));
            double fw = Best(steps, () => conv.ForwardPadded(padded, size, size, u, default, output));
            double wg = Best(steps, () => conv.WeightGradient(padded, grad, size, size, acc));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {size}² | {tw:F2} | {fw:F2} | {wg:F2} |"));
        }
        return 0;
    }

    /// <summary>TEMKIT_BENCH_CPU=1 reports process CPU milliseconds instead of wall time (steadier on a loaded machine).</summary>
    private static readonly bool CpuTime = Environment.GetEnvironmentVariable("TEMKIT_BENCH_CPU") == "1";

    private static double Best(int steps, Action action)
    {
        action();
        double best = double.MaxValue;
        using var proc = Process.GetCurrentProcess();
        for (int s = 0; s < steps; s++)
        {
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            action();
            double wall = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            proc.Refresh();
            best = Math.Min(best, CpuTime ? (proc.TotalProcessorTime - cpu0).TotalMilliseconds : wall);
        }
        return best;
    }

    private static float[] Fill(Random rng, int count)
    {
        var a = new float[count];
        for (int j = 0; j < count; j++) a[j] = (float)(rng.NextDouble() - 0.5);
        return a;
    }
}
