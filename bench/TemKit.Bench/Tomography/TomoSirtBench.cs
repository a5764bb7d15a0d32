using TemKit.Bench.Infrastructure;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Bench.Tomography;

/// <summary>tomo-sirt: SIRT of Shepp–Logan slices next to scikit-image's iradon_sart, and a whole 256³ volume.</summary>
internal sealed class TomoSirtBench : IBench
{
    public string Name => "tomo-sirt";

    public string Description => "SIRT: Shepp-Logan 256²/512² vs skimage iradon_sart (same run); 256³ volume, 50 iterations on 2 cores. Args: [iterations=50] [sart-iterations=3]";

    public int Run(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50;
        int sartIterations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        string dir = Directory.CreateTempSubdirectory("temkit-tomo-bench").FullName;
        var options = new ReconstructionOptions { Method = ReconstructionMethod.Sirt, Iterations = iterations, NonNegative = true };
        var cases = new List<(int, string, double[])>();
        var rows = new List<string>();
        foreach (int n in new[] { 256, 512 })
            foreach (var (set, from, to, step) in TomoSlices.Sets)
            {
                var tilts = TomoSlices.Angles(from, to, step);
                cases.Add((n, set, tilts));
                var (slice, seconds) = TomoSlices.Reconstruct(n, tilts, SheppLogan.Sinogram(n, tilts), options, 1);
                var (rmse, psnr) = TomoSlices.Score(slice, SheppLogan.Create(n));
                var sartOptions = new ReconstructionOptions { Method = ReconstructionMethod.Sart, Iterations = sartIterations, NonNegative = true };
                var (sart, sartSeconds) = TomoSlices.Reconstruct(n, tilts, SheppLogan.Sinogram(n, tilts), sartOptions, 1);
                var (_, sartPsnr) = TomoSlices.Score(sart, SheppLogan.Create(n));
                rows.Add($"{n}|{set}|{TomoSlices.F(rmse, "F4")}|{TomoSlices.F(psnr, "F2")}|{TomoSlices.F(seconds / 16 / iterations * 1000, "F2")}|{TomoSlices.F(sartPsnr, "F2")}|{TomoSlices.F(sartSeconds / 16 / sartIterations * 1000, "F2")}");
            }
        var peer = TomoSlices.RunPeer("sart", dir, cases, 1, sartIterations);
        Console.WriteLine($"SIRT {iterations} iterations, non-negative, λ = 1; scikit-image iradon_sart {sartIterations} iterations (each a pass over all views, relaxation 0.15, its default); " +
            $"{Environment.ProcessorCount} cores; time per iteration per slice = slab of 16 / 16, one thread");
        Console.WriteLine("| size | tilts | TemKit SIRT RMSE | TemKit SIRT PSNR (dB) | TemKit SIRT ms/iteration/slice | TemKit SART PSNR (dB) | TemKit SART ms/iteration/slice | skimage SART RMSE | skimage SART PSNR (dB) | skimage SART ms/iteration/slice | speed-up per SIRT iteration |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < rows.Count; i++)
        {
            var p = rows[i].Split('|');
            string peerCols = i < peer.Count
                ? $"{TomoSlices.F(peer[i].GetProperty("rmse").GetDouble(), "F4")} | {TomoSlices.F(peer[i].GetProperty("psnr").GetDouble(), "F2")} | {TomoSlices.F(peer[i].GetProperty("seconds").GetDouble() * 1000 / sartIterations, "F1")} | {TomoSlices.F(peer[i].GetProperty("seconds").GetDouble() * 1000 / sartIterations / double.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture), "F0")}x"
                : "- | - | - | -";
            Console.WriteLine($"| {p[0]}² | {p[1]} | {p[2]} | {p[3]} | {p[4]} | {p[5]} | {p[6]} | {peerCols} |");
        }
        TomoVolume.Run(options with { Iterations = 50 }, dir);
        Directory.Delete(dir, true);
        return 0;
    }
}
