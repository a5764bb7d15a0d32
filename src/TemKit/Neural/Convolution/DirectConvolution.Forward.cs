using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Neural.Convolution;

/// <summary>
/// Register-blocked SIMD direct convolution (cross-correlation, as in deep-learning frameworks) with dilation and stride 1.
/// Weights are laid out [out][in][ky][kx]. The forward kernel computes blocks of 4 output channels x 64 columns
/// (16 Vector512 accumulators) so each loaded input vector feeds 4 FMAs; narrower blocks and a scalar loop cover the
/// tails. The same kernel computes input gradients (a full correlation with transposed, flipped weights).
/// </summary>
internal static unsafe partial class DirectConvolution
{
    private const int V = 16;

    /// <summary>dst[o][y][x] (=|+=) bias[o] + Σ_i,t w[o][i][t]·src[i][y,x + tap t]. Parallel over (output-channel block, row).</summary>
    public static void Forward(ConvGeometry g, ReadOnlySpan<float> src, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> dst, bool accumulate)
    {
        if (weights.Length < g.OutChannels * g.InChannels * g.Taps) throw new ArgumentException("weights too short", nameof(weights));
        if (!bias.IsEmpty && bias.Length < g.OutChannels) throw new ArgumentException("bias too short", nameof(bias));
        int blocks = (g.OutChannels + 3) / 4;
        int items = blocks * g.Height;
        fixed (float* ps = src, pw = weights, pb = bias, pd = dst)
        fixed (int* poff = g.TapOffsets)
        {
            nint s = (nint)ps, w = (nint)pw, b = (nint)pb, d = (nint)pd, off = (nint)poff;
            bool hasBias = !bias.IsEmpty;
            if (items == 1 || (long)g.OutChannels * g.InChannels * g.Taps * g.Width * g.Height < 1 << 20)
            {
                for (int i = 0; i < items; i++) ForwardItem(g, (float*)s, (float*)w, hasBias ? (float*)b : null, (float*)d, (int*)off, i, blocks, accumulate);
            }
            else
            {
                Parallel.For(0, items, i => ForwardItem(g, (float*)s, (float*)w, hasBias ? (float*)b : null, (float*)d, (int*)off, i, blocks, accumulate));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardItem(ConvGeometry g, float* src, float* w, float* bias, float* dst, int* off, int item, int blocks, bool accumulate)
    {
        int y = item / blocks;
        int co0 = (item % blocks) * 4;
        int nco = Math.Min(4, g.OutChannels - co0);
        int cin = g.InChannels, kk = g.Taps, W = g.Width, cs = g.SrcChannelStride;
        int wCo = cin * kk;
        float* s = src + g.SrcOrigin + (long)y * g.SrcRowStride;
        float* d = dst + g.DstOrigin + (long)co0 * g.DstChannelStride + (long)y * g.DstRowStride;
        float* wb = w + (long)co0 * wCo;
        int dcs = g.DstChannelStride;
        int x = 0;
        if (nco == 4)
        {
            for (; x + 4 * V <= W; x += 4 * V) Block4x4(s + x, cin, cs, off, kk, wb, wCo, bias == null ? null : bias + co0, d + x, dcs, accumulate);
        }
        for (int r = 0; r < nco; r++)
        {
            float* wr = wb + r * wCo;
            float* br = bias == null ? null : bias + co0 + r;
            float* dr = d + (long)r * dcs;
            int xr = x;
            for (; xr + 4 * V <= W; xr += 4 * V) Block1x4(s + xr, cin, cs, off, kk, wr, br, dr + xr, accumulate);
            for (; xr + V <= W; xr += V) Block1x1(s + xr, cin, cs, off, kk, wr, br, dr + xr, accumulate);
            for (; xr < W; xr++) Scalar(s + xr, cin, cs, off, kk, wr, br, dr + xr, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4(float* s, int cin, int cs, int* off, int kk, float* w, int wCo, float* bias, float* d, int dcs, bool accumulate)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        for (int ci = 0; ci < cin; ci++)
        {
            float* sc = s + (long)ci * cs;
            float* w0 = w + ci * kk;
            float* w1 = w0 + wCo, w2 = w1 + wCo, w3 = w2 + wCo;
            for (int t = 0; t < kk; t++)
            {
                float* p = sc + off[t];
                var v0 = Vector512.Load(p);
                var v1 = Vector512.Load(p + V);
                var v2 = Vector512.Load(p + 2 * V);
                var v3 = Vector512.Load(p + 3 * V);
                var b = Vector512.Create(w0[t]);
                a00 = Vector512.FusedMultiplyAdd(v0, b, a00); a01 = Vector512.FusedMultiplyAdd(v1, b, a01);
                a02 = Vector512.FusedMultiplyAdd(v2, b, a02); a03 = Vector512.FusedMultiplyAdd(v3, b, a03);
                b = Vector512.Create(w1[t]);
                a10 = Vector512.FusedMultiplyAdd(v0, b, a10); a11 = Vector512.FusedMultiplyAdd(v1, b, a11);
                a12 = Vector512.FusedMultiplyAdd(v2, b, a12); a13 = Vector512.FusedMultiplyAdd(v3, b, a13);
                b = Vector512.Create(w2[t]);
                a20 = Vector512.FusedMultiplyAdd(v0, b, a20); a21 = Vector512.FusedMultiplyAdd(v1, b, a21);
                a22 = Vector512.FusedMultiplyAdd(v2, b, a22); a23 = Vector512.FusedMultiplyAdd(v3, b, a23);
                b = Vector512.Create(w3[t]);
                a30 = Vector512.FusedMultiplyAdd(v0, b, a30); a31 = Vector512.FusedMultiplyAdd(v1, b, a31);
                a32 = Vector512.FusedMultiplyAdd(v2, b, a32); a33 = Vector512.FusedMultiplyAdd(v3, b, a33);
            }
        }
        Store4(d, bias, 0, a00, a01, a02, a03, accumulate);
        Store4(d + dcs, bias, 1, a10, a11, a12, a13, accumulate);
        Store4(d + 2L * dcs, bias, 2, a20, a21, a22, a23, accumulate);
        Store4(d + 3L * dcs, bias, 3, a30, a31, a32, a33, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* d, float* bias, int r, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, bool accumulate)
    {
        if (bias != null)
        {
            var b = Vector512.Create(bias[r]);
            a0 += b; a1 += b; a2 += b; a3 += b;
        }
        if (accumulate)
        {
            a0 += Vector512.Load(d); a1 += Vector512.Load(d + V); a2 += Vector512.Load(d + 2 * V); a3 += Vector512.Load(d + 3 * V);
        }
        a0.Store(d); a1.Store(d + V); a2.Store(d + 2 * V); a3.Store(d + 3 * V);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4(float* s, int cin, int cs, int* off, int kk, float* w, float* bias, float* d, bool accumulate)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int ci = 0; ci < cin; ci++)
        {
            float* sc = s + (long)ci * cs;
            float* wc = w + ci * kk;
            for (int t = 0; t < kk; t++)
            {
                float* p = sc + off[t];
                var b = Vector512.Create(wc[t]);
                a0 = Vector512.FusedMultiplyAdd(Vector512.Load(p), b, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.Load(p + V), b, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.Load(p + 2 * V), b, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.Load(p + 3 * V), b, a3);
            }
        }
        Store4(d, bias, 0, a0, a1, a2, a3, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x1(float* s, int cin, int cs, int* off, int kk, float* w, float* bias, float* d, bool accumulate)
    {
        Vector512<float> a0 = default;
        for (int ci = 0; ci < cin; ci++)
        {
            float* sc = s + (long)ci * cs;
            float* wc = w + ci * kk;
            for (int t = 0; t < kk; t++) a0 = Vector512.FusedMultiplyAdd(Vector512.Load(sc + off[t]), Vector512.Create(wc[t]), a0);
        }
        if (bias != null) a0 += Vector512.Create(bias[0]);
        if (accumulate) a0 += Vector512.Load(d);
        a0.Store(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar(float* s, int cin, int cs, int* off, int kk, float* w, float* bias, float* d, bool accumulate)
    {
        float a = 0;
        for (int ci = 0; ci < cin; ci++)
        {
            float* sc = s + (long)ci * cs;
            float* wc = w + ci * kk;
            for (int t = 0; t < kk; t++) a += sc[off[t]] * wc[t];
        }
        if (bias != null) a += bias[0];
        *d = accumulate ? *d + a : a;
    }
}
