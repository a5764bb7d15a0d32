namespace TemKit.Simulation.Structures;

/// <summary>Closed-shell cluster shapes (see <see cref="Clusters"/>).</summary>
public enum ClusterShape
{
    /// <summary>Mackay icosahedron.</summary>
    Icosahedron,

    /// <summary>Regular FCC octahedron.</summary>
    Octahedron,

    /// <summary>Ino decahedron (regular pentagonal bipyramid of five twinned FCC sectors).</summary>
    Decahedron,

    /// <summary>FCC cuboctahedron (the octahedron truncated to its (100) squares meeting at the edge midpoints).</summary>
    Cuboctahedron,
}
