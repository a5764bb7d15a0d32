using TemKit.Imaging;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// Columns as peaks of a map (a network's column-label output or a filtered image): local maxima of the 3x3 neighbourhood
/// above a threshold, thinned highest first so no two are closer than the minimum spacing, then refined to sub-pixel.
/// </summary>
public static class PeakFinder
{
    /// <summary>The peaks of <paramref name="map"/>, highest first.</summary>
    public static DetectedColumn[] Find(Image2D map, PeakFinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Find(map.Pixels, map.Width, map.Height, map.PixelSizeAngstrom > 0 ? map.PixelSizeAngstrom : 1, options);
    }

    /// <summary>The peaks of an <paramref name="nx"/> x <paramref name="ny"/> map of <paramref name="pixelSizeAngstrom"/> Å/px, highest first.</summary>
    public static DetectedColumn[] Find(ReadOnlySpan<float> map, int nx, int ny, double pixelSizeAngstrom, PeakFinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (map.Length != nx * ny) throw new ArgumentException($"map holds {map.Length} values, expected {nx}x{ny}");
        if (!(pixelSizeAngstrom > 0)) throw new ArgumentException($"pixel size must be > 0 Å, got {pixelSizeAngstrom}");
        var candidates = new List<(int I, int J, float V)>();
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                float v = map[j * nx + i];
                if (!(v >= options.Threshold) || !IsLocalMaximum(map, nx, ny, i, j, v)) continue;
                candidates.Add((i, j, v));
            }
        candidates.Sort((a, b) => b.V != a.V ? b.V.CompareTo(a.V) : a.J != b.J ? a.J.CompareTo(b.J) : a.I.CompareTo(b.I));
        double spacingPx = options.MinSpacingAngstrom / pixelSizeAngstrom;
        var kept = Thin(candidates, spacingPx);
        var result = new DetectedColumn[kept.Count];
        for (int k = 0; k < kept.Count; k++)
        {
            var (i, j, v) = kept[k];
            double x = i, y = j;
            if (options.SubPixel)
            {
                if (i > 0 && i < nx - 1) x += Vertex(map[j * nx + i - 1], v, map[j * nx + i + 1]);
                if (j > 0 && j < ny - 1) y += Vertex(map[(j - 1) * nx + i], v, map[(j + 1) * nx + i]);
            }
            result[k] = new DetectedColumn(x, y, x * pixelSizeAngstrom, y * pixelSizeAngstrom, v);
        }
        return result;
    }

    // Plateaus: a pixel equal to an earlier (raster order) neighbour is not a maximum, so a flat top gives one peak.
    private static bool IsLocalMaximum(ReadOnlySpan<float> map, int nx, int ny, int i, int j, float v)
    {
        for (int dj = -1; dj <= 1; dj++)
        {
            int y = j + dj;
            if (y < 0 || y >= ny) continue;
            for (int di = -1; di <= 1; di++)
            {
                int x = i + di;
                if ((di == 0 && dj == 0) || x < 0 || x >= nx) continue;
                float w = map[y * nx + x];
                if (w > v || (w == v && (dj < 0 || (dj == 0 && di < 0)))) return false;
            }
        }
        return true;
    }

    private static List<(int I, int J, float V)> Thin(List<(int I, int J, float V)> sorted, double spacingPx)
    {
        var kept = new List<(int I, int J, float V)>();
        if (spacingPx <= 0) return sorted;
        double cell = spacingPx, s2 = spacingPx * spacingPx;
        var grid = new Dictionary<(int, int), List<int>>();
        foreach (var c in sorted)
        {
            int gx = (int)Math.Floor(c.I / cell), gy = (int)Math.Floor(c.J / cell);
            bool free = true;
            for (int dy = -1; dy <= 1 && free; dy++)
                for (int dx = -1; dx <= 1 && free; dx++)
                {
                    if (!grid.TryGetValue((gx + dx, gy + dy), out var list)) continue;
                    foreach (int k in list)
                    {
                        double ex = kept[k].I - c.I, ey = kept[k].J - c.J;
                        if (ex * ex + ey * ey < s2) { free = false; break; }
                    }
                }
            if (!free) continue;
            if (!grid.TryGetValue((gx, gy), out var cellList)) grid[(gx, gy)] = cellList = [];
            cellList.Add(kept.Count);
            kept.Add(c);
        }
        return kept;
    }

    /// <summary>Offset (−0.5..0.5 px) of the vertex of the parabola through (−1, m), (0, c), (1, p): on log values when all
    /// three are positive (exact for a Gaussian), else on the values.</summary>
    private static double Vertex(float m, float c, float p)
    {
        double a = m, b = c, d = p;
        if (m > 0 && c > 0 && p > 0) { a = Math.Log(m); b = Math.Log(c); d = Math.Log(p); }
        double den = a - 2 * b + d;
        return den < 0 ? Math.Clamp(0.5 * (a - d) / den, -0.5, 0.5) : 0;
    }
}
