using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Labels;

/// <summary>
/// Groups atoms into columns along the beam (z) as Madsen et al., Adv. Theory Simul. 1, 1800037 (2018) do: single-linkage
/// clustering of the projected (x, y) positions, cut at a distance, so two atoms closer than the distance in projection
/// share a column, and so does every chain of such atoms.
/// </summary>
public static class ColumnGrouping
{
    /// <summary>The columns of <paramref name="atoms"/>, ordered by y then x of their mean position.</summary>
    /// <param name="atoms">The atoms (z is ignored).</param>
    /// <param name="distanceAngstrom">Linkage distance in projection (Å, &gt; 0); Madsen et al. use 1 Å.</param>
    public static AtomicColumn[] Group(IReadOnlyList<Atom> atoms, double distanceAngstrom) =>
        [.. Members(atoms, distanceAngstrom).Select(m => Column(atoms, m))];

    /// <summary>The indices into <paramref name="atoms"/> of every column's atoms, in the order of <see cref="Group"/>.</summary>
    /// <param name="atoms">The atoms (z is ignored).</param>
    /// <param name="distanceAngstrom">Linkage distance in projection (Å, &gt; 0).</param>
    public static int[][] Members(IReadOnlyList<Atom> atoms, double distanceAngstrom)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        if (!(distanceAngstrom > 0) || !double.IsFinite(distanceAngstrom))
            throw new ArgumentException($"column grouping distance must be > 0 Å, got {distanceAngstrom}");
        int n = atoms.Count;
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        // Hash atoms into cells of the linkage distance: linked atoms lie in the same or a neighbouring cell.
        var cells = new Dictionary<(long, long), List<int>>();
        for (int i = 0; i < n; i++)
        {
            var key = Cell(atoms[i], distanceAngstrom);
            if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
            list.Add(i);
        }
        double d2 = distanceAngstrom * distanceAngstrom;
        for (int i = 0; i < n; i++)
        {
            var (cx, cy) = Cell(atoms[i], distanceAngstrom);
            for (long dy = -1; dy <= 1; dy++)
                for (long dx = -1; dx <= 1; dx++)
                {
                    if (!cells.TryGetValue((cx + dx, cy + dy), out var list)) continue;
                    foreach (int j in list)
                    {
                        if (j <= i) continue;
                        double ex = atoms[i].XAngstrom - atoms[j].XAngstrom, ey = atoms[i].YAngstrom - atoms[j].YAngstrom;
                        if (ex * ex + ey * ey <= d2) Union(parent, i, j);
                    }
                }
        }
        var members = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            int root = Find(parent, i);
            if (!members.TryGetValue(root, out var list)) members[root] = list = [];
            list.Add(i);
        }
        return [.. members.Values.Select(m => (Members: m.ToArray(), Column: Column(atoms, m)))
            .OrderBy(c => c.Column.YAngstrom).ThenBy(c => c.Column.XAngstrom).Select(c => c.Members)];
    }

    private static AtomicColumn Column(IReadOnlyList<Atom> atoms, IReadOnlyList<int> members)
    {
        double x = 0, y = 0;
        foreach (int i in members) { x += atoms[i].XAngstrom; y += atoms[i].YAngstrom; }
        int z = members.GroupBy(i => atoms[i].AtomicNumber).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        return new AtomicColumn(x / members.Count, y / members.Count, members.Count, Elements.Symbol(z));
    }

    private static (long, long) Cell(Atom a, double size) => ((long)Math.Floor(a.XAngstrom / size), (long)Math.Floor(a.YAngstrom / size));

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
