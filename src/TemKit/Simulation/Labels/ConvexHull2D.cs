namespace TemKit.Simulation.Labels;

/// <summary>Convex hull of points in the plane (Andrew's monotone chain, O(n log n)).</summary>
public static class ConvexHull2D
{
    /// <summary>The hull's vertices in counter-clockwise order without collinear points; fewer than 3 for degenerate input.</summary>
    public static (double X, double Y)[] Compute(IEnumerable<(double X, double Y)> points)
    {
        var p = points.Distinct().OrderBy(q => q.X).ThenBy(q => q.Y).ToArray();
        if (p.Length < 3) return p;
        var hull = new (double X, double Y)[2 * p.Length];
        int k = 0;
        for (int i = 0; i < p.Length; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        for (int i = p.Length - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        return hull[..(k - 1)];
    }

    /// <summary>(b − a) × (c − a): positive when a → b → c turns counter-clockwise.</summary>
    public static double Cross((double X, double Y) a, (double X, double Y) b, (double X, double Y) c) =>
        (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
}
