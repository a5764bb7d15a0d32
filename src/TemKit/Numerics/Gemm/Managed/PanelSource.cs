namespace TemKit.Numerics.Gemm.Managed;

/// <summary>
/// Supplies packed micro-panels of op(B) straight from the owner's own layout, so a B that is never stored as a matrix
/// (convolution columns: implicit GEMM) can be multiplied without materialising it.
/// </summary>
internal abstract unsafe class PanelSource
{
    /// <summary>
    /// Writes op(B)[p0 .. p0+kc, j0 .. j0+nc] as ceil(nc/NR) micro-panels of kc·NR floats (for each k, NR consecutive
    /// column values), zero past column nc. Called concurrently from several threads for disjoint blocks.
    /// </summary>
    public abstract void Pack(int p0, int kc, int j0, int nc, float* dst);
}
