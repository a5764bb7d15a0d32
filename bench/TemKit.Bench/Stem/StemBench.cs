using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Bench.Stem;

/// <summary>
/// STEM speed against the abTEM 1.0.3 anchors of issue 16 (Au55 in a 20 Å box, grid ~0.032 Å, 64x64 scan, 300 kV,
/// 21.4 mrad, HAADF 70-200 mrad: multislice 0.41 s per probe position, PRISM f = 4 92 s per scan), for Au55 and Au147:
/// per-image time of incoherent, PRISM (full scan) and multislice (a subset of probe positions, extrapolated to 4096),
/// with wall and process CPU time (CPU/cores estimates the wall time on an idle machine), the PRISM-multislice
/// correlation on the subset, and a 181-tilt incoherent series at 128².
/// Usage: stem [PROBES (multislice subset, default 64)] [au55|au147|series|all].
/// </summary>
internal sealed class StemBench : IBench
{
    public string Name => "stem";
    public string Description => "STEM: incoherent, PRISM f=4 and multislice per 64x64 image (Au55, Au147) and a 181-tilt incoherent series";

    public int Run(string[] args)
    {
        int probes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
        string which = args.Length > 1 ? args[1] : "all";
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"| case | method | probe positions timed | wall (s) | CPU (s) | per 64x64 image, wall (s) | per 64x64 image, CPU/{cores} (s) | per probe, CPU/{cores} (ms) | notes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int shells in new[] { 2, 3 })
        {
            if (which != "all" && which != (shells == 2 ? "au55" : "au147")) continue;
            Case(shells, probes, cores);
        }
        if (which is "all" or "series") Series(cores);
        return 0;
    }

    private static void Case(int shells, int probes, int cores)
    {
        var specimen = StemBenchSetup.Cluster(shells);
        string name = shells == 2 ? "Au55, 20 Å cell" : "Au147, 24 Å cell";
        var parameters = StemBenchSetup.Parameters;
        var scan = StemBenchSetup.FullScan(specimen);
        var baseOptions = new StemOptions { PixelSizeAngstrom = StemBenchSetup.PixelAngstrom, SliceThicknessAngstrom = 1 };

        StemResult inc = null!;
        StemSimulation.Run(specimen, parameters, scan, baseOptions with { Method = StemMethod.Incoherent });
        var (wi, ci) = StemBenchSetup.Time(() => inc = StemSimulation.Run(specimen, parameters, scan, baseOptions with { Method = StemMethod.Incoherent }));
        Row(name, "incoherent", scan.Count, wi, ci, cores, 1, "");

        StemResult prism = null!;
        var (wp, cp) = StemBenchSetup.Time(() => prism = StemSimulation.Run(specimen, parameters, scan, baseOptions with { Method = StemMethod.Prism, PrismInterpolation = 4 }));
        var g = prism.Grid!;
        Row(name, "prism f=4", scan.Count, wp, cp, cores, 1, FormattableString.Invariant($"grid {g.Nx}², {prism.Slices} slices of 1 Å ({prism.OccupiedSlices} with atoms), {prism.Beams} beams"));

        // Multislice on an evenly spread sub-grid of the 64x64 scan (every k-th position along x and y), extrapolated to
        // 4096 positions; the potential and transmission functions are built once, as for a full scan.
        int side = Math.Clamp((int)Math.Round(Math.Sqrt(probes)), 1, 64), stride = 64 / side;
        var sub = new ScanRegion(scan.X0Angstrom, scan.Y0Angstrom, side, side, scan.StepAngstrom * stride);
        StemResult ms = null!;
        var (wm, cm) = StemBenchSetup.Time(() => ms = StemSimulation.Run(specimen, parameters, sub, baseOptions));
        var prismSub = new float[sub.Count];
        var incSub = new float[sub.Count];
        for (int j = 0; j < side; j++)
            for (int i = 0; i < side; i++)
            {
                prismSub[j * side + i] = prism.Image.Pixels[j * stride * 64 + i * stride];
                incSub[j * side + i] = inc.Image.Pixels[j * stride * 64 + i * stride];
            }
        var msPixels = ms.Image.Pixels;
        Row(name, "multislice", sub.Count, wm, cm, cores, (double)scan.Count / sub.Count,
            FormattableString.Invariant($"every {stride}th position, extrapolated ×{(double)scan.Count / sub.Count:F0}; {ms.Slices} slices ({ms.OccupiedSlices} with atoms); corr(prism, ms) = {StemBenchSetup.Correlation(prismSub, msPixels):F5}, corr(incoherent, ms) = {StemBenchSetup.Correlation(incSub, msPixels):F4} on these positions"));
        // As many slices with atoms as the anchor's 20 (0.5 Å slices through the ~10 Å deep Au55; Au147 gets ~34).
        var thin = baseOptions with { SliceThicknessAngstrom = 0.5 };
        StemResult msThin = null!;
        var (wt, ct) = StemBenchSetup.Time(() => msThin = StemSimulation.Run(specimen, parameters, sub, thin));
        Row(name, "multislice, 0.5 Å slices", sub.Count, wt, ct, cores, (double)scan.Count / sub.Count,
            FormattableString.Invariant($"{msThin.Slices} slices ({msThin.OccupiedSlices} with atoms)"));
        StemResult prismThin = null!;
        var (wpt, cpt) = StemBenchSetup.Time(() => prismThin = StemSimulation.Run(specimen, parameters, scan, thin with { Method = StemMethod.Prism, PrismInterpolation = 4 }));
        Row(name, "prism f=4, 0.5 Å slices", scan.Count, wpt, cpt, cores, 1, FormattableString.Invariant($"{prismThin.Slices} slices ({prismThin.OccupiedSlices} with atoms)"));
    }

    private static void Row(string name, string method, int timed, double wall, double cpu, int cores, double scale, string notes) =>
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {method} | {timed} | {wall:F2} | {cpu:F2} | {wall * scale:F2} | {cpu * scale / cores:F2} | {1000 * cpu / cores / timed:F2} | {notes} |"));

    private static void Series(int cores)
    {
        var spec = ClusterSpec.ForDiameter(ClusterShape.Icosahedron, "Au", 2.5);
        var atoms = TiltSeriesSimulator.OrientedCluster(spec, 1);
        var parameters = new TiltSeriesParameters { ImagePixels = 128 };
        var options = new StemOptions { Method = StemMethod.Incoherent };
        TiltSeriesSimulator.Run(atoms, parameters with { TiltsDegrees = [0] }, options);
        TiltSeriesResult r = null!;
        var (w, c) = StemBenchSetup.Time(() => r = TiltSeriesSimulator.Run(atoms, parameters, options));
        Console.WriteLine(FormattableString.Invariant(
            $"| Au icosahedron {atoms.Length} atoms (2.5 nm), 181 tilts, 128², dose 1e4 e/Å² | incoherent tilt series | {181 * 128 * 128} | {w:F2} | {c:F2} | – | – | – | {r.StepAngstrom:F3} Å/px; includes noise and the 128³ volume |"));
    }
}
