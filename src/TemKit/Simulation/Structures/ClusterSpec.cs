namespace TemKit.Simulation.Structures;

/// <summary>
/// A closed-shell metal cluster by shape, element and shell count, centred on its centroid. Shells mean: icosahedron
/// and cuboctahedron, shells around the central atom (13, 55, 147, 309 atoms for 1..4); octahedron, atoms per edge − 1
/// (6, 19, 44, 85 for 1..4); decahedron, atoms per pentagon edge − 1 (7, 23, 54, 105 for 1..4).
/// </summary>
/// <param name="Shape">Cluster shape.</param>
/// <param name="Element">Element symbol (needs a tabulated FCC lattice constant unless <paramref name="LatticeConstantAngstrom"/> is given).</param>
/// <param name="Shells">Size index (see the type summary), 1..40.</param>
/// <param name="LatticeConstantAngstrom">FCC lattice constant a (Å); null = tabulated. Bonds are a/√2.</param>
public sealed record ClusterSpec(ClusterShape Shape, string Element, int Shells, double? LatticeConstantAngstrom = null)
{
    /// <summary>Largest shell count accepted (about 20 nm).</summary>
    public const int MaxShells = 40;

    /// <summary>The atoms, centred on their centroid (Å).</summary>
    public Atom[] Build()
    {
        if (Shells is < 1 or > MaxShells) throw new ArgumentException($"cluster size must be 1..{MaxShells} shells, got {Shells}");
        int z = Elements.AtomicNumber(Element);
        double a = LatticeConstantAngstrom ?? Elements.FccLatticeAngstrom(Element)
            ?? throw new ArgumentException($"no tabulated FCC lattice constant for '{Element}': give the lattice constant");
        double bond = a / Math.Sqrt(2);
        var atoms = Shape switch
        {
            ClusterShape.Icosahedron => Clusters.Icosahedron(z, Shells, bond),
            ClusterShape.Octahedron => Clusters.Octahedron(z, Shells + 1, 0, bond),
            ClusterShape.Decahedron => Clusters.Decahedron(z, Shells + 1, 1, 0, bond),
            ClusterShape.Cuboctahedron => Clusters.Octahedron(z, 2 * Shells + 1, Shells, bond),
            _ => throw new ArgumentException($"unknown cluster shape {Shape}"),
        };
        double cx = atoms.Average(t => t.XAngstrom), cy = atoms.Average(t => t.YAngstrom), cz = atoms.Average(t => t.ZAngstrom);
        return [.. atoms.Select(t => t.Translated(-cx, -cy, -cz))];
    }

    /// <summary>The spec of this shape and element whose diameter (largest distance between two atom centres) is closest
    /// to <paramref name="diameterNanometres"/>.</summary>
    public static ClusterSpec ForDiameter(ClusterShape shape, string element, double diameterNanometres, double? latticeConstantAngstrom = null)
    {
        if (!(diameterNanometres is > 0 and <= 20)) throw new ArgumentException($"cluster diameter must be in (0, 20] nm, got {diameterNanometres}");
        double target = diameterNanometres * 10, bestError = double.PositiveInfinity;
        var best = new ClusterSpec(shape, element, 1, latticeConstantAngstrom);
        for (int s = 1; s <= MaxShells; s++)
        {
            var spec = new ClusterSpec(shape, element, s, latticeConstantAngstrom);
            double d = 2 * spec.Build().Max(t => Math.Sqrt(t.XAngstrom * t.XAngstrom + t.YAngstrom * t.YAngstrom + t.ZAngstrom * t.ZAngstrom));
            if (Math.Abs(d - target) < bestError) { bestError = Math.Abs(d - target); best = spec; }
            if (d > target) break;
        }
        return best;
    }

    /// <summary>The shape named <paramref name="name"/> (case-insensitive).</summary>
    public static ClusterShape ParseShape(string name) => name.ToLowerInvariant() switch
    {
        "icosahedron" or "ico" => ClusterShape.Icosahedron,
        "octahedron" or "oct" => ClusterShape.Octahedron,
        "decahedron" or "dec" => ClusterShape.Decahedron,
        "cuboctahedron" or "cuboct" => ClusterShape.Cuboctahedron,
        _ => throw new ArgumentException($"cluster shape '{name}': expected icosahedron, octahedron, decahedron or cuboctahedron"),
    };
}
