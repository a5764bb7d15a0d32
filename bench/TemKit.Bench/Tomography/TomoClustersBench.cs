using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Imaging;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography.Quality;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Bench.Tomography;

/// <summary>
/// tomo-clusters: the seed-002 question on simulated nanoclusters rather than phantoms. Octahedral, icosahedral and
/// decahedral Au and Pt clusters in random orientations, HAADF tilt series by the incoherent model at ±90°/1° (noise-free
/// and at a dose), reconstructed by WBP and SIRT from ±90°/1°, ±70°/1° and ±70°/2°, scored against the ground-truth volume
/// (each atom a Gaussian blob weighted by its ADF cross-section). The reconstruction's scale is arbitrary (detector
/// units), so each is first mapped onto the truth by the least-squares a·v + b; PSNR uses the truth's range, and the
/// Pearson correlation needs no mapping.
/// </summary>
internal sealed class TomoClustersBench : IBench
{
    public string Name => "tomo-clusters";

    public string Description => "WBP/SIRT of simulated Au/Pt clusters at ±90/±70°: PSNR and r vs the truth volume, scikit-image on the Au ones. Args: [pixels=97] [dose=1e4] [sirt-iterations=50] [sart-passes=3, 0 = no peer]";

    public int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 97;
        double dose = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1e4;
        int iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        int passes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        string peerDir = Directory.CreateTempSubdirectory("temkit-tomo-clusters-").FullName;
        var peerCases = new List<object>();
        (string Name, double From, double To, double Step)[] sets = [("±90°/1°", -90, 90, 1), ("±70°/1°", -70, 70, 1), ("±70°/2°", -70, 70, 2)];
        var clusters = new List<(string Label, ClusterSpec Spec)>();
        foreach (var element in new[] { "Au", "Pt" })
        {
            clusters.Add(($"{element} octahedron", new ClusterSpec(ClusterShape.Octahedron, element, 5)));
            clusters.Add(($"{element} icosahedron", new ClusterSpec(ClusterShape.Icosahedron, element, 4)));
            clusters.Add(($"{element} decahedron", new ClusterSpec(ClusterShape.Decahedron, element, 4)));
        }
        var methods = new (string Name, ReconstructionOptions Options)[]
        {
            ("WBP", new ReconstructionOptions()),
            ($"SIRT {iterations}", new ReconstructionOptions { Method = ReconstructionMethod.Sirt, Iterations = iterations, NonNegative = true }),
        };
        Console.WriteLine($"Simulated clusters, {n}² frames (incoherent HAADF, 300 kV, 21.4 mrad, 70-200 mrad), truth volume {n}³; " +
            $"noisy series at {dose:G3} e/Å²; PSNR after the least-squares a·v + b; r = Pearson correlation with the truth");
        Console.WriteLine();
        Console.WriteLine("| cluster | atoms | tilts | method | PSNR noise-free (dB) | r noise-free | PSNR noisy (dB) | r noisy | seconds |");
        Console.WriteLine("|---|---:|---|---|---:|---:|---:|---:|---:|");
        var summary = new Dictionary<(string Set, string Method), List<double>>();
        int seed = 1;
        foreach (var (label, spec) in clusters)
        {
            var atoms = TiltSeriesSimulator.OrientedCluster(spec, seed++);
            var parameters = new TiltSeriesParameters { ImagePixels = n, DoseElectronsPerAngstrom2 = dose, NoiseSeed = seed };
            var series = TiltSeriesSimulator.Run(atoms, parameters, new StemOptions { Method = StemMethod.Incoherent });
            foreach (var (set, from, to, step) in sets)
            {
                var tilts = TiltAngles.Range(from, to, step);
                var index = tilts.Select(t => Array.IndexOf(series.TiltsDegrees.ToArray(), t)).ToArray();
                var clean = Subset(series.Noiseless, index);
                var noisy = Subset(series.Noisy!, index);
                if (passes > 0 && spec.Element == "Au" && n % 2 == 1)
                {
                    string tag = $"{label.Replace(' ', '_')}_{set.Replace("±", "pm").Replace("°", "").Replace("/", "_")}";
                    File.WriteAllBytes(Path.Combine(peerDir, $"series_{tag}.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(clean.Data).ToArray());
                    File.WriteAllBytes(Path.Combine(peerDir, $"truth_{tag}.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(series.Volume.Data).ToArray());
                    peerCases.Add(new { tag, n, tilts, label, set });
                }
                foreach (var (method, options) in methods)
                {
                    var sw = Stopwatch.StartNew();
                    var a = TomogramReconstruction.Reconstruct(clean, tilts, options).Volume!;
                    double seconds = sw.Elapsed.TotalSeconds;
                    var b = TomogramReconstruction.Reconstruct(noisy, tilts, options).Volume!;
                    var (pa, ra) = Score(a, series.Volume);
                    var (pb, rb) = Score(b, series.Volume);
                    (summary.TryGetValue((set, method), out var list) ? list : summary[(set, method)] = []).AddRange([pa, pb]);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {label} | {atoms.Length} | {set} | {method} | {pa:F2} | {ra:F3} | {pb:F2} | {rb:F3} | {seconds:F1} |"));
                }
            }
        }
        Console.WriteLine();
        foreach (var ((set, method), values) in summary)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set} {method}: mean PSNR {values.Average():F2} dB over {values.Count} reconstructions"));
        if (peerCases.Count > 0) RunPeer(peerDir, peerCases, passes);
        Directory.Delete(peerDir, true);
        return 0;
    }

    /// <summary>scikit-image on the noise-free Au series (bench/peers/tomo_clusters_skimage.py), scored the same way.</summary>
    private static void RunPeer(string dir, List<object> cases, int passes)
    {
        File.WriteAllText(Path.Combine(dir, "cases.json"), System.Text.Json.JsonSerializer.Serialize(cases));
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        string script = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "peers", "tomo_clusters_skimage.py");
        if (!File.Exists(script)) script = Path.Combine("bench", "peers", "tomo_clusters_skimage.py");
        using var p = Process.Start(new ProcessStartInfo(python, $"\"{script}\" \"{dir}\" {passes}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Console.WriteLine();
        if (p.ExitCode != 0) { Console.WriteLine($"scikit-image peer failed ({p.ExitCode}): {stderr.Trim()}"); return; }
        Console.WriteLine($"scikit-image on the same noise-free Au series (iradon ramp; iradon_sart {passes} passes, non-negative), scored the same way:");
        Console.WriteLine();
        Console.WriteLine("| case | method | PSNR (dB) | r | seconds |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = System.Text.Json.JsonDocument.Parse(line).RootElement;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {e.GetProperty("tag").GetString()} | {e.GetProperty("method").GetString()} | {e.GetProperty("psnr").GetDouble():F2} | {e.GetProperty("r").GetDouble():F3} | {e.GetProperty("seconds").GetDouble():F1} |"));
        }
    }

    private static ImageStack Subset(ImageStack stack, int[] frames)
    {
        var result = new ImageStack(stack.Nx, stack.Ny, frames.Length, StackKind.ImageStack, stack.VoxelSize);
        for (int i = 0; i < frames.Length; i++) stack.Frame(frames[i]).CopyTo(result.Frame(i));
        return result;
    }

    /// <summary>PSNR (dB) of the volume mapped onto the truth by least squares, and the Pearson correlation.</summary>
    private static (double Psnr, double R) Score(ImageStack volume, ImageStack truth)
    {
        ReadOnlySpan<float> v = volume.Data, t = truth.Data;
        var (mapped, _, _) = ImageQuality.MapOntoTruth(v, t);
        double sv = 0, st = 0, svv = 0, stt = 0, svt = 0;
        for (int i = 0; i < v.Length; i++) { sv += v[i]; st += t[i]; svv += (double)v[i] * v[i]; stt += (double)t[i] * t[i]; svt += (double)v[i] * t[i]; }
        double count = v.Length, cvv = svv - sv * sv / count, ctt = stt - st * st / count, cvt = svt - sv * st / count;
        return (ImageQuality.Psnr(mapped, t), cvv > 0 && ctt > 0 ? cvt / Math.Sqrt(cvv * ctt) : 0);
    }
}
