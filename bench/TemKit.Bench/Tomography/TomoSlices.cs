using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Projection;
using TemKit.Tomography.Quality;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Bench.Tomography;

/// <summary>
/// Shared part of tomo-wbp and tomo-sirt: Shepp–Logan 256² and 512² from exact (analytic) sinograms at ±90°/1°,
/// ±70°/1°, ±70°/2°, reconstructed by TemKit and by scikit-image in the same run. scikit-image puts the rotation centre
/// at pixel N/2, TemKit at (N − 1)/2: each gets the exact sinogram and truth of the same phantom on its own grid
/// (centre offset 0.5 px for scikit-image), so neither pays for the other's convention.
/// </summary>
internal static class TomoSlices
{
    public static readonly (string Name, double From, double To, double Step)[] Sets =
    [
        ("±90°/1°", -90, 90, 1), ("±70°/1°", -70, 70, 1), ("±70°/2°", -70, 70, 2),
    ];

    public static double[] Angles(double from, double to, double step) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => from + i * step).ToArray();

    /// <summary>
    /// Reconstructs one slice 16 times over (a full slab, the unit a volume is reconstructed in), restricted to the
    /// inscribed disc as scikit-image's circle=True; the time includes the WBP filtering of the 16 sinograms.
    /// Returns the first slice and the median seconds per slab.
    /// </summary>
    public static (float[] Slice, double SlabSeconds) Reconstruct(int n, double[] tilts, float[] sinogram, ReconstructionOptions options, int repeats)
    {
        var g = new SliceGeometry(n, n, n, tilts);
        var reconstructor = new SlabReconstructor(g, options);
        int L = SlabProjector.Lanes;
        var slab = new float[SlabProjector.SinogramLength(g)];
        var volume = new float[SlabProjector.VolumeLength(g)];
        var disc = new float[volume.Length];
        double c = (n - 1) / 2.0;
        for (int z = 0; z < n; z++)
            for (int x = 0; x < n; x++)
                if ((x - c) * (x - c) + (z - c) * (z - c) <= (n / 2.0) * (n / 2.0)) disc.AsSpan((z * n + x) * L, L).Fill(1);
        double seconds = Timing.MedianSeconds(() =>
        {
            // 16 sinograms, each filtered (WBP) and packed as the lanes of one slab.
            var lanes = new float[L][];
            for (int s = 0; s < L; s++)
            {
                lanes[s] = (float[])sinogram.Clone();
                reconstructor.Filter?.Apply(lanes[s], tilts.Length);
            }
            for (int a = 0; a < tilts.Length; a++)
                for (int u = 0; u < n; u++)
                    for (int s = 0; s < L; s++) slab[(a * g.PaddedRow + 1 + u) * L + s] = lanes[s][a * n + u];
            reconstructor.Reconstruct(slab, volume, disc);
        }, repeats, warmup: 1);
        var slice = new float[n * n];
        for (int z = 0; z < n; z++) SlabLayout.UnpackSection(g, volume, z, 1, slice.AsSpan(z * n, n));
        return (slice, seconds);
    }

    /// <summary>Writes the scikit-image inputs (sinogram N × angles as its radon gives, theta = −θ, truth) and runs the peer.</summary>
    public static List<JsonElement> RunPeer(string mode, string dir, IEnumerable<(int N, string Set, double[] Tilts)> cases, int repeats, int iterations)
    {
        var manifest = new List<object>();
        foreach (var (n, set, tilts) in cases)
        {
            string tag = $"{n}_{set.Replace("±", "pm").Replace("°", "").Replace("/", "_")}";
            var sino = SheppLogan.Sinogram(n, tilts, centreOffsetPx: 0.5);
            var transposed = new float[sino.Length];
            for (int a = 0; a < tilts.Length; a++)
                for (int u = 0; u < n; u++) transposed[u * tilts.Length + a] = sino[a * n + u];
            File.WriteAllBytes(Path.Combine(dir, $"sino_{tag}.f32"), MemoryMarshal.AsBytes(transposed.AsSpan()).ToArray());
            File.WriteAllBytes(Path.Combine(dir, $"truth_{tag}.f32"), MemoryMarshal.AsBytes(SheppLogan.Create(n, 1, 0.5).AsSpan()).ToArray());
            manifest.Add(new { n, set, tag, theta = tilts.Select(t => -t).ToArray() });
        }
        string json = Path.Combine(dir, "cases.json");
        File.WriteAllText(json, JsonSerializer.Serialize(manifest));
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        string script = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "peers", "tomo_skimage.py");
        if (!File.Exists(script)) script = Path.Combine("bench", "peers", "tomo_skimage.py");
        var start = new ProcessStartInfo(python, $"\"{script}\" {mode} \"{dir}\" {repeats} {iterations}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { Console.WriteLine($"peer failed ({p.ExitCode}): {stderr.Trim()}"); return []; }
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    public static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    public static (double Rmse, double Psnr) Score(float[] slice, float[] truth) => (ImageQuality.Rmse(slice, truth), ImageQuality.Psnr(slice, truth));
}
