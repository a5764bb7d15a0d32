using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Neural.Convolution;

internal static unsafe partial class DirectConvolution
{
    private const int RowTile = 16;

    /// <summary>
    /// Weight gradient: acc[o][i][t] += Σ_y,x grad[o][y][x]·src[i][y,x + tap t], summed in float vectors over a tile of
    /// rows and in double across tiles. grad has planes of the output size (Height x Width) described by its own
    /// channel and row strides; <paramref name="accumulator"/> has OutChannels·InChannels·Taps doubles. Bias gradients are
    /// plain sums of grad and are left to the caller. The rows are split into bands, one parallel task each with its own
    /// accumulators (summed at the end), so there is a single fork/join per call; inside a band every (output-channel
    /// block, tap block) pair sweeps one 16-row tile at a time, which keeps the tile's gradient rows in cache.
    /// </summary>
    public static void WeightGradient(ConvGeometry g, ReadOnlySpan<float> src, ReadOnlySpan<float> grad, int gradChannelStride, int gradRowStride, int gradOrigin, Span<double> accumulator)
    {
        int taps = g.InChannels * g.Taps, total = g.OutChannels * taps;
        if (accumulator.Length < total) throw new ArgumentException("accumulator too short", nameof(accumulator));
        int coBlocks = (g.OutChannels + 3) / 4, tapBlocks = (taps + 3) / 4;
        int items = coBlocks * tapBlocks;
        var tapOffsets = new int[taps];
        for (int i = 0; i < g.InChannels; i++)
            for (int t = 0; t < g.Taps; t++) tapOffsets[i * g.Taps + t] = i * g.SrcChannelStride + g.TapOffsets[t];
        int tiles = (g.Height + RowTile - 1) / RowTile;
        bool serial = (long)total * g.Width * g.Height < 1 << 20;
        int bands = serial ? 1 : Math.Min(tiles, 4 * Environment.ProcessorCount);
        var partial = bands > 1 ? System.Buffers.ArrayPool<double>.Shared.Rent((bands - 1) * total) : null;
        if (partial != null) Array.Clear(partial, 0, (bands - 1) * total);
        fixed (float* ps = src, pg = grad)
        fixed (double* pa = accumulator, pp = partial)
        fixed (int* poff = tapOffsets)
        {
            nint s = (nint)ps, gr = (nint)pg, a = (nint)pa, part = (nint)pp, off = (nint)poff;
            var gl = new GradLayout(gradChannelStride, gradRowStride, gradOrigin);
            void Band(int b)
            {
                // Band 0 adds straight into the caller's accumulator; the others into their own slices.
                double* acc = b == 0 ? (double*)a : (double*)part + (long)(b - 1) * total;
                for (int tile = (int)((long)tiles * b / bands); tile < (int)((long)tiles * (b + 1) / bands); tile++)
                {
                    int y0 = tile * RowTile, y1 = Math.Min(g.Height, y0 + RowTile);
                    for (int i = 0; i < items; i++) WeightItem(g, gl, (float*)s, (float*)gr, acc, (int*)off, taps, tapBlocks, i, y0, y1);
                }
            }
            if (bands == 1) Band(0);
            else Parallel.For(0, bands, Band);
        }
        if (partial != null)
        {
            for (int b = 0; b < bands - 1; b++)
            {
                var slice = partial.AsSpan(b * total, total);
                for (int i = 0; i < total; i++) accumulator[i] += slice[i];
            }
            System.Buffers.ArrayPool<double>.Shared.Return(partial);
        }
    }

