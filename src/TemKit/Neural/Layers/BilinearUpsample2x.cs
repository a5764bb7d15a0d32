using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>
/// Bilinear up-sampling by 2 with half-pixel centres (PyTorch Upsample(scale_factor=2, mode="bilinear",
/// align_corners=False)): output pixel o samples input coordinate (o + 0.5)/2 − 0.5, clamped at the edges.
/// </summary>
public sealed class BilinearUpsample2x : Layer
{
    private int _n, _c, _h, _w;

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, bool training)
    {
        (_n, _c, _h, _w) = (input.N, input.C, input.H, input.W);
        int oh = 2 * _h, ow = 2 * _w;
        var (y0, y1, fy) = Axis(_h);
        var (x0, x1, fx) = Axis(_w);
        var output = Tensor.Uninitialised(_n, _c, oh, ow);
        PlaneParallel.For(_n * _c, oh * ow, p =>
        {
            var s = input.Plane(p / _c, p % _c);
            var d = output.Plane(p / _c, p % _c);
            var blend = ArrayPool<float>.Shared.Rent(_w);
            var t = blend.AsSpan(0, _w);
            for (int oy = 0; oy < oh; oy++)
            {
                // Rows first, then the fixed 2x column pattern: even outputs ¾ of column i and ¼ of i − 1, odd ones ¾ of
                // i and ¼ of i + 1 (clamped at the edges).
                var r0 = s.Slice(y0[oy] * _w, _w);
                var r1 = s.Slice(y1[oy] * _w, _w);
                float wy = fy[oy];
                var dr = d.Slice(oy * ow, ow);
                int i = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    var vw = Vector512.Create(wy);
                    for (; i + 16 <= _w; i += 16)
                    {
                        var a = Vector512.Create(r0.Slice(i, 16));
                        Vector512.FusedMultiplyAdd(vw, Vector512.Create(r1.Slice(i, 16)) - a, a).CopyTo(t.Slice(i, 16));
                    }
                }
                for (; i < _w; i++) t[i] = r0[i] + wy * (r1[i] - r0[i]);
                int ox = Avx512F.IsSupported ? Columns(t, dr) : 0;
                for (; ox < ow; ox++) dr[ox] = t[x0[ox]] + fx[ox] * (t[x1[ox]] - t[x0[ox]]);
            }
            ArrayPool<float>.Shared.Return(blend);
        });
        return output;
    }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Backward(Tensor gradOutput)
    {
        int oh = 2 * _h, ow = 2 * _w;
        var (y0, y1, fy) = Axis(_h);
        var (x0, x1, fx) = Axis(_w);
        var gradInput = Tensor.Zeros(_n, _c, _h, _w);
        PlaneParallel.For(_n * _c, oh * ow, p =>
        {
            var g = gradOutput.Plane(p / _c, p % _c);
            var d = gradInput.Plane(p / _c, p % _c);
            var column = ArrayPool<float>.Shared.Rent(_w);
            var dt = column.AsSpan(0, _w);
            for (int oy = 0; oy < oh; oy++)
            {
                // Adjoint of the forward: columns first (each input column gathers its ≤ 4 output columns), then rows.
                var gr = g.Slice(oy * ow, ow);
                int i = Avx512F.IsSupported ? ColumnsAdjoint(gr, dt) : 0;
                for (; i < _w; i++)
                {
                    float sum = 0;
                    for (int o = Math.Max(0, 2 * i - 1); o <= Math.Min(ow - 1, 2 * i + 2); o++)
                        sum += (x0[o] == i ? 1 - fx[o] : 0f) * gr[o] + (x1[o] == i ? fx[o] : 0f) * gr[o];
                    dt[i] = sum;
                }
                float wy = fy[oy];
                AddScaled(d.Slice(y0[oy] * _w, _w), dt, 1 - wy);
                AddScaled(d.Slice(y1[oy] * _w, _w), dt, wy);
            }
            ArrayPool<float>.Shared.Return(column);
        });
        return gradInput;
    }

    private static readonly Vector512<int> Low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> High = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);

    /// <summary>
    /// Output columns 2·i0 .. 2·i1 − 1 for the interior input columns i (1 ≤ i, i + 1 &lt; w) in blocks of 16, starting at
    /// column 0, which the scalar loop does; returns the first output column left to the caller.
    /// </summary>
    private static int Columns(ReadOnlySpan<float> t, Span<float> d)
    {
        int w = t.Length;
        if (w < 18) return 0;
        d[0] = t[0];
        d[1] = t[0] + 0.25f * (t[1] - t[0]);
        var q = Vector512.Create(0.25f);
        var tq = Vector512.Create(0.75f);
        int i = 1;
        for (; i + 17 <= w; i += 16)
        {
            var c = Vector512.Create(t.Slice(i, 16));
            var l = Vector512.Create(t.Slice(i - 1, 16));
            var r = Vector512.Create(t.Slice(i + 1, 16));
            var even = Vector512.FusedMultiplyAdd(tq, c - l, l);
            var odd = Vector512.FusedMultiplyAdd(q, r - c, c);
            Avx512F.PermuteVar16x32x2(even, Low, odd).CopyTo(d.Slice(2 * i, 16));
            Avx512F.PermuteVar16x32x2(even, High, odd).CopyTo(d.Slice(2 * i + 16, 16));
        }
        return 2 * i;
    }

    private static readonly Vector512<int> Evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> Odds = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

    /// <summary>
    /// dt[i] = ¾(g[2i] + g[2i + 1]) + ¼(g[2i − 1] + g[2i + 2]) for the interior columns 1 ≤ i, i + 16 &lt; w in blocks of
    /// 16 (column 0 is left to the caller's general loop, which this returns to at the first column not done).
    /// </summary>
    private static int ColumnsAdjoint(ReadOnlySpan<float> g, Span<float> dt)
    {
        int w = dt.Length, i = 1;
        if (w < 18) return 0;
        var q = Vector512.Create(0.25f);
        var tq = Vector512.Create(0.75f);
        for (; i + 17 <= w; i += 16)
        {
            Vector512<float> a0 = Vector512.Create(g.Slice(2 * i, 16)), a1 = Vector512.Create(g.Slice(2 * i + 16, 16));
            Vector512<float> n0 = Vector512.Create(g.Slice(2 * i + 2, 16)), n1 = Vector512.Create(g.Slice(2 * i + 18, 16));
            Vector512<float> p0 = Vector512.Create(g.Slice(2 * i - 2, 16)), p1 = Vector512.Create(g.Slice(2 * i + 14, 16));
            var even = Avx512F.PermuteVar16x32x2(a0, Evens, a1);
            var odd = Avx512F.PermuteVar16x32x2(a0, Odds, a1);
            var nextEven = Avx512F.PermuteVar16x32x2(n0, Evens, n1);
            var previousOdd = Avx512F.PermuteVar16x32x2(p0, Odds, p1);
            Vector512.FusedMultiplyAdd(tq, even + odd, q * (nextEven + previousOdd)).CopyTo(dt.Slice(i, 16));
        }
        // Column 0 by the general formula, then continue after the vector blocks.
        dt[0] = g[0] + 0.75f * g[1] + 0.25f * g[2];
        return i;
    }

    /// <summary>row += scale·dt (Vector512 with a scalar tail).</summary>
    private static void AddScaled(Span<float> row, ReadOnlySpan<float> dt, float scale)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(scale);
            for (; i + 16 <= row.Length; i += 16)
                Vector512.FusedMultiplyAdd(s, Vector512.Create(dt.Slice(i, 16)), Vector512.Create(row.Slice(i, 16))).CopyTo(row.Slice(i, 16));
        }
        for (; i < row.Length; i++) row[i] += scale * dt[i];
    }

    private static (int[] I0, int[] I1, float[] F) Axis(int n)
    {
        var i0 = new int[2 * n];
        var i1 = new int[2 * n];
        var f = new float[2 * n];
        for (int o = 0; o < 2 * n; o++)
        {
            double src = Math.Max(0.0, (o + 0.5) / 2 - 0.5);
            int a = Math.Min((int)src, n - 1);
            i0[o] = a;
            i1[o] = Math.Min(a + 1, n - 1);
            f[o] = (float)(src - a);
        }
        return (i0, i1, f);
    }
}
