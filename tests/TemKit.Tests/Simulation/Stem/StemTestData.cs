using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation.Stem;

/// <summary>Small specimens and settings that keep the STEM tests fast (coarse grids, low detector angles).</summary>
internal static class StemTestData
{
    /// <summary>300 kV, 20 mrad, a 40-100 mrad annulus: inside the 2/3 band limit of a 0.05 Å grid (131 mrad).</summary>
    public static StemParameters Parameters { get; } = new(new ProbeParameters(300, 20), new AnnularDetector(40, 100));

    /// <summary>A Z cluster (13 atoms, icosahedron) centred in a square cell of <paramref name="cell"/> Å.</summary>
    public static Specimen Cluster(int z, double cell, int shells = 1)
    {
        double bond = (Elements.FccLatticeAngstrom(Elements.Symbol(z)) ?? 4.0) / Math.Sqrt(2);
        var atoms = Clusters.Icosahedron(z, shells, bond).Select(a => a.Translated(cell / 2, cell / 2, 5)).ToArray();
        return new Specimen(atoms, [], cell, cell);
    }

    /// <summary>Pearson correlation of two images.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        TemKit.Numerics.Statistics.Correlation.PearsonOfPixels(a, b);
}
