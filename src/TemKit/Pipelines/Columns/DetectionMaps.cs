using TemKit.Imaging;

namespace TemKit.Pipelines.Columns;

/// <summary>The maps the columns of every tracked frame were found on, with the detection threshold (map units), for the
/// tracker's hysteresis (<see cref="TrackingOptions.AbsentFraction"/>).</summary>
/// <param name="Maps">One map per frame, in the frames' order; a map's pixel size places it in Å (it may differ from the frame's when the detector resampled).</param>
/// <param name="Threshold">The peak threshold the columns were detected at (map units).</param>
public sealed record DetectionMaps(IReadOnlyList<Image2D> Maps, double Threshold)
{
    /// <summary>The largest value of <paramref name="map"/> within <paramref name="radiusAngstrom"/> of (x, y) Å; −∞ outside the map.</summary>
    public static float MaxNear(Image2D map, double xAngstrom, double yAngstrom, double radiusAngstrom)
    {
        ArgumentNullException.ThrowIfNull(map);
        double px = map.PixelSizeAngstrom > 0 ? map.PixelSizeAngstrom : 1;
        double cx = xAngstrom / px, cy = yAngstrom / px, r = radiusAngstrom / px, r2 = r * r;
        int i0 = Math.Max(0, (int)Math.Ceiling(cx - r)), i1 = Math.Min(map.Width - 1, (int)Math.Floor(cx + r));
        int j0 = Math.Max(0, (int)Math.Ceiling(cy - r)), j1 = Math.Min(map.Height - 1, (int)Math.Floor(cy + r));
        float best = float.NegativeInfinity;
        for (int j = j0; j <= j1; j++)
        {
            var row = map.Row(j);
            for (int i = i0; i <= i1; i++)
                if ((i - cx) * (i - cx) + (j - cy) * (j - cy) <= r2 && row[i] > best) best = row[i];
        }
        return best;
    }
}
