using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Neural.Convolution.Winograd;

/// <summary>
/// Straight-line AVX-512 tile transforms of F(4×4, 5×5) with points 0, ±1, ±2, ±½, ∞ (the matrices
/// <see cref="WinogradTransform"/> builds, written out with the ±a rows paired as even ± odd parts), for 16 tiles at a
/// time, one per lane. Used for interior groups; <see cref="WinogradConvolution"/> falls back to its generic sparse
/// transforms at the image edges and on other CPUs.
/// </summary>
[SkipLocalsInit]
internal static unsafe class Winograd45
{
    /// <summary>Output tile m.</summary>
    public const int M = 4;

    /// <summary>Input tile n.</summary>
    public const int N = 8;

    private static readonly Vector512<int> Evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> Odds = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    private static readonly Vector512<int> Low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> High = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);

    /// <summary>G' of the weight gradient's F(5×5, 4×4) (same points): rows 1..6 pair as ±a, row 0 is G'₀₀·g₀, row 7 is g₃.</summary>
    private static readonly double[,] GradientG = new WinogradTransform(5, 4).G;
    private static readonly float G00 = (float)GradientG[0, 0];
    private static readonly float G10 = (float)GradientG[1, 0], G11 = (float)GradientG[1, 1], G12 = (float)GradientG[1, 2], G13 = (float)GradientG[1, 3];
    private static readonly float G30 = (float)GradientG[3, 0], G31 = (float)GradientG[3, 1], G32 = (float)GradientG[3, 2], G33 = (float)GradientG[3, 3];
    private static readonly float G50 = (float)GradientG[5, 0], G51 = (float)GradientG[5, 1], G52 = (float)GradientG[5, 2], G53 = (float)GradientG[5, 3];

    /// <summary>True when the fast transforms run on this machine.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// Bᵀ d B for 16 tiles whose 8×8 windows start at row0 + 4k (k = lane), rows <paramref name="pw"/> apart; all 68
    /// columns of the 8 rows must be readable. Point (i, j) of the tiles goes to v[(8i + j)·xiStride ..+16].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input(float* row0, int pw, float* v, long xiStride)
    {
        Vector512<float>* t = stackalloc Vector512<float>[N * N];
        for (int r = 0; r < N; r++)
        {
            float* row = row0 + (long)r * pw;
            Deinterleave4(row, out var d0, out var d1, out var d2, out var d3);
            Deinterleave4(row + 4, out var d4, out var d5, out var d6, out var d7);
            Vector512<float>* o = t + r * N;
            Bt(d0, d1, d2, d3, d4, d5, d6, d7, out o[0], out o[1], out o[2], out o[3], out o[4], out o[5], out o[6], out o[7]);
        }
        ColumnsToPoints(t, v, xiStride);
    }

    /// <summary>
    /// Aᵀ M A + bias for 16 tiles: point (i, j) at mp[(8i + j)·xiStride ..+16]; tile k's 4×4 pixels go to
    /// out0 + 4k + x + y·w (x, y &lt; 4), all 64 columns of the 4 rows writable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output(float* mp, long xiStride, float bias, float* out0, int w)
    {
        Vector512<float>* s = stackalloc Vector512<float>[M * N];
        for (int j = 0; j < N; j++)
        {
            float* c = mp + j * xiStride;
            long st = N * xiStride;
            At(Vector512.Load(c), Vector512.Load(c + st), Vector512.Load(c + 2 * st), Vector512.Load(c + 3 * st),
                Vector512.Load(c + 4 * st), Vector512.Load(c + 5 * st), Vector512.Load(c + 6 * st), Vector512.Load(c + 7 * st),
                out s[j], out s[N + j], out s[2 * N + j], out s[3 * N + j]);
        }
        var b = Vector512.Create(bias);
        for (int i = 0; i < M; i++)
        {
            Vector512<float>* r = s + i * N;
            At(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], out var y0, out var y1, out var y2, out var y3);
            Interleave4(y0 + b, y1 + b, y2 + b, y3 + b, out0 + (long)i * w);
        }
    }

    /// <summary>
    /// Bᵀ d B of one tile for 16 channels, one per lane: pixel (r, c) of the 8×8 window is the vector at
    /// tile + (r·rowStride + c)·16 (channel-block layout, <see cref="ChannelBlocks"/>); point (i, j) goes to
    /// dst[(8i + j)·xiStride ..+16].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputChannels(float* tile, int rowStride, float* dst, long xiStride)
    {
        Vector512<float>* t = stackalloc Vector512<float>[N * N];
        for (int r = 0; r < N; r++)
        {
            float* p = tile + (long)r * rowStride * 16;
            Vector512<float>* o = t + r * N;
            Bt(Vector512.Load(p), Vector512.Load(p + 16), Vector512.Load(p + 32), Vector512.Load(p + 48),
                Vector512.Load(p + 64), Vector512.Load(p + 80), Vector512.Load(p + 96), Vector512.Load(p + 112),
                out o[0], out o[1], out o[2], out o[3], out o[4], out o[5], out o[6], out o[7]);
        }
        ColumnsToPoints(t, dst, xiStride);
    }

    /// <summary>Second half of Bᵀ d B: the column transforms of the row-transformed 8×8 vectors in t, point (i, j)
    /// stored at dst[(8i + j)·xiStride ..+16].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ColumnsToPoints(Vector512<float>* t, float* dst, long xiStride)
    {
        long s = N * xiStride;
        for (int j = 0; j < N; j++)
        {
            Vector512<float>* c = t + j;
            Bt(c[0], c[N], c[2 * N], c[3 * N], c[4 * N], c[5 * N], c[6 * N], c[7 * N],
                out var v0, out var v1, out var v2, out var v3, out var v4, out var v5, out var v6, out var v7);
            float* d = dst + j * xiStride;
            v0.Store(d);
            v1.Store(d + s);
            v2.Store(d + 2 * s);
            v3.Store(d + 3 * s);
            v4.Store(d + 4 * s);
            v5.Store(d + 5 * s);
            v6.Store(d + 6 * s);
            v7.Store(d + 7 * s);
        }
    }

    /// <summary>
    /// G' g G'ᵀ of one 4×4 output-gradient tile for 16 channels, one per lane (pixel (i, j) at tile + (i·rowStride + j)·16):
    /// point ξ = 8a + b goes to low[ξ·xiStride ..+8] (channels 0–7) and high[ξ·xiStride ..+8] (channels 8–15).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GradientChannels(float* tile, int rowStride, float* low, float* high, long xiStride)
    {
        Vector512<float>* t = stackalloc Vector512<float>[M * N];
        for (int i = 0; i < M; i++)
        {
            float* p = tile + (long)i * rowStride * 16;
            Vector512<float>* o = t + i * N;
            Gt(Vector512.Load(p), Vector512.Load(p + 16), Vector512.Load(p + 32), Vector512.Load(p + 48),
                out o[0], out o[1], out o[2], out o[3], out o[4], out o[5], out o[6], out o[7]);
        }
        for (int b = 0; b < N; b++)
        {
            Gt(t[b], t[N + b], t[2 * N + b], t[3 * N + b], out var v0, out var v1, out var v2, out var v3, out var v4, out var v5, out var v6, out var v7);
            long s = N * xiStride, o = b * xiStride;
            Split(v0, low + o, high + o);
            Split(v1, low + o + s, high + o + s);
            Split(v2, low + o + 2 * s, high + o + 2 * s);
            Split(v3, low + o + 3 * s, high + o + 3 * s);
            Split(v4, low + o + 4 * s, high + o + 4 * s);
            Split(v5, low + o + 5 * s, high + o + 5 * s);
            Split(v6, low + o + 6 * s, high + o + 6 * s);
            Split(v7, low + o + 7 * s, high + o + 7 * s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(Vector512<float> v, float* low, float* high)
    {
        v.GetLower().Store(low);
        v.GetUpper().Store(high);
    }

    /// <summary>One 4-to-8 kernel transform of the weight gradient (G' rows, ±a pairs as even ± odd parts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gt(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3,
        out Vector512<float> o0, out Vector512<float> o1, out Vector512<float> o2, out Vector512<float> o3,
        out Vector512<float> o4, out Vector512<float> o5, out Vector512<float> o6, out Vector512<float> o7)
    {
        o0 = Vector512.Create(G00) * g0;
        o7 = g3;
        var e = Vector512.FusedMultiplyAdd(Vector512.Create(G10), g0, Vector512.Create(G12) * g2);
        var q = Vector512.FusedMultiplyAdd(Vector512.Create(G11), g1, Vector512.Create(G13) * g3);
        o1 = e + q;
        o2 = e - q;
        e = Vector512.FusedMultiplyAdd(Vector512.Create(G30), g0, Vector512.Create(G32) * g2);
        q = Vector512.FusedMultiplyAdd(Vector512.Create(G31), g1, Vector512.Create(G33) * g3);
        o3 = e + q;
        o4 = e - q;
        e = Vector512.FusedMultiplyAdd(Vector512.Create(G50), g0, Vector512.Create(G52) * g2);
        q = Vector512.FusedMultiplyAdd(Vector512.Create(G51), g1, Vector512.Create(G53) * g3);
        o5 = e + q;
        o6 = e - q;
    }

    /// <summary>One 8-point input transform (rows of Bᵀ for 0, ±1, ±2, ±½, ∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Bt(Vector512<float> d0, Vector512<float> d1, Vector512<float> d2, Vector512<float> d3,
        Vector512<float> d4, Vector512<float> d5, Vector512<float> d6, Vector512<float> d7,
        out Vector512<float> o0, out Vector512<float> o1, out Vector512<float> o2, out Vector512<float> o3,
        out Vector512<float> o4, out Vector512<float> o5, out Vector512<float> o6, out Vector512<float> o7)
    {
        var c525 = Vector512.Create(5.25f);
        var c425 = Vector512.Create(4.25f);
        o0 = Vector512.FusedMultiplyAdd(c525, d2 - d4, d6 - d0);
        o7 = Vector512.FusedMultiplyAdd(c525, d3 - d5, d7 - d1);
        var e1 = Vector512.FusedMultiplyAdd(-c425, d4, d2 + d6);
        var q1 = Vector512.FusedMultiplyAdd(-c425, d3, d1 + d5);
        o1 = e1 + q1;
        o2 = e1 - q1;
        var e2 = Vector512.FusedMultiplyAdd(Vector512.Create(0.25f), d2, Vector512.FusedMultiplyAdd(Vector512.Create(-1.25f), d4, d6));
        var q2 = Vector512.FusedMultiplyAdd(Vector512.Create(0.5f), d1, Vector512.FusedMultiplyAdd(Vector512.Create(-2.5f), d3, d5 + d5));
        o3 = e2 + q2;
        o4 = e2 - q2;
        var e3 = Vector512.FusedMultiplyAdd(Vector512.Create(4f), d2, Vector512.FusedMultiplyAdd(Vector512.Create(-5f), d4, d6));
        var q3 = Vector512.FusedMultiplyAdd(Vector512.Create(2f), d1, Vector512.FusedMultiplyAdd(Vector512.Create(-2.5f), d3, Vector512.Create(0.5f) * d5));
        o5 = e3 + q3;
        o6 = e3 - q3;
    }

    /// <summary>One 8-to-4 output transform (Aᵀ: powers 0..3 of 0, ±1, ±2, ±½, and ∞ in the last row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void At(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3,
        Vector512<float> m4, Vector512<float> m5, Vector512<float> m6, Vector512<float> m7,
        out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3)
    {
        Vector512<float> s1 = m1 + m2, d1 = m1 - m2, s2 = m3 + m4, d2 = m3 - m4, s3 = m5 + m6, d3 = m5 - m6;
        y0 = m0 + s1 + s2 + s3;
        y1 = Vector512.FusedMultiplyAdd(Vector512.Create(2f), d2, Vector512.FusedMultiplyAdd(Vector512.Create(0.5f), d3, d1));
        y2 = Vector512.FusedMultiplyAdd(Vector512.Create(4f), s2, Vector512.FusedMultiplyAdd(Vector512.Create(0.25f), s3, s1));
        y3 = Vector512.FusedMultiplyAdd(Vector512.Create(8f), d2, Vector512.FusedMultiplyAdd(Vector512.Create(0.125f), d3, d1 + m7));
    }

    /// <summary>p[c] lane k = x[4k + c] for the 64 floats at x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deinterleave4(float* x, out Vector512<float> p0, out Vector512<float> p1, out Vector512<float> p2, out Vector512<float> p3)
    {
        Vector512<float> z0 = Vector512.Load(x), z1 = Vector512.Load(x + 16), z2 = Vector512.Load(x + 32), z3 = Vector512.Load(x + 48);
        var e01 = Avx512F.PermuteVar16x32x2(z0, Evens, z1);
        var o01 = Avx512F.PermuteVar16x32x2(z0, Odds, z1);
        var e23 = Avx512F.PermuteVar16x32x2(z2, Evens, z3);
        var o23 = Avx512F.PermuteVar16x32x2(z2, Odds, z3);
        p0 = Avx512F.PermuteVar16x32x2(e01, Evens, e23);
        p2 = Avx512F.PermuteVar16x32x2(e01, Odds, e23);
        p1 = Avx512F.PermuteVar16x32x2(o01, Evens, o23);
        p3 = Avx512F.PermuteVar16x32x2(o01, Odds, o23);
    }

    /// <summary>x[4k + c] = p[c] lane k for 64 floats at x (inverse of <see cref="Deinterleave4"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave4(Vector512<float> p0, Vector512<float> p1, Vector512<float> p2, Vector512<float> p3, float* x)
    {
        var a0 = Avx512F.PermuteVar16x32x2(p0, Low, p2);
        var a1 = Avx512F.PermuteVar16x32x2(p0, High, p2);
        var b0 = Avx512F.PermuteVar16x32x2(p1, Low, p3);
        var b1 = Avx512F.PermuteVar16x32x2(p1, High, p3);
        Avx512F.PermuteVar16x32x2(a0, Low, b0).Store(x);
        Avx512F.PermuteVar16x32x2(a0, High, b0).Store(x + 16);
        Avx512F.PermuteVar16x32x2(a1, Low, b1).Store(x + 32);
        Avx512F.PermuteVar16x32x2(a1, High, b1).Store(x + 48);
    }
}