    private readonly record struct GradLayout(int ChannelStride, int RowStride, int Origin);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightItem(ConvGeometry g, GradLayout gl, float* src, float* grad, double* acc, int* off, int taps, int tapBlocks, int item, int y0, int y1)
    {
        int co0 = item / tapBlocks * 4, t0 = item % tapBlocks * 4;
        int nco = Math.Min(4, g.OutChannels - co0), nt = Math.Min(4, taps - t0);
        float* s = src + g.SrcOrigin;
        float* gp = grad + gl.Origin + (long)co0 * gl.ChannelStride;
        if (nco == 4 && nt == 4)
        {
            Weights4x4(s, g.SrcRowStride, gp, gl.ChannelStride, gl.RowStride, off + t0, g.Width, y0, y1, acc + (long)co0 * taps + t0, taps);
            return;
        }
        for (int r = 0; r < nco; r++)
        {
            float* gr = gp + (long)r * gl.ChannelStride;
            double* ar = acc + (long)(co0 + r) * taps + t0;
            if (nt == 4) Weights1x4(s, g.SrcRowStride, gr, gl.RowStride, off + t0, g.Width, y0, y1, ar);
            else
                for (int j = 0; j < nt; j++) Weights1x1(s, g.SrcRowStride, gr, gl.RowStride, off[t0 + j], g.Width, y0, y1, ar + j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Weights4x4(float* s, int srs, float* g, int gcs, int grs, int* off, int W, int y0, int y1, double* acc, int accStride)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3];
        int xv = W / V * V;
        for (int y = y0; y < y1; y++)
        {
            float* sr = s + (long)y * srs;
            float* g0 = g + (long)y * grs, g1 = g0 + gcs, g2 = g1 + gcs, g3 = g2 + gcs;
            for (int x = 0; x < xv; x += V)
            {
                var s0 = Vector512.Load(sr + x + o0);
                var s1 = Vector512.Load(sr + x + o1);
                var s2 = Vector512.Load(sr + x + o2);
                var s3 = Vector512.Load(sr + x + o3);
                var v = Vector512.Load(g0 + x);
                a00 = Vector512.FusedMultiplyAdd(v, s0, a00); a01 = Vector512.FusedMultiplyAdd(v, s1, a01);
                a02 = Vector512.FusedMultiplyAdd(v, s2, a02); a03 = Vector512.FusedMultiplyAdd(v, s3, a03);
                v = Vector512.Load(g1 + x);
                a10 = Vector512.FusedMultiplyAdd(v, s0, a10); a11 = Vector512.FusedMultiplyAdd(v, s1, a11);
                a12 = Vector512.FusedMultiplyAdd(v, s2, a12); a13 = Vector512.FusedMultiplyAdd(v, s3, a13);
                v = Vector512.Load(g2 + x);
                a20 = Vector512.FusedMultiplyAdd(v, s0, a20); a21 = Vector512.FusedMultiplyAdd(v, s1, a21);
                a22 = Vector512.FusedMultiplyAdd(v, s2, a22); a23 = Vector512.FusedMultiplyAdd(v, s3, a23);
                v = Vector512.Load(g3 + x);
                a30 = Vector512.FusedMultiplyAdd(v, s0, a30); a31 = Vector512.FusedMultiplyAdd(v, s1, a31);
                a32 = Vector512.FusedMultiplyAdd(v, s2, a32); a33 = Vector512.FusedMultiplyAdd(v, s3, a33);
            }
            for (int x = xv; x < W; x++)
            {
                for (int r = 0; r < 4; r++)
                {
                    double gv = (g0 + (long)r * gcs)[x];
                    double* ar = acc + (long)r * accStride;
                    ar[0] += gv * sr[x + o0]; ar[1] += gv * sr[x + o1]; ar[2] += gv * sr[x + o2]; ar[3] += gv * sr[x + o3];
                }
            }
        }
        Reduce4(acc, a00, a01, a02, a03);
        Reduce4(acc + accStride, a10, a11, a12, a13);
        Reduce4(acc + 2L * accStride, a20, a21, a22, a23);
        Reduce4(acc + 3L * accStride, a30, a31, a32, a33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce4(double* acc, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        acc[0] += SumAsDouble(a0); acc[1] += SumAsDouble(a1); acc[2] += SumAsDouble(a2); acc[3] += SumAsDouble(a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SumAsDouble(Vector512<float> v)
    {
        var (lo, hi) = Vector512.Widen(v);
        return Vector512.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Weights1x4(float* s, int srs, float* g, int grs, int* off, int W, int y0, int y1, double* acc)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3];
        int xv = W / V * V;
        for (int y = y0; y < y1; y++)
        {
            float* sr = s + (long)y * srs;
            float* gr = g + (long)y * grs;
            for (int x = 0; x < xv; x += V)
            {
                var v = Vector512.Load(gr + x);
                a0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(sr + x + o0), a0);
                a1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(sr + x + o1), a1);
                a2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(sr + x + o2), a2);
                a3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(sr + x + o3), a3);
            }
            for (int x = xv; x < W; x++)
            {
                double gv = gr[x];
                acc[0] += gv * sr[x + o0]; acc[1] += gv * sr[x + o1]; acc[2] += gv * sr[x + o2]; acc[3] += gv * sr[x + o3];
            }
        }
        Reduce4(acc, a0, a1, a2, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Weights1x1(float* s, int srs, float* g, int grs, int o, int W, int y0, int y1, double* acc)
    {
        Vector512<float> a0 = default;
        int xv = W / V * V;
        for (int y = y0; y < y1; y++)
        {
            float* sr = s + (long)y * srs + o;
            float* gr = g + (long)y * grs;
            for (int x = 0; x < xv; x += V) a0 = Vector512.FusedMultiplyAdd(Vector512.Load(gr + x), Vector512.Load(sr + x), a0);
            for (int x = xv; x < W; x++) acc[0] += (double)gr[x] * sr[x];
        }
        acc[0] += SumAsDouble(a0);
    }
}
