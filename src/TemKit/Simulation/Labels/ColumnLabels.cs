using TemKit.Imaging;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Labels;

/// <summary>The column labels of one structure on one image grid.</summary>
/// <param name="Columns">The columns, in Å.</param>
/// <param name="Positions">Column-position label: the maximum over columns of exp(−r²/2w²), 1 at every column centre.</param>
/// <param name="HeightClasses">Height class map (0 background, 1..N classes), or null when not asked for.</param>
public sealed record ColumnLabelSet(AtomicColumn[] Columns, Image2D Positions, Image2D? HeightClasses);

/// <summary>
/// Column labels after Madsen et al., Adv. Theory Simul. 1, 1800037 (2018): the atoms are projected along the beam, grouped
/// into columns (<see cref="ColumnGrouping"/>), and every column becomes a Gaussian blob at its mean projected position.
/// Pixel (i, j) samples the point (i·px, j·px) Å, the same point the potential and <see cref="ParticleMask"/> use.
/// </summary>
public static class ColumnLabels
{
    /// <summary>Labels for <paramref name="atoms"/> (pass the particle only: support atoms are not labelled) on an
    /// <paramref name="nx"/> x <paramref name="ny"/> grid of <paramref name="pixelSizeAngstrom"/> Å.</summary>
    public static ColumnLabelSet Compute(IReadOnlyList<Atom> atoms, int nx, int ny, double pixelSizeAngstrom, ColumnLabelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var columns = ColumnGrouping.Group(atoms, options.GroupingDistanceAngstrom);
        var positions = RenderBlobs(columns, nx, ny, pixelSizeAngstrom, options.BlobWidthAngstrom);
        var classes = options.HeightClasses > 0 ? RenderClasses(columns, nx, ny, pixelSizeAngstrom, options) : null;
        return new ColumnLabelSet(columns, positions, classes);
    }

    /// <summary>max over columns of exp(−r²/2w²) with w = <paramref name="widthAngstrom"/>, evaluated within ±4w in x and y of each column (0 beyond).</summary>
    public static Image2D RenderBlobs(IReadOnlyList<AtomicColumn> columns, int nx, int ny, double pixelSizeAngstrom, double widthAngstrom)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!(pixelSizeAngstrom > 0)) throw new ArgumentException($"pixel size must be > 0 Å, got {pixelSizeAngstrom}");
        var image = new Image2D(nx, ny, new VoxelSize(pixelSizeAngstrom, pixelSizeAngstrom, 0));
        var pixels = image.Pixels;
        double reach = 4 * widthAngstrom, inv2w2 = 1 / (2 * widthAngstrom * widthAngstrom);
        foreach (var c in columns)
        {
            var (i0, i1, j0, j1) = Window(c, reach, nx, ny, pixelSizeAngstrom);
            for (int j = j0; j <= j1; j++)
            {
                double dy = j * pixelSizeAngstrom - c.YAngstrom;
                for (int i = i0; i <= i1; i++)
                {
                    double dx = i * pixelSizeAngstrom - c.XAngstrom;
                    float g = (float)Math.Exp(-(dx * dx + dy * dy) * inv2w2);
                    if (g > pixels[j * nx + i]) pixels[j * nx + i] = g;
                }
            }
        }
        return image;
    }

    /// <summary>Disks of radius <see cref="ColumnLabelOptions.ClassDiskRadiusAngstrom"/> painted with each column's height
    /// class; where disks overlap the nearest column wins.</summary>
    public static Image2D RenderClasses(IReadOnlyList<AtomicColumn> columns, int nx, int ny, double pixelSizeAngstrom, ColumnLabelOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        var image = new Image2D(nx, ny, new VoxelSize(pixelSizeAngstrom, pixelSizeAngstrom, 0));
        var pixels = image.Pixels;
        var nearest = new double[nx * ny];
        Array.Fill(nearest, double.PositiveInfinity);
        double r = options.ClassDiskRadiusAngstrom, r2 = r * r;
        foreach (var c in columns)
        {
            float cls = options.HeightClass(c.AtomCount);
            var (i0, i1, j0, j1) = Window(c, r, nx, ny, pixelSizeAngstrom);
            for (int j = j0; j <= j1; j++)
            {
                double dy = j * pixelSizeAngstrom - c.YAngstrom;
                for (int i = i0; i <= i1; i++)
                {
                    double dx = i * pixelSizeAngstrom - c.XAngstrom, d2 = dx * dx + dy * dy;
                    if (d2 > r2 || d2 >= nearest[j * nx + i]) continue;
                    nearest[j * nx + i] = d2;
                    pixels[j * nx + i] = cls;
                }
            }
        }
        return image;
    }

    private static (int I0, int I1, int J0, int J1) Window(AtomicColumn c, double reachAngstrom, int nx, int ny, double px) =>
        (Math.Max(0, (int)Math.Ceiling((c.XAngstrom - reachAngstrom) / px)), Math.Min(nx - 1, (int)Math.Floor((c.XAngstrom + reachAngstrom) / px)),
         Math.Max(0, (int)Math.Ceiling((c.YAngstrom - reachAngstrom) / px)), Math.Min(ny - 1, (int)Math.Floor((c.YAngstrom + reachAngstrom) / px)));
}
