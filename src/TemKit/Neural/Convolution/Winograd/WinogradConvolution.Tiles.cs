using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>Lanes of a de-interleaved row phase: 16 tiles plus the (n − 1)/m columns the last tile reaches beyond.</summary>
    private int PhaseLength => Lanes + (InputTile - 1) / OutputTile;

    /// <summary>Floats of the per-worker tile scratch: the n de-interleaved input rows, or the m output rows of a group.</summary>
    private int TileScratchFloats => Math.Max(InputTile * OutputTile * PhaseLength, OutputTile * Lanes) + Lanes;

    /// <summary>
    /// Bᵀ d B for the 16 tiles of one group of one channel: tile k's input is the n×n window of <paramref name="plane"/>
    /// (row stride <paramref name="pw"/>, <paramref name="ph"/> rows, zero beyond) at (y0, x0 + m·k). Point ξ of lane k goes
    /// to v[ξ·xiStride + k].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void InputTiles(float* plane, int pw, int ph, int y0, int x0, float* v, long xiStride, float* scratch)
    {
        int n = InputTile, m = OutputTile, len = PhaseLength;
        if (_fast45 && y0 + n <= ph && x0 + m * Lanes + n - m <= pw)
        {
            Winograd45.Input(plane + (long)y0 * pw + x0, pw, v, xiStride);
            return;
        }
        // De-interleave the n rows by phase (x − x0) mod m so each tile column is a contiguous 16-lane load.
        for (int r = 0; r < n; r++)
        {
            int y = y0 + r;
            float* row = plane + (long)y * pw;
            float* dst = scratch + r * m * len;
            for (int c = 0; c < m; c++)
                for (int k = 0; k < len; k++)
                {
                    int x = x0 + m * k + c;
                    dst[c * len + k] = y < ph && x < pw ? row[x] : 0f;
                }
        }
        var bt = _t.BtRows;
        Vector512<float>* t = stackalloc Vector512<float>[n * n];
        for (int r = 0; r < n; r++)
        {
            float* rowPhases = scratch + r * m * len;
            for (int j = 0; j < n; j++)
            {
                var s = Vector512<float>.Zero;
                for (int e = bt.Start[j]; e < bt.Start[j + 1]; e++)
                {
                    int p = bt.Columns[e];
                    s = Vector512.FusedMultiplyAdd(Vector512.Create(bt.Values[e]), Vector512.Load(rowPhases + p % m * len + p / m), s);
                }
                t[r * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var s = Vector512<float>.Zero;
                for (int e = bt.Start[i]; e < bt.Start[i + 1]; e++)
                    s = Vector512.FusedMultiplyAdd(Vector512.Create(bt.Values[e]), t[bt.Columns[e] * n + j], s);
                s.Store(v + (i * n + j) * xiStride);
            }
    }

    /// <summary>
    /// Aᵀ M A + bias for the 16 tiles of one group of one output channel: point ξ of lane k is at mp[ξ·xiStride + k];
    /// tile k's m×m pixels go to (y0, x0 + m·k) of <paramref name="plane"/> (h×w), clipped at the image edge.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void OutputTiles(float* mp, long xiStride, float bias, float* plane, int h, int w, int y0, int x0, float* scratch)
    {
        int n = InputTile, m = OutputTile;
        if (_fast45 && y0 + m <= h && x0 + m * Lanes <= w)
        {
            Winograd45.Output(mp, xiStride, bias, plane + (long)y0 * w + x0, w);
            return;
        }
        var at = _t.AtRows;
        Vector512<float>* s = stackalloc Vector512<float>[m * n];
        for (int i = 0; i < m; i++)
            for (int qx = 0; qx < n; qx++)
            {
                var acc = Vector512<float>.Zero;
                for (int e = at.Start[i]; e < at.Start[i + 1]; e++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(at.Values[e]), Vector512.Load(mp + (at.Columns[e] * n + qx) * xiStride), acc);
                s[i * n + qx] = acc;
            }
        var vb = Vector512.Create(bias);
        for (int i = 0; i < m; i++)
        {
            int y = y0 + i;
            if (y >= h) break;
            for (int j = 0; j < m; j++)
            {
                var acc = vb;
                for (int e = at.Start[j]; e < at.Start[j + 1]; e++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(at.Values[e]), s[i * n + at.Columns[e]], acc);
                acc.Store(scratch + j * Lanes);
            }
            float* row = plane + (long)y * w;
            int count = Math.Min(m * Lanes, w - x0);
            for (int d = 0; d < count; d++) row[x0 + d] = scratch[d % m * Lanes + d / m];
        }
    }
}
