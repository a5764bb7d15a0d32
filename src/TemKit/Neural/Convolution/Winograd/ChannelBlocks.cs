using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Neural.Convolution.Winograd;

/// <summary>
/// Repacks channel planes into channel blocks, [c/16][y][x][16] (the "NCHW16c" layout), so a 16-channel pixel is one
/// Vector512 load and a transform can run with one channel per lane. 16×16 tiles of (channel, x) are transposed in
/// registers by four perfect-shuffle rounds (out[2i] = interleave-low(in[i], in[i + 8]), out[2i + 1] = interleave-high).
/// Pixels outside the source planes and channels beyond the count are zero.
/// </summary>
[SkipLocalsInit]
internal static unsafe class ChannelBlocks
{
    private static readonly Vector512<int> Low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> High = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);

    /// <summary>
    /// dst[s][y][x][j] = src[16s + j][y][x] for y &lt; dstHeight, x &lt; dstWidth (zero where y ≥ srcHeight, x ≥ srcWidth or
    /// 16s + j ≥ channels); src planes are srcHeight×srcWidth, dst holds ⌈channels/16⌉ blocks of dstHeight×dstWidth×16.
    /// </summary>
    public static void Pack(float* src, int channels, int srcHeight, int srcWidth, float* dst, int dstHeight, int dstWidth)
    {
        int sets = (channels + 15) / 16;
        long srcPlane = (long)srcHeight * srcWidth, dstPlane = (long)dstHeight * dstWidth * 16;
        int rows = sets * dstHeight;
        void Row(int index)
        {
            int s = index / dstHeight, y = index % dstHeight;
            float* d = dst + s * dstPlane + (long)y * dstWidth * 16;
            int count = Math.Min(16, channels - 16 * s);
            if (y >= srcHeight)
            {
                new Span<float>(d, dstWidth * 16).Clear();
                return;
            }
            float* row0 = src + 16L * s * srcPlane + (long)y * srcWidth;
            int x = 0;
            if (Avx512F.IsSupported && count == 16)
            {
                Vector512<float>* t = stackalloc Vector512<float>[16];
                for (; x + 16 <= srcWidth; x += 16)
                {
                    for (int j = 0; j < 16; j++) t[j] = Vector512.Load(row0 + j * srcPlane + x);
                    Transpose(t);
                    for (int j = 0; j < 16; j++) t[j].Store(d + (long)(x + j) * 16);
                }
            }
            for (; x < dstWidth; x++)
            {
                float* p = d + (long)x * 16;
                for (int j = 0; j < 16; j++) p[j] = j < count && x < srcWidth ? row0[j * srcPlane + x] : 0f;
            }
        }
        if ((long)rows * dstWidth * 16 < 1 << 18) for (int i = 0; i < rows; i++) Row(i);
        else Parallel.For(0, rows, Row);
    }

    /// <summary>Transposes the 16×16 matrix held in t[0..16) (row i = t[i]) in place, in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose(Vector512<float>* t)
    {
        Round(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15],
            out var a0, out var a1, out var a2, out var a3, out var a4, out var a5, out var a6, out var a7,
            out var a8, out var a9, out var a10, out var a11, out var a12, out var a13, out var a14, out var a15);
        Round(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,
            out var b0, out var b1, out var b2, out var b3, out var b4, out var b5, out var b6, out var b7,
            out var b8, out var b9, out var b10, out var b11, out var b12, out var b13, out var b14, out var b15);
        Round(b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15,
            out a0, out a1, out a2, out a3, out a4, out a5, out a6, out a7, out a8, out a9, out a10, out a11, out a12, out a13, out a14, out a15);
        Round(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,
            out t[0], out t[1], out t[2], out t[3], out t[4], out t[5], out t[6], out t[7],
            out t[8], out t[9], out t[10], out t[11], out t[12], out t[13], out t[14], out t[15]);
    }

    /// <summary>One perfect-shuffle round: o[2i] = interleave-low(i[i], i[i + 8]), o[2i + 1] = interleave-high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(Vector512<float> i0, Vector512<float> i1, Vector512<float> i2, Vector512<float> i3,
        Vector512<float> i4, Vector512<float> i5, Vector512<float> i6, Vector512<float> i7,
        Vector512<float> i8, Vector512<float> i9, Vector512<float> i10, Vector512<float> i11,
        Vector512<float> i12, Vector512<float> i13, Vector512<float> i14, Vector512<float> i15,
        out Vector512<float> o0, out Vector512<float> o1, out Vector512<float> o2, out Vector512<float> o3,
        out Vector512<float> o4, out Vector512<float> o5, out Vector512<float> o6, out Vector512<float> o7,
        out Vector512<float> o8, out Vector512<float> o9, out Vector512<float> o10, out Vector512<float> o11,
        out Vector512<float> o12, out Vector512<float> o13, out Vector512<float> o14, out Vector512<float> o15)
    {
        o0 = Avx512F.PermuteVar16x32x2(i0, Low, i8);
        o1 = Avx512F.PermuteVar16x32x2(i0, High, i8);
        o2 = Avx512F.PermuteVar16x32x2(i1, Low, i9);
        o3 = Avx512F.PermuteVar16x32x2(i1, High, i9);
        o4 = Avx512F.PermuteVar16x32x2(i2, Low, i10);
        o5 = Avx512F.PermuteVar16x32x2(i2, High, i10);
        o6 = Avx512F.PermuteVar16x32x2(i3, Low, i11);
        o7 = Avx512F.PermuteVar16x32x2(i3, High, i11);
        o8 = Avx512F.PermuteVar16x32x2(i4, Low, i12);
        o9 = Avx512F.PermuteVar16x32x2(i4, High, i12);
        o10 = Avx512F.PermuteVar16x32x2(i5, Low, i13);
        o11 = Avx512F.PermuteVar16x32x2(i5, High, i13);
        o12 = Avx512F.PermuteVar16x32x2(i6, Low, i14);
        o13 = Avx512F.PermuteVar16x32x2(i6, High, i14);
        o14 = Avx512F.PermuteVar16x32x2(i7, Low, i15);
        o15 = Avx512F.PermuteVar16x32x2(i7, High, i15);
    }
}
