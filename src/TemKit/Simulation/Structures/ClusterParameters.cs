namespace TemKit.Simulation.Structures;

/// <summary>One closed-shell cluster of an FCC metal (<see cref="Clusters.Build"/>).</summary>
/// <param name="Shape">Icosahedron, decahedron, octahedron or cuboctahedron.</param>
/// <param name="Element">Element symbol.</param>
/// <param name="LatticeConstantAngstrom">FCC lattice constant a (Å), which sets the bond a/√2; null: tabulated.</param>
/// <param name="Shells">Icosahedron: shells around the centre; octahedron: atoms per edge − 1; cuboctahedron: shells.</param>
/// <param name="P">Decahedron: atoms along each edge of the pentagonal cross-section.</param>
/// <param name="Q">Decahedron: atoms along the (100) faces parallel to the axis (1 = regular).</param>
/// <param name="R">Decahedron: Marks re-entrance depth (0 = Ino).</param>
/// <param name="Cut">Octahedron: layers removed at each vertex.</param>
/// <param name="MarginAngstrom">Empty space around the cluster in its cell (Å) on every side.</param>
public sealed record ClusterParameters(
    ClusterShape Shape, string Element = "Au", double? LatticeConstantAngstrom = null,
    int Shells = 2, int P = 3, int Q = 1, int R = 0, int Cut = 0, double MarginAngstrom = 5);
