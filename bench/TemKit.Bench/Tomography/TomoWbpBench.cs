using TemKit.Bench.Infrastructure;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Bench.Tomography;

/// <summary>tomo-wbp: WBP of Shepp–Logan slices next to scikit-image's iradon, and a whole 256³ volume.</summary>
internal sealed class TomoWbpBench : IBench
{
    public string Name => "tomo-wbp";

    public string Description => "WBP: Shepp-Logan 256²/512² vs skimage iradon (same run); 256³ volume from 71 tilts on 2 cores. Args: [repeats=5]";

    public int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        string dir = Directory.CreateTempSubdirectory("temkit-tomo-bench").FullName;
        var cases = new List<(int, string, double[])>();
        var rows = new List<string>();
        foreach (int n in new[] { 256, 512 })
            foreach (var (set, from, to, step) in TomoSlices.Sets)
            {
                var tilts = TomoSlices.Angles(from, to, step);
                cases.Add((n, set, tilts));
                var sino = SheppLogan.Sinogram(n, tilts);
                var truth = SheppLogan.Create(n);
                var (slice, seconds) = TomoSlices.Reconstruct(n, tilts, sino, new ReconstructionOptions(), repeats);
                var (rmse, psnr) = TomoSlices.Score(slice, truth);
                rows.Add($"{n}|{set}|{TomoSlices.F(rmse, "F4")}|{TomoSlices.F(psnr, "F2")}|{TomoSlices.F(seconds / 16 * 1000, "F2")}|{TomoSlices.F(seconds * 1000, "F1")}");
            }
        var peer = TomoSlices.RunPeer("wbp", dir, cases, repeats, 0);
        Console.WriteLine($"WBP (ramp, no window), {Environment.ProcessorCount} cores, median of {repeats}; time per slice = slab of 16 slices / 16, one thread");
        Console.WriteLine("| size | tilts | TemKit RMSE | TemKit PSNR (dB) | TemKit ms/slice | TemKit ms/16-slice slab | skimage RMSE | skimage PSNR (dB) | skimage ms/slice | speed-up |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < rows.Count; i++)
        {
            var p = rows[i].Split('|');
            string peerCols = i < peer.Count
                ? $"{TomoSlices.F(peer[i].GetProperty("rmse").GetDouble(), "F4")} | {TomoSlices.F(peer[i].GetProperty("psnr").GetDouble(), "F2")} | {TomoSlices.F(peer[i].GetProperty("seconds").GetDouble() * 1000, "F1")} | {TomoSlices.F(peer[i].GetProperty("seconds").GetDouble() * 1000 / double.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture), "F0")}x"
                : "- | - | - | -";
            Console.WriteLine($"| {p[0]}² | {p[1]} | {p[2]} | {p[3]} | {p[4]} | {p[5]} | {peerCols} |");
        }
        TomoVolume.Run(new ReconstructionOptions(), dir);
        Directory.Delete(dir, true);
        return 0;
    }
}
