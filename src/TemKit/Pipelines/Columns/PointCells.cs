namespace TemKit.Pipelines.Columns;

/// <summary>
/// Points (Å) hashed into square cells of a search radius, so the points within that radius of any position are found
/// among the 3×3 cells around it: a neighbour query costs O(1) on average instead of a pass over every point.
/// </summary>
internal sealed class PointCells
{
    private readonly Dictionary<(long, long), List<int>> _cells = [];
    private readonly IReadOnlyList<(double X, double Y)> _points;
    private readonly double _radius;

    /// <summary>Hashes <paramref name="points"/> for queries within <paramref name="radiusAngstrom"/> (&gt; 0).</summary>
    public PointCells(IReadOnlyList<(double X, double Y)> points, double radiusAngstrom)
    {
        if (!(radiusAngstrom > 0)) throw new ArgumentException($"search radius must be > 0 Å, got {radiusAngstrom}");
        _points = points;
        _radius = radiusAngstrom;
        for (int i = 0; i < points.Count; i++)
        {
            var key = Cell(points[i].X, points[i].Y);
            if (!_cells.TryGetValue(key, out var list)) _cells[key] = list = [];
            list.Add(i);
        }
    }

    /// <summary>Indices and squared distances (Å²) of the points within the radius of (<paramref name="x"/>, <paramref name="y"/>),
    /// in cell order.</summary>
    public IEnumerable<(int Index, double Distance2)> Within(double x, double y)
    {
        var (cx, cy) = Cell(x, y);
        double r2 = _radius * _radius;
        for (long dy = -1; dy <= 1; dy++)
            for (long dx = -1; dx <= 1; dx++)
            {
                if (!_cells.TryGetValue((cx + dx, cy + dy), out var list)) continue;
                foreach (int i in list)
                {
                    double ex = _points[i].X - x, ey = _points[i].Y - y, e2 = ex * ex + ey * ey;
                    if (e2 <= r2) yield return (i, e2);
                }
            }
    }

    /// <summary>Whether any point lies within the radius of (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public bool AnyWithin(double x, double y)
    {
        foreach (var _ in Within(x, y)) return true;
        return false;
    }

    private (long, long) Cell(double x, double y) => ((long)Math.Floor(x / _radius), (long)Math.Floor(y / _radius));
}
