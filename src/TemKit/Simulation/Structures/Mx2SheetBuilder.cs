namespace TemKit.Simulation.Structures;

/// <summary>
/// Builds a 2H MX₂ monolayer (with optional graphene support) that fills a periodic cell: metal atoms on a hexagonal
/// lattice a₁ = (a, 0), a₂ = (a/2, a√3/2); both chalcogens of a column above and below the triangle centre (a₁ + a₂)/3,
/// ±t/2 from the metal plane. A rotated lattice is not commensurate with the cell, so the cell edges form a seam:
/// sites closer than 3/4 of the column spacing to a kept site across the periodic boundary are dropped.
/// </summary>
public static class Mx2SheetBuilder
{
    /// <summary>
    /// Builds the sheet in a cell of <paramref name="cellXAngstrom"/> x <paramref name="cellYAngstrom"/> Å; the upper
    /// chalcogen plane lies at z = <paramref name="entranceMarginAngstrom"/>. Random draws in a fixed order: rotation,
    /// shift, defects, graphene rotation and shift.
    /// </summary>
    public static Mx2Sheet Build(Mx2Parameters parameters, double cellXAngstrom, double cellYAngstrom, Random rng, double entranceMarginAngstrom = 1.0)
    {
        parameters.Validate();
        if (!(cellXAngstrom >= 5 && cellYAngstrom >= 5)) throw new ArgumentException($"cell {cellXAngstrom:F1} x {cellYAngstrom:F1} Å is too small for a monolayer (≥ 5 Å per side)");
        var compound = parameters.ResolvedCompound;
        double a = compound.LatticeConstantAngstrom, t = compound.ChalcogenSeparationAngstrom;
        double rotation = parameters.RotationDegrees ?? 360 * rng.NextDouble();
        double u = parameters.RandomShift ? rng.NextDouble() : 0, v = parameters.RandomShift ? rng.NextDouble() : 0;

        var metalSites = LatticeSites(a, (0, 0), rotation, u, v, cellXAngstrom, cellYAngstrom);
        var chalcogenSites = LatticeSites(a, (1.0 / 3, 1.0 / 3), rotation, u, v, cellXAngstrom, cellYAngstrom);
        var kept = new PeriodicSites(cellXAngstrom, cellYAngstrom, 0.75 * compound.ColumnSpacingAngstrom);
        metalSites = kept.AddAll(metalSites);
        chalcogenSites = kept.AddAll(chalcogenSites);

        var metalKind = new ColumnKind[metalSites.Count];
        Array.Fill(metalKind, ColumnKind.Metal);
        int metalVacancies = (int)Math.Round(parameters.MetalVacancyFraction * metalSites.Count);
        var metalOrder = Shuffled(metalSites.Count, rng);
        for (int i = 0; i < metalVacancies; i++) metalKind[metalOrder[i]] = ColumnKind.Background;

        var chalcogenKind = new ColumnKind[chalcogenSites.Count];
        Array.Fill(chalcogenKind, ColumnKind.ChalcogenPair);
        int singles = (int)Math.Round(parameters.SingleVacancyFraction * chalcogenSites.Count);
        int doubles = Math.Min(chalcogenSites.Count - singles, (int)Math.Round(parameters.DoubleVacancyFraction * chalcogenSites.Count));
        var order = Shuffled(chalcogenSites.Count, rng);
        for (int i = 0; i < singles; i++) chalcogenKind[order[i]] = ColumnKind.SingleChalcogen;
        for (int i = singles; i < singles + doubles; i++) chalcogenKind[order[i]] = ColumnKind.Background;

        int zm = Elements.AtomicNumber(compound.Metal), zx = Elements.AtomicNumber(compound.Chalcogen);
        double zTop = entranceMarginAngstrom, zMetal = zTop + t / 2, zBottom = zTop + t;
        var atoms = new List<Atom>();
        var columns = new List<Mx2Column>();
        for (int i = 0; i < metalSites.Count; i++)
        {
            if (metalKind[i] != ColumnKind.Metal) continue;
            var (x, y) = metalSites[i];
            atoms.Add(new Atom(zm, x, y, zMetal));
            columns.Add(new Mx2Column(ColumnKind.Metal, x, y));
        }
        for (int i = 0; i < chalcogenSites.Count; i++)
        {
            var (x, y) = chalcogenSites[i];
            switch (chalcogenKind[i])
            {
                case ColumnKind.ChalcogenPair:
                    atoms.Add(new Atom(zx, x, y, zTop));
                    atoms.Add(new Atom(zx, x, y, zBottom));
                    break;
                case ColumnKind.SingleChalcogen:
                    atoms.Add(new Atom(zx, x, y, rng.Next(2) == 0 ? zTop : zBottom));
                    break;
                default:
                    continue;
            }
            columns.Add(new Mx2Column(chalcogenKind[i], x, y));
        }

        var graphene = parameters.Graphene ? GrapheneLayer(cellXAngstrom, cellYAngstrom, zBottom + parameters.GrapheneGapAngstrom, rng) : [];
        var geometry = new Mx2Geometry(compound.Formula, rotation, u, v, metalSites.Count, chalcogenSites.Count, singles, doubles, metalVacancies, graphene.Length);
        return new Mx2Sheet(new Specimen([.. atoms], graphene, cellXAngstrom, cellYAngstrom), [.. columns], geometry);
    }

