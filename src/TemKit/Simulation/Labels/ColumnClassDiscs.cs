using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Labels;

/// <summary>Class maps of MX₂ columns: every pixel within a radius of a column takes the column's class index
/// (<see cref="ColumnKind"/>), all others background 0; discs wrap periodically like the simulation cell.</summary>
public static class ColumnClassDiscs
{
    /// <summary>
    /// Rasterises <paramref name="columns"/> as discs of <paramref name="radiusAngstrom"/> on an
    /// <paramref name="width"/> x <paramref name="height"/> grid of <paramref name="pixelSizeAngstrom"/> (pixel (i, j) at
    /// (i·px, j·px) Å, the simulation grid's convention). Where discs overlap the nearer column wins.
    /// </summary>
    public static float[] Rasterise(IReadOnlyList<Mx2Column> columns, int width, int height, double pixelSizeAngstrom, double radiusAngstrom)
    {
        if (!(pixelSizeAngstrom > 0) || !(radiusAngstrom > 0)) throw new ArgumentException("pixel size and label radius must be > 0 Å");
        var labels = new float[width * height];
        var nearest = new float[width * height];
        Array.Fill(nearest, float.PositiveInfinity);
        double r = radiusAngstrom / pixelSizeAngstrom;
        int reach = (int)Math.Ceiling(r);
        foreach (var c in columns)
        {
            if (c.Kind == ColumnKind.Background) continue;
            double cx = c.XAngstrom / pixelSizeAngstrom, cy = c.YAngstrom / pixelSizeAngstrom;
            int i0 = (int)Math.Floor(cx), j0 = (int)Math.Floor(cy);
            for (int j = j0 - reach; j <= j0 + reach + 1; j++)
                for (int i = i0 - reach; i <= i0 + reach + 1; i++)
                {
                    double d2 = (i - cx) * (i - cx) + (j - cy) * (j - cy);
                    if (d2 > r * r) continue;
                    int p = ((j % height + height) % height) * width + (i % width + width) % width;
                    if (d2 >= nearest[p]) continue;
                    nearest[p] = (float)d2;
                    labels[p] = (float)c.Kind;
                }
        }
        return labels;
    }
}
