using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TemKit.Numerics.Gemm.Managed;

namespace TemKit.Neural.Convolution.Gemm;

/// <summary>
/// The column matrix of a band of output rows (see <see cref="Im2Col"/>) packed straight from the padded source planes
/// into the managed SGEMM's B micro-panels, never stored (implicit GEMM). Row c·K² + t, column q = pixel
/// (y0 + q / OutWidth, q mod OutWidth).
/// </summary>
internal sealed unsafe class ImplicitColumns : PanelSource
{
    private const int NR = ManagedSgemmProvider.NR;
    private readonly ColumnGeometry _g;
    private readonly float* _src;
    private readonly int _y0;
    private readonly int[] _tapOffsets;

    public ImplicitColumns(in ColumnGeometry g, float* src, int y0, int[] tapOffsets)
    {
        _g = g;
        _src = src;
        _y0 = y0;
        _tapOffsets = tapOffsets;
    }

    /// <summary>Tap offsets (relative to the centre pixel) of a geometry, computed once per convolution.</summary>
    public static int[] TapOffsets(in ColumnGeometry g)
    {
        var off = new int[g.Taps];
        for (int t = 0; t < off.Length; t++) off[t] = g.TapOffset(t);
        return off;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Pack(int p0, int kc, int j0, int nc, float* dst)
    {
        int ow = _g.OutWidth, rs = _g.SrcRowStride, taps = _g.Taps;
        int* rel = stackalloc int[NR];
        float* band = _src + _g.SrcOrigin + (long)_y0 * rs;
        for (int j = 0; j < nc; j += NR)
        {
            int nr = Math.Min(NR, nc - j), q0 = j0 + j;
            // Source offset of each panel column; a full panel inside one image row is one contiguous run.
            for (int q = 0; q < nr; q++) rel[q] = (q0 + q) / ow * rs + (q0 + q) % ow;
            bool run = nr == NR && q0 % ow + NR <= ow;
            float* panel = dst + (long)j * kc;
            for (int p = 0; p < kc; p++)
            {
                int row = p0 + p, c = row / taps;
                float* s = band + (long)c * _g.SrcPlane + _tapOffsets[row - c * taps];
                float* d = panel + p * NR;
                if (run)
                {
                    s += rel[0];
                    Vector256.Store(Vector256.Load(s), d);
                    Vector256.Store(Vector256.Load(s + 8), d + 8);
                    Vector256.Store(Vector256.Load(s + 16), d + 16);
                    Vector256.Store(Vector256.Load(s + 24), d + 24);
                }
                else
                {
                    for (int q = 0; q < nr; q++) d[q] = s[rel[q]];
                    for (int q = nr; q < NR; q++) d[q] = 0f;
                }
            }
        }
    }
}
