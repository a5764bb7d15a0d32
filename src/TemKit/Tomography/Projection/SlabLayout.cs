namespace TemKit.Tomography.Projection;

/// <summary>
/// Moves data between ordinary image layouts and the interleaved slab layouts of <see cref="SlabProjector"/>:
/// a tilt series frame is [y·Detector + u], a volume section is [y·Width + x] at depth z.
/// </summary>
public static class SlabLayout
{
    /// <summary>
    /// Fills the sinogram slab with rows y0 .. y0 + lanes − 1 of each projection (lanes past the last row are zero).
    /// <paramref name="frame"/>(a) returns projection a as Height × Detector values. Guard bins are set to zero.
    /// </summary>
    public static void PackSinogram(SliceGeometry g, Func<int, ReadOnlyMemory<float>> frame, int height, int y0, Span<float> sinogram)
    {
        int L = SlabProjector.Lanes, nd = g.DetectorPx, n = Math.Min(L, height - y0);
        sinogram.Clear();
        for (int a = 0; a < g.AngleCount; a++)
        {
            var src = frame(a).Span;
            var dst = sinogram.Slice(a * g.PaddedRow * L, g.PaddedRow * L);
            for (int s = 0; s < n; s++)
            {
                var line = src.Slice((y0 + s) * nd, nd);
                for (int u = 0; u < nd; u++) dst[(u + 1) * L + s] = line[u];
            }
        }
    }

    /// <summary>
    /// Copies section <paramref name="z"/> of the volume slab into <paramref name="rows"/> as <paramref name="count"/>
    /// consecutive image rows (lane s → row s) of Width values.
    /// </summary>
    public static void UnpackSection(SliceGeometry g, ReadOnlySpan<float> volume, int z, int count, Span<float> rows)
    {
        int L = SlabProjector.Lanes, nx = g.WidthPx;
        var src = volume.Slice(z * nx * L, nx * L);
        for (int x = 0; x < nx; x++)
            for (int s = 0; s < count; s++) rows[s * nx + x] = src[x * L + s];
    }

    /// <summary>Fills the volume slab from <paramref name="section"/>(z) (Height × Width values) rows y0 .. y0 + lanes − 1.</summary>
    public static void PackVolume(SliceGeometry g, Func<int, ReadOnlyMemory<float>> section, int height, int y0, Span<float> volume)
    {
        int L = SlabProjector.Lanes, nx = g.WidthPx, n = Math.Min(L, height - y0);
        volume.Clear();
        for (int z = 0; z < g.ThicknessPx; z++)
        {
            var src = section(z).Span;
            var dst = volume.Slice(z * nx * L, nx * L);
            for (int s = 0; s < n; s++)
            {
                var line = src.Slice((y0 + s) * nx, nx);
                for (int x = 0; x < nx; x++) dst[x * L + s] = line[x];
            }
        }
    }

    /// <summary>Copies projection <paramref name="a"/> of the sinogram slab (real bins only) into <paramref name="count"/> rows of Detector values.</summary>
    public static void UnpackProjection(SliceGeometry g, ReadOnlySpan<float> sinogram, int a, int count, Span<float> rows)
    {
        int L = SlabProjector.Lanes, nd = g.DetectorPx;
        var src = sinogram.Slice(a * g.PaddedRow * L, g.PaddedRow * L);
        for (int u = 0; u < nd; u++)
            for (int s = 0; s < count; s++) rows[s * nd + u] = src[(u + 1) * L + s];
    }
}