    /// <summary>A graphene sheet (a = 2.46 Å) at height <paramref name="zAngstrom"/> with a random rotation and shift, filling the cell.</summary>
    public static Atom[] GrapheneLayer(double cellXAngstrom, double cellYAngstrom, double zAngstrom, Random rng)
    {
        const double a = Mx2Parameters.GrapheneLatticeAngstrom;
        double rotation = 360 * rng.NextDouble(), u = rng.NextDouble(), v = rng.NextDouble();
        var kept = new PeriodicSites(cellXAngstrom, cellYAngstrom, 0.75 * a / Math.Sqrt(3));
        var sites = kept.AddAll(LatticeSites(a, (0, 0), rotation, u, v, cellXAngstrom, cellYAngstrom));
        sites.AddRange(kept.AddAll(LatticeSites(a, (1.0 / 3, 1.0 / 3), rotation, u, v, cellXAngstrom, cellYAngstrom)));
        return [.. sites.Select(s => new Atom(6, s.X, s.Y, zAngstrom))];
    }

    // Sites (i + u + bu) a₁ + (j + v + bv) a₂, rotated, that fall inside [0, Lx) x [0, Ly) (wrapped into it).
    private static List<(double X, double Y)> LatticeSites(double a, (double U, double V) basis, double rotationDegrees, double u, double v, double lx, double ly)
    {
        double th = rotationDegrees * Math.PI / 180, c = Math.Cos(th), s = Math.Sin(th);
        double a1x = a * c, a1y = a * s;
        double a2x = a * (0.5 * c - Math.Sqrt(3) / 2 * s), a2y = a * (0.5 * s + Math.Sqrt(3) / 2 * c);
        // Fractional coordinates of the cell corners bound the index range.
        double det = a1x * a2y - a1y * a2x;
        double iMin = double.PositiveInfinity, iMax = double.NegativeInfinity, jMin = double.PositiveInfinity, jMax = double.NegativeInfinity;
        foreach (var (x, y) in new[] { (0.0, 0.0), (lx, 0.0), (0.0, ly), (lx, ly) })
        {
            double fi = (x * a2y - y * a2x) / det, fj = (a1x * y - a1y * x) / det;
            iMin = Math.Min(iMin, fi); iMax = Math.Max(iMax, fi);
            jMin = Math.Min(jMin, fj); jMax = Math.Max(jMax, fj);
        }
        var sites = new List<(double, double)>();
        for (int j = (int)Math.Floor(jMin) - 2; j <= (int)Math.Ceiling(jMax) + 1; j++)
            for (int i = (int)Math.Floor(iMin) - 2; i <= (int)Math.Ceiling(iMax) + 1; i++)
            {
                double fi = i + u + basis.U, fj = j + v + basis.V;
                double x = fi * a1x + fj * a2x, y = fi * a1y + fj * a2y;
                // A small tolerance keeps sites that rounding put just outside an edge; wrapped, their periodic
                // duplicates are then refused by PeriodicSites.
                if (x >= -Tolerance && x < lx + Tolerance && y >= -Tolerance && y < ly + Tolerance)
                    sites.Add((Wrap(x, lx), Wrap(y, ly)));
            }
        return sites;
    }

    private const double Tolerance = 1e-6;

    private static double Wrap(double x, double l)
    {
        double w = x - l * Math.Floor(x / l);
        return w >= l ? 0 : w;
    }

    private static int[] Shuffled(int n, Random rng)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        rng.Shuffle(order);
        return order;
    }

    // Sites kept so far, hashed in bins of the minimum distance; a new site closer than that (periodic distance) to a
    // kept one is refused.
    private sealed class PeriodicSites(double lx, double ly, double minDistance)
    {
        private readonly Dictionary<(int, int), List<(double X, double Y)>> _bins = [];
        private readonly int _nx = Math.Max(1, (int)(lx / minDistance)), _ny = Math.Max(1, (int)(ly / minDistance));

        public List<(double X, double Y)> AddAll(List<(double X, double Y)> sites)
        {
            var accepted = new List<(double, double)>(sites.Count);
            foreach (var s in sites)
                if (TryAdd(s)) accepted.Add(s);
            return accepted;
        }

        private bool TryAdd((double X, double Y) p)
        {
            int bx = Math.Min(_nx - 1, (int)(p.X / lx * _nx)), by = Math.Min(_ny - 1, (int)(p.Y / ly * _ny));
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    var key = (((bx + dx) % _nx + _nx) % _nx, ((by + dy) % _ny + _ny) % _ny);
                    if (!_bins.TryGetValue(key, out var list)) continue;
                    foreach (var q in list)
                    {
                        double ddx = Math.Abs(p.X - q.X), ddy = Math.Abs(p.Y - q.Y);
                        ddx = Math.Min(ddx, lx - ddx);
                        ddy = Math.Min(ddy, ly - ddy);
                        if (ddx * ddx + ddy * ddy < minDistance * minDistance) return false;
                    }
                }
            var own = (bx, by);
            if (!_bins.TryGetValue(own, out var bin)) _bins[own] = bin = [];
            bin.Add(p);
            return true;
        }
    }
}
