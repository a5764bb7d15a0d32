namespace TemKit.Simulation.Structures;

/// <summary>
/// Closed-shell metal clusters centred on the origin, with nearest-neighbour distance
/// <c>nearestNeighbourAngstrom</c> (a/√2 for an FCC metal of lattice constant a).
/// </summary>
public static class Clusters
{
    /// <summary>
    /// The cluster <paramref name="p"/> in a cell with <see cref="ClusterParameters.MarginAngstrom"/> of empty space on
    /// every side (the atoms moved to start at the margin), and the cell's height (Å) for an XYZ file. Throws
    /// <see cref="ArgumentException"/> for an unknown element or one without a tabulated lattice constant.
    /// </summary>
    public static (Specimen Specimen, double HeightAngstrom) Build(ClusterParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        int z = Elements.AtomicNumber(p.Element);
        double a = p.LatticeConstantAngstrom ?? Elements.FccLatticeAngstrom(p.Element)
            ?? throw new ArgumentException($"no tabulated FCC lattice constant for '{p.Element}': give --lattice-constant-angstrom");
        double bond = a / Math.Sqrt(2); // FCC nearest-neighbour distance
        var atoms = p.Shape switch
        {
            ClusterShape.Icosahedron => Icosahedron(z, p.Shells, bond),
            ClusterShape.Decahedron => Decahedron(z, p.P, p.Q, p.R, bond),
            ClusterShape.Octahedron => Octahedron(z, p.Shells + 1, p.Cut, bond),
            ClusterShape.Cuboctahedron => Octahedron(z, 2 * p.Shells + 1, p.Shells, bond),
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.Shape, "unknown cluster shape"),
        };
        double margin = p.MarginAngstrom;
        double x0 = atoms.Min(t => t.XAngstrom), y0 = atoms.Min(t => t.YAngstrom), z0 = atoms.Min(t => t.ZAngstrom);
        var moved = atoms.Select(t => t.Translated(margin - x0, margin - y0, margin - z0)).ToArray();
        var specimen = new Specimen(moved, [], moved.Max(t => t.XAngstrom) + margin, moved.Max(t => t.YAngstrom) + margin);
        return (specimen, moved.Max(t => t.ZAngstrom) + margin);
    }

    /// <summary>
    /// Mackay icosahedron of <paramref name="shells"/> shells around a central atom: 1 + Σ (10 s² + 2) atoms
    /// = 13, 55, 147, 309, 561 for 1..5 shells. Shell s has its vertices at radius s·d (d = nearest-neighbour distance;
    /// the shell's surface bonds are then 5 % longer, as in the Mackay structure).
    /// </summary>
    public static Atom[] Icosahedron(int atomicNumber, int shells, double nearestNeighbourAngstrom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shells);
        var vertices = IcosahedronVertices();
        var faces = IcosahedronFaces(vertices);
        var set = new PointSet(nearestNeighbourAngstrom);
        set.Add(0, 0, 0);
        for (int s = 1; s <= shells; s++)
        {
            double r = s * nearestNeighbourAngstrom;
            foreach (var (a, b, c) in faces)
            {
                var (ax, ay, az) = vertices[a];
                var (bx, by, bz) = vertices[b];
                var (cx, cy, cz) = vertices[c];
                for (int i = 0; i <= s; i++)
                    for (int j = 0; i + j <= s; j++)
                    {
                        double u = (double)i / s, v = (double)j / s;
                        set.Add(r * (ax + u * (bx - ax) + v * (cx - ax)), r * (ay + u * (by - ay) + v * (cy - ay)), r * (az + u * (bz - az) + v * (cz - az)));
                    }
            }
        }
        return set.ToAtoms(atomicNumber);
    }

    /// <summary>
    /// Ino/Marks decahedron with its fivefold axis along z: five twinned FCC sectors. <paramref name="p"/> atoms along each
    /// edge of the pentagonal cross-section, <paramref name="q"/> atoms along the (100) faces parallel to the axis (Ino
    /// elongation; q = 1 is the regular pentagonal bipyramid with (5p³ + p)/6 atoms: 7, 23, 54, 105), and Marks re-entrant
    /// (111) notches <paramref name="r"/> rows deep at the five twin-boundary corners (r = 0: none).
    /// </summary>
    public static Atom[] Decahedron(int atomicNumber, int p, int q, int r, double nearestNeighbourAngstrom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(r);
        if (r > 0 && 2 * r > p - 1) throw new ArgumentOutOfRangeException(nameof(r), r, $"Marks notch depth r must be ≤ (p−1)/2 = {(p - 1) / 2}");
        double d = nearestNeighbourAngstrom;
        // In-plane step: the distance between neighbouring columns along a sector edge, chosen so that the atoms on the
        // outer (100) edge are exactly d apart (the radial bonds are then 1.3 % short: the decahedron's intrinsic strain).
        double rho = d / (2 * Math.Sin(Math.PI / 5));
        double capHalf = 0.5 * d * (p - 1 + q - 1);   // half-height of the axial column (Å)
        var atoms = new List<Atom>();
        AddColumn(atoms, atomicNumber, 0, 0, capHalf, d);
        for (int k = 0; k < 5; k++)
        {
            double t0 = 2 * Math.PI * k / 5, t1 = 2 * Math.PI * (k + 1) / 5;
            double ux = rho * Math.Cos(t0), uy = rho * Math.Sin(t0), vx = rho * Math.Cos(t1), vy = rho * Math.Sin(t1);
            // j ≥ 1, l ≥ 0: each twin boundary (l = 0) belongs to one sector only.
            for (int j = 1; j <= p - 1; j++)
                for (int l = 0; j + l <= p - 1; l++)
                {
                    if (r > 0 && (j > p - 1 - r || (l > p - 1 - r))) continue;
                    double half = capHalf - 0.5 * d * (j + l);
                    AddColumn(atoms, atomicNumber, j * ux + l * vx, j * uy + l * vy, half, d);
                }
        }
        return [.. atoms];
    }

    // Atoms of one column along the axis: z = h − n d for n = 0.. while z ≥ −h. The half-height h drops by d/2 per
    // in-plane step, which gives each sector its ABAB stacking along [110].
    private static void AddColumn(List<Atom> atoms, int atomicNumber, double x, double y, double halfHeight, double d)
    {
        if (halfHeight < -1e-9) return;
        for (double z = halfHeight; z >= -halfHeight - 1e-9; z -= d) atoms.Add(new Atom(atomicNumber, x, y, z));
    }

    /// <summary>
    /// FCC octahedron with <paramref name="atomsPerEdge"/> atoms on each edge (m(2m² + 1)/3 atoms: 1, 6, 19, 44, 85, 146),
    /// truncated by (100) faces that remove <paramref name="cutLayers"/> layers at each of the six vertices
    /// (truncated octahedra 38 = (4, 1), 79 = (5, 1), 201 = (7, 2)). The cube axes are x, y, z.
    /// </summary>
    public static Atom[] Octahedron(int atomicNumber, int atomsPerEdge, int cutLayers, double nearestNeighbourAngstrom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atomsPerEdge, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(cutLayers);
        if (2 * cutLayers >= atomsPerEdge) throw new ArgumentOutOfRangeException(nameof(cutLayers), cutLayers, "cut layers must be below half the atoms per edge");
        // Sites in units of a/2 with |i|+|j|+|k| ≤ m−1: the vertex (m−1, 0, 0) is a lattice site when the parity of
        // i+j+k equals that of m−1 (odd m: centred on an atom; even m: centred on an octahedral hole).
        int n = atomsPerEdge - 1;
        int parity = n & 1;
        int limit = n - cutLayers;
        double half = nearestNeighbourAngstrom / Math.Sqrt(2);
        var atoms = new List<Atom>();
        for (int i = -n; i <= n; i++)
            for (int j = -n; j <= n; j++)
                for (int k = -n; k <= n; k++)
                {
                    if (((i + j + k) & 1) != parity) continue;
                    if (Math.Abs(i) + Math.Abs(j) + Math.Abs(k) > n) continue;
                    if (Math.Abs(i) > limit || Math.Abs(j) > limit || Math.Abs(k) > limit) continue;
                    atoms.Add(new Atom(atomicNumber, i * half, j * half, k * half));
                }
        return [.. atoms];
    }

    private static (double X, double Y, double Z)[] IcosahedronVertices()
    {
        double t = (1 + Math.Sqrt(5)) / 2, norm = Math.Sqrt(1 + t * t);
        var v = new List<(double, double, double)>();
        foreach (double s1 in new[] { -1.0, 1.0 })
            foreach (double s2 in new[] { -1.0, 1.0 })
            {
                v.Add((0, s1 / norm, s2 * t / norm));
                v.Add((s1 / norm, s2 * t / norm, 0));
                v.Add((s2 * t / norm, 0, s1 / norm));
            }
        return [.. v];
    }

    // The 20 faces: vertex triples that are mutually nearest neighbours (edge length 2/norm on the unit sphere).
    private static List<(int, int, int)> IcosahedronFaces((double X, double Y, double Z)[] v)
    {
        double edge2 = double.PositiveInfinity;
        for (int i = 1; i < v.Length; i++) edge2 = Math.Min(edge2, Dist2(v[0], v[i]));
        bool Adjacent(int a, int b) => Math.Abs(Dist2(v[a], v[b]) - edge2) < 1e-9;
        var faces = new List<(int, int, int)>();
        for (int a = 0; a < v.Length; a++)
            for (int b = a + 1; b < v.Length; b++)
                for (int c = b + 1; c < v.Length; c++)
                    if (Adjacent(a, b) && Adjacent(b, c) && Adjacent(a, c)) faces.Add((a, b, c));
        return faces;
    }

    private static double Dist2((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z);

    /// <summary>Collects points, dropping duplicates (shared edges and vertices) closer than 1e-6 bond lengths.</summary>
    private sealed class PointSet(double bond)
    {
        private readonly Dictionary<(long, long, long), List<(double X, double Y, double Z)>> _cells = [];
        private readonly List<(double X, double Y, double Z)> _points = [];
        private readonly double _cell = bond * 0.1;

        public void Add(double x, double y, double z)
        {
            long cx = (long)Math.Floor(x / _cell), cy = (long)Math.Floor(y / _cell), cz = (long)Math.Floor(z / _cell);
            double tol2 = 1e-12 * bond * bond;
            for (long i = cx - 1; i <= cx + 1; i++)
                for (long j = cy - 1; j <= cy + 1; j++)
                    for (long k = cz - 1; k <= cz + 1; k++)
                        if (_cells.TryGetValue((i, j, k), out var list))
                            foreach (var q in list)
                                if (Dist2(q, (x, y, z)) < tol2) return;
            if (!_cells.TryGetValue((cx, cy, cz), out var own)) _cells[(cx, cy, cz)] = own = [];
            own.Add((x, y, z));
            _points.Add((x, y, z));
        }

        public Atom[] ToAtoms(int atomicNumber) => [.. _points.Select(p => new Atom(atomicNumber, p.X, p.Y, p.Z))];
    }
}
