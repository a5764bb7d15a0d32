using System.Runtime.CompilerServices;

namespace TemKit.Neural.Convolution.Gemm;

/// <summary>
/// Lowers a band of output rows to a column matrix (Chellapilla, Puri and Simard, "High performance convolutional
/// neural networks for document processing", 2006): row (c·K² + t) holds, for every output pixel of the band, the
/// source value tap t of channel c reads, so the correlation becomes weights[out × c·K²] · columns[c·K² × pixels].
/// </summary>
internal static class Im2Col
{
    /// <summary>Floats of column matrix a band may use when bands run one after another (16 MiB): bounds memory whatever the image size.</summary>
    public const int BudgetFloats = 1 << 22;

    /// <summary>
    /// Column-matrix floats one band covers when bands run in parallel (implicit GEMM, nothing stored): about 2^20, so
    /// a band's source rows stay in cache while its GEMM runs, yet there are enough bands to keep every core busy.
    /// </summary>
    public const int ParallelBudgetFloats = 1 << 20;

    /// <summary>Fewest pixels per band in the parallel scheme, so each band's GEMM amortises packing the weights.</summary>
    public const int MinBandPixels = 512;

    /// <summary>Output rows per band so that Depth × rows × OutWidth stays within <see cref="BudgetFloats"/> (at least one row).</summary>
    public static int RowsPerBand(in ColumnGeometry g) =>
        Math.Clamp(BudgetFloats / Math.Max(1, g.Depth * g.OutWidth), 1, g.OutHeight);

    /// <summary>
    /// Output rows per band when bands run in parallel: about <see cref="ParallelBudgetFloats"/> of columns, at least
    /// <see cref="MinBandPixels"/> pixels, and at most a share that leaves two bands per thread.
    /// </summary>
    public static int RowsPerParallelBand(in ColumnGeometry g, int threads)
    {
        int pixels = Math.Max(MinBandPixels, ParallelBudgetFloats / Math.Max(1, g.Depth));
        int rows = Math.Max(1, (pixels + g.OutWidth - 1) / g.OutWidth);
        int share = Math.Max(1, (g.OutHeight + 2 * threads - 1) / (2 * threads));
        return Math.Clamp(Math.Min(rows, share), 1, g.OutHeight);
    }

    /// <summary>Writes the columns of output rows y0 .. y1−1 into <paramref name="columns"/> (Depth × (y1−y0)·OutWidth, row-major), over the channels in parallel unless <paramref name="parallel"/> is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ColumnGeometry g, ReadOnlySpan<float> src, int y0, int y1, Span<float> columns, bool parallel = true)
    {
        int ow = g.OutWidth, pixels = (y1 - y0) * ow, taps = g.Taps;
        if (columns.Length < g.Depth * pixels) throw new ArgumentException("column buffer too short", nameof(columns));
        if (!parallel || (long)g.Depth * pixels < 1 << 16 || g.Channels == 1)
        {
            for (int c = 0; c < g.Channels; c++) FillChannel(g, src, y0, y1, columns, c, taps, pixels);
            return;
        }
        unsafe
        {
            fixed (float* ps = src, pc = columns)
            {
                nint s = (nint)ps, d = (nint)pc;
                int srcLength = src.Length, colLength = columns.Length;
                Parallel.For(0, g.Channels, c => FillChannel(g, new ReadOnlySpan<float>((float*)s, srcLength), y0, y1,
                    new Span<float>((float*)d, colLength), c, taps, pixels));
            }
        }
    }

    private static void FillChannel(in ColumnGeometry g, ReadOnlySpan<float> src, int y0, int y1, Span<float> columns, int c, int taps, int pixels)
    {
        int ow = g.OutWidth;
        for (int t = 0; t < taps; t++)
        {
            int from = c * g.SrcPlane + g.SrcOrigin + g.TapOffset(t);
            var row = columns.Slice((c * taps + t) * pixels, pixels);
            for (int y = y0; y < y1; y++)
                src.Slice(from + y * g.SrcRowStride, ow).CopyTo(row.Slice((y - y0) * ow, ow));
        }
    }
}
