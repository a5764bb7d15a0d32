using System.Runtime.CompilerServices;
using TemKit.Numerics.Gemm.Managed;

namespace TemKit.Neural.Convolution.Gemm;

/// <summary>
/// The transposed column matrix of a band of output rows (pixels × c·K²), packed straight from the padded source planes
/// into the managed SGEMM's B micro-panels for the weight gradient gradOut · columnsᵀ (implicit GEMM). Row p = pixel
/// (y0 + p / OutWidth, p mod OutWidth), column c·K² + t.
/// </summary>
internal sealed unsafe class ImplicitColumnsTransposed : PanelSource
{
    private const int NR = ManagedSgemmProvider.NR;
    private readonly ColumnGeometry _g;
    private readonly float* _src;
    private readonly int _y0;
    private readonly int[] _tapOffsets;

    public ImplicitColumnsTransposed(in ColumnGeometry g, float* src, int y0, int[] tapOffsets)
    {
        _g = g;
        _src = src;
        _y0 = y0;
        _tapOffsets = tapOffsets;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Pack(int p0, int kc, int j0, int nc, float* dst)
    {
        int ow = _g.OutWidth, rs = _g.SrcRowStride, taps = _g.Taps;
        float** rows = stackalloc float*[NR];
        float* band = _src + _g.SrcOrigin + (long)_y0 * rs;
        for (int j = 0; j < nc; j += NR)
        {
            int nr = Math.Min(NR, nc - j);
            for (int q = 0; q < nr; q++)
            {
                int col = j0 + j + q, c = col / taps;
                rows[q] = band + (long)c * _g.SrcPlane + _tapOffsets[col - c * taps];
            }
            float* panel = dst + (long)j * kc;
            int q8 = Transpose8x8.IsSupported ? nr / 8 * 8 : 0;
            for (int p = 0; p < kc;)
            {
                int pixel = p0 + p, x = pixel % ow;
                long rel = (long)(pixel / ow) * rs + x;
                // Eight pixels inside one image row are contiguous in every source row: transpose them 8×8.
                if (p + 8 <= kc && x + 8 <= ow && q8 > 0)
                {
                    for (int q = 0; q < q8; q += 8) Transpose8x8.Run(rows + q, rel, panel + p * NR + q, NR);
                    for (int r = 0; r < 8; r++)
                    {
                        float* d = panel + (p + r) * NR;
                        for (int q = q8; q < nr; q++) d[q] = rows[q][rel + r];
                        for (int q = nr; q < NR; q++) d[q] = 0f;
                    }
                    p += 8;
                }
                else
                {
                    float* d = panel + p * NR;
                    for (int q = 0; q < nr; q++) d[q] = rows[q][rel];
                    for (int q = nr; q < NR; q++) d[q] = 0f;
                    p++;
                }
            }
        }
    }
}
