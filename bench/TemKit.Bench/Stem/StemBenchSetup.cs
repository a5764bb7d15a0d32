using System.Diagnostics;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Bench.Stem;

/// <summary>The STEM benchmark setting: Au icosahedra, 300 kV, 21.4 mrad, HAADF 70-200 mrad, grid 0.03125 Å.</summary>
internal static class StemBenchSetup
{
    /// <summary>abTEM's grid of the anchor (~0.032 Å): 640² on a 20 Å cell, 768² on 24 Å; a multiple of 8 for PRISM f = 4.</summary>
    public const double PixelAngstrom = 0.03125;

    public static StemParameters Parameters { get; } = new(new ProbeParameters(300, 21.4), AnnularDetector.Haadf);

    /// <summary>Au55 in a 20 Å cell (the anchor's box) or Au147 in a 24 Å cell, centred, entrance 5 Å above the top atom.</summary>
    public static Specimen Cluster(int shells)
    {
        double cell = shells == 2 ? 20 : 24;
        var atoms = Clusters.Icosahedron(79, shells, Elements.FccLatticeAngstrom("Au")!.Value / Math.Sqrt(2));
        return CenteredCell.Place(atoms, cell);
    }

    /// <summary>64 x 64 positions over the whole cell (abTEM's scan of the anchor).</summary>
    public static ScanRegion FullScan(Specimen s) => new(0, 0, 64, 64, s.CellXAngstrom / 64);

    /// <summary>Wall and process CPU seconds of <paramref name="action"/>.</summary>
    public static (double Wall, double Cpu) Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        TemKit.Numerics.Statistics.Correlation.PearsonOfPixels(a, b);
}
