using TemKit.Imaging;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Labels;

/// <summary>
/// The segmentation label of the seed paper (section 2): the convex hull of the particle's atoms projected along the
/// beam, rasterised on the image grid (support atoms excluded). Pixel (i, j) is 1 when its sample point (i·px, j·px) Å,
/// the same point the potential is sampled at, lies inside or on the hull.
/// </summary>
public static class ParticleMask
{
    /// <summary>A 0/1 float mask of <paramref name="nx"/> x <paramref name="ny"/> pixels of <paramref name="pixelSizeAngstrom"/> Å.</summary>
    public static Image2D Rasterise(IReadOnlyList<Atom> particle, int nx, int ny, double pixelSizeAngstrom)
    {
        var mask = new Image2D(nx, ny, new VoxelSize(pixelSizeAngstrom, pixelSizeAngstrom, 0));
        var hull = ConvexHull2D.Compute(particle.Select(a => (a.XAngstrom / pixelSizeAngstrom, a.YAngstrom / pixelSizeAngstrom)));
        if (hull.Length < 3) return mask;
        double yMin = hull.Min(h => h.Y), yMax = hull.Max(h => h.Y);
        var pixels = mask.Pixels;
        const double eps = 1e-9;
        for (int j = Math.Max(0, (int)Math.Ceiling(yMin - eps)); j <= Math.Min(ny - 1, (int)Math.Floor(yMax + eps)); j++)
        {
            // Intersect the row with every hull edge; a convex polygon gives one [xLo, xHi] interval.
            double xLo = double.PositiveInfinity, xHi = double.NegativeInfinity;
            for (int e = 0; e < hull.Length; e++)
            {
                var a = hull[e];
                var b = hull[(e + 1) % hull.Length];
                double lo = Math.Min(a.Y, b.Y), hi = Math.Max(a.Y, b.Y);
                if (j < lo - eps || j > hi + eps) continue;
                if (Math.Abs(b.Y - a.Y) < eps)
                {
                    xLo = Math.Min(xLo, Math.Min(a.X, b.X));
                    xHi = Math.Max(xHi, Math.Max(a.X, b.X));
                    continue;
                }
                double x = a.X + (j - a.Y) * (b.X - a.X) / (b.Y - a.Y);
                xLo = Math.Min(xLo, x);
                xHi = Math.Max(xHi, x);
            }
            if (xLo > xHi) continue;
            int i0 = Math.Max(0, (int)Math.Ceiling(xLo - eps)), i1 = Math.Min(nx - 1, (int)Math.Floor(xHi + eps));
            for (int i = i0; i <= i1; i++) pixels[j * nx + i] = 1f;
        }
        return mask;
    }
}
