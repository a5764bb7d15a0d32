using System.Diagnostics;
using TemKit.Bench.Infrastructure;
using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Quality;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Bench.Tomography;

/// <summary>The whole-volume goal: 256³ from 71 exact projections ±70°/2°, read from MRC and streamed to MRC on 2 threads.</summary>
internal static class TomoVolume
{
    public static void Run(ReconstructionOptions options, string dir)
    {
        const int N = 256;
        var tilts = TomoSlices.Angles(-70, 70, 2);
        string stack = Path.Combine(dir, "series.mrc"), output = Path.Combine(dir, "volume.mrc");
        // Slice y of the volume phantom is the 2D phantom shrunk by √(1 − ŷ²): its exact sinogram gives row y of every frame.
        var series = new ImageStack(N, N, tilts.Length);
        Parallel.For(0, N, y =>
        {
            double yh = 2 * (y + 0.5) / N - 1, s = Math.Sqrt(Math.Max(0, 1 - yh * yh));
            if (s < 0.05) return;
            var sino = SheppLogan.Sinogram(N, tilts, s, 0, 2);
            for (int a = 0; a < tilts.Length; a++) sino.AsSpan(a * N, N).CopyTo(series.Frame(a).Slice(y * N, N));
        });
        MrcFile.Write(stack, series);
        series = null!;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = Environment.WorkingSet;
        var watch = Stopwatch.StartNew();
        var result = TomogramReconstruction.Run(stack, output, tilts, options, threads: 2);
        double total = watch.Elapsed.TotalSeconds;
        double peak = Timing.PeakMiB();
        var volume = MrcFile.Read(output);
        var truth = SheppLogan.CreateVolume(N);
        double psnr = ImageQuality.Psnr(volume.Array, truth);
        double volumeMiB = 4.0 * N * N * N / (1 << 20);
        Console.WriteLine();
        Console.WriteLine($"Volume {N}³ from {tilts.Length} projections ±70°/2°, {options.Method}{(options.Method == ReconstructionMethod.Wbp ? "" : $" {result.Iterations} iterations")}, 2 threads: " +
            $"reconstruction {TomoSlices.F(result.Seconds, "F2")} s, read + reconstruct + write {TomoSlices.F(total, "F2")} s; PSNR {TomoSlices.F(psnr, "F2")} dB against the phantom; " +
            $"working set before {TomoSlices.F(baseline / 1048576.0, "F0")} MiB, process peak so far {TomoSlices.F(peak, "F0")} MiB (volume {TomoSlices.F(volumeMiB, "F0")} MiB)");
    }
}
