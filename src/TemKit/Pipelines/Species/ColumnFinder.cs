namespace TemKit.Pipelines.Species;

/// <summary>
/// Typed atomic columns from a K-class probability map (plane c = class c, background 0): the local maxima of each
/// class's probability within half the minimum separation, at or above the threshold, refined to the probability-weighted
/// centroid of the 3x3 neighbourhood; then non-maximum suppression across classes (most probable first).
/// </summary>
public static class ColumnFinder
{
    /// <summary>Columns of a <paramref name="width"/> x <paramref name="height"/> map of <paramref name="classes"/> planes.</summary>
    public static List<DetectedColumn> Find(ReadOnlySpan<float> probabilities, int width, int height, int classes, double pixelSizeAngstrom, ColumnFinderOptions options)
    {
        options.Validate();
        int plane = width * height;
        if (probabilities.Length != classes * plane) throw new ArgumentException($"{probabilities.Length} probabilities for {classes} classes of {width}x{height}");
        if (!(pixelSizeAngstrom > 0)) throw new ArgumentException("pixel size must be > 0 Å to find columns");
        int r = Math.Max(1, (int)Math.Floor(0.5 * options.MinSeparationAngstrom / pixelSizeAngstrom));
        double margin = options.EdgeMarginAngstrom / pixelSizeAngstrom;
        var candidates = new List<DetectedColumn>();
        float threshold = (float)options.Threshold;
        for (int c = 1; c < classes; c++)
        {
            var p = probabilities.Slice(c * plane, plane);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    float v = p[y * width + x];
                    if (v < threshold || !IsLocalMax(p, width, height, x, y, r, v)) continue;
                    var (cx, cy) = Centroid(p, width, height, x, y);
                    if (cx < margin || cy < margin || cx > width - 1 - margin || cy > height - 1 - margin) continue;
                    candidates.Add(new DetectedColumn(c, cx, cy, v));
                }
        }
        candidates.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        double minPx = options.MinSeparationAngstrom / pixelSizeAngstrom, min2 = minPx * minPx;
        var kept = new List<DetectedColumn>();
        var grid = new Dictionary<(int, int), List<int>>();
        int cell = Math.Max(1, (int)Math.Ceiling(minPx));
        foreach (var cand in candidates)
        {
            int gx = (int)(cand.XPx / cell), gy = (int)(cand.YPx / cell);
            bool clash = false;
            for (int dy = -1; dy <= 1 && !clash; dy++)
                for (int dx = -1; dx <= 1 && !clash; dx++)
                    if (grid.TryGetValue((gx + dx, gy + dy), out var list))
                        foreach (int k in list)
                        {
                            double ex = kept[k].XPx - cand.XPx, ey = kept[k].YPx - cand.YPx;
                            if (ex * ex + ey * ey < min2) { clash = true; break; }
                        }
            if (clash) continue;
            if (!grid.TryGetValue((gx, gy), out var own)) grid[(gx, gy)] = own = [];
            own.Add(kept.Count);
            kept.Add(cand);
        }
        return kept;
    }

    // A plateau counts once: ties are broken towards the first pixel in row-major order.
    private static bool IsLocalMax(ReadOnlySpan<float> p, int w, int h, int x, int y, int r, float v)
    {
        for (int j = Math.Max(0, y - r); j <= Math.Min(h - 1, y + r); j++)
            for (int i = Math.Max(0, x - r); i <= Math.Min(w - 1, x + r); i++)
            {
                float u = p[j * w + i];
                if (u > v || (u == v && (j < y || (j == y && i < x)))) return false;
            }
        return true;
    }

    private static (double X, double Y) Centroid(ReadOnlySpan<float> p, int w, int h, int x, int y)
    {
        double s = 0, sx = 0, sy = 0;
        for (int j = Math.Max(0, y - 1); j <= Math.Min(h - 1, y + 1); j++)
            for (int i = Math.Max(0, x - 1); i <= Math.Min(w - 1, x + 1); i++)
            {
                double v = p[j * w + i];
                s += v; sx += v * i; sy += v * j;
            }
        return s > 0 ? (sx / s, sy / s) : (x, y);
    }
}
