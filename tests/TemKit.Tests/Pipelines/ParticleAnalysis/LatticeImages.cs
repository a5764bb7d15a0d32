using TemKit.Imaging;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>Synthetic test images with a known lattice: plane waves, and projected FCC crystals along a zone axis.</summary>
internal static class LatticeImages
{
    /// <summary>A disc of radius <paramref name="radiusPx"/> at the centre of a size x size image.</summary>
    public static float[] Disc(int size, double radiusPx, double cx = double.NaN, double cy = double.NaN)
    {
        if (double.IsNaN(cx)) cx = (size - 1) / 2.0;
        if (double.IsNaN(cy)) cy = (size - 1) / 2.0;
        var mask = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                mask[y * size + x] = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radiusPx * radiusPx ? 1 : 0;
        return mask;
    }

    /// <summary>100 + Σ A cos(2π g·r) inside the whole image plus Gaussian noise of <paramref name="noise"/>; each wave
    /// given by spacing (Å), direction (degrees from +x towards +y) and amplitude.</summary>
    public static Image2D Waves(int size, double pixelSizeAngstrom, (double SpacingAngstrom, double DirectionDegrees, double Amplitude)[] waves, double noise, int seed)
    {
        var rng = new Random(seed);
        var image = new Image2D(size, size, VoxelSize.Isotropic(pixelSizeAngstrom));
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double v = 100;
                foreach (var (d, dir, a) in waves)
                {
                    double t = dir * Math.PI / 180;
                    v += a * Math.Cos(2 * Math.PI * (x * Math.Cos(t) + y * Math.Sin(t)) * pixelSizeAngstrom / d + 0.3);
                }
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                v += noise * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                image[x, y] = (float)v;
            }
        return image;
    }

    /// <summary>
    /// Projection of an FCC sphere (lattice constant a, radius in Å) viewed along zone [u v w], turned by
    /// <paramref name="rotationDegrees"/> in the image: each atom a Gaussian of σ = 0.3 Å.
    /// </summary>
    public static Image2D Fcc(int size, double pixelSizeAngstrom, double a, double radiusAngstrom, (int U, int V, int W) zone, double rotationDegrees)
    {
        // Orthonormal frame: e3 along the zone, e1 ⟂ e3, e2 = e3 × e1.
        double zn = Math.Sqrt(zone.U * zone.U + zone.V * zone.V + zone.W * zone.W);
        var e3 = (X: zone.U / zn, Y: zone.V / zn, Z: zone.W / zn);
        var t = Math.Abs(e3.X) < 0.9 ? (X: 1.0, Y: 0.0, Z: 0.0) : (X: 0.0, Y: 1.0, Z: 0.0);
        double dot = t.X * e3.X + t.Y * e3.Y + t.Z * e3.Z;
        var e1 = (X: t.X - dot * e3.X, Y: t.Y - dot * e3.Y, Z: t.Z - dot * e3.Z);
        double n1 = Math.Sqrt(e1.X * e1.X + e1.Y * e1.Y + e1.Z * e1.Z);
        e1 = (e1.X / n1, e1.Y / n1, e1.Z / n1);
        var e2 = (X: e3.Y * e1.Z - e3.Z * e1.Y, Y: e3.Z * e1.X - e3.X * e1.Z, Z: e3.X * e1.Y - e3.Y * e1.X);
        double rot = rotationDegrees * Math.PI / 180, cr = Math.Cos(rot), sr = Math.Sin(rot);
        var image = new Image2D(size, size, VoxelSize.Isotropic(pixelSizeAngstrom));
        double sigma = 0.3 / pixelSizeAngstrom, centre = (size - 1) / 2.0;
        int reach = (int)Math.Ceiling(3 * sigma), cells = (int)Math.Ceiling(radiusAngstrom / a) + 1;
        double[] basis = [0, 0, 0, 0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0];
        for (int i = -cells; i <= cells; i++)
            for (int j = -cells; j <= cells; j++)
                for (int k = -cells; k <= cells; k++)
                    for (int b = 0; b < 4; b++)
                    {
                        double x = (i + basis[3 * b]) * a, y = (j + basis[3 * b + 1]) * a, z = (k + basis[3 * b + 2]) * a;
                        if (x * x + y * y + z * z > radiusAngstrom * radiusAngstrom) continue;
                        double p = x * e1.X + y * e1.Y + z * e1.Z, q = x * e2.X + y * e2.Y + z * e2.Z;
                        double px = centre + (cr * p - sr * q) / pixelSizeAngstrom, py = centre + (sr * p + cr * q) / pixelSizeAngstrom;
                        int x0 = (int)Math.Round(px), y0 = (int)Math.Round(py);
                        for (int yy = Math.Max(0, y0 - reach); yy <= Math.Min(size - 1, y0 + reach); yy++)
                            for (int xx = Math.Max(0, x0 - reach); xx <= Math.Min(size - 1, x0 + reach); xx++)
                            {
                                double dx = xx - px, dy = yy - py;
                                image[xx, yy] += (float)Math.Exp(-0.5 * (dx * dx + dy * dy) / (sigma * sigma));
                            }
                    }
        return image;
    }
}
