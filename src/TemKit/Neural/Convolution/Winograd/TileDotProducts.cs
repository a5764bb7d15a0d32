using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Neural.Convolution.Winograd;

/// <summary>
/// P[r][q] += Σ_t A[r][t]·B[q][t]: the products of the Winograd weight gradient, where both operands keep the tiles t
/// contiguous (the layout the tile transforms write), so no packing or transposing is needed. A 4×4 block of rows keeps
/// 16 Vector512 accumulators over t (8 loads per 16 FMAs); each accumulator is reduced once at the end, in double.
/// </summary>
internal static unsafe class TileDotProducts
{
    /// <summary>
    /// Adds A·Bᵀ to <paramref name="p"/>: A is rows×k (row stride lda), B is cols×k (row stride ldb), P is rows×cols
    /// (row stride ldp); k must be a multiple of 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(float* a, int lda, int rows, float* b, int ldb, int cols, int k, double* p, int ldp)
    {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int q = 0;
            for (; q + 4 <= cols; q += 4) Block4x4(a + (long)r * lda, lda, b + (long)q * ldb, ldb, k, p + (long)r * ldp + q, ldp);
            for (; q < cols; q++)
                for (int rr = r; rr < r + 4; rr++) p[(long)rr * ldp + q] += Dot(a + (long)rr * lda, b + (long)q * ldb, k);
        }
        for (; r < rows; r++)
            for (int q = 0; q < cols; q++) p[(long)r * ldp + q] += Dot(a + (long)r * lda, b + (long)q * ldb, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4(float* a, int lda, float* b, int ldb, int k, double* p, int ldp)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        float* a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda;
        float* b1 = b + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        for (int t = 0; t < k; t += 16)
        {
            var x0 = Vector512.Load(a + t);
            var x1 = Vector512.Load(a1 + t);
            var x2 = Vector512.Load(a2 + t);
            var x3 = Vector512.Load(a3 + t);
            var y = Vector512.Load(b + t);
            c00 = Vector512.FusedMultiplyAdd(x0, y, c00); c10 = Vector512.FusedMultiplyAdd(x1, y, c10); c20 = Vector512.FusedMultiplyAdd(x2, y, c20); c30 = Vector512.FusedMultiplyAdd(x3, y, c30);
            y = Vector512.Load(b1 + t);
            c01 = Vector512.FusedMultiplyAdd(x0, y, c01); c11 = Vector512.FusedMultiplyAdd(x1, y, c11); c21 = Vector512.FusedMultiplyAdd(x2, y, c21); c31 = Vector512.FusedMultiplyAdd(x3, y, c31);
            y = Vector512.Load(b2 + t);
            c02 = Vector512.FusedMultiplyAdd(x0, y, c02); c12 = Vector512.FusedMultiplyAdd(x1, y, c12); c22 = Vector512.FusedMultiplyAdd(x2, y, c22); c32 = Vector512.FusedMultiplyAdd(x3, y, c32);
            y = Vector512.Load(b3 + t);
            c03 = Vector512.FusedMultiplyAdd(x0, y, c03); c13 = Vector512.FusedMultiplyAdd(x1, y, c13); c23 = Vector512.FusedMultiplyAdd(x2, y, c23); c33 = Vector512.FusedMultiplyAdd(x3, y, c33);
        }
        Store(p, c00, c01, c02, c03);
        Store(p + ldp, c10, c11, c12, c13);
        Store(p + 2L * ldp, c20, c21, c22, c23);
        Store(p + 3L * ldp, c30, c31, c32, c33);
    }

    /// <summary>p[0..3] += the lane sums of s0..s3: two unpack-and-add rounds leave [Σs0, Σs1, Σs2, Σs3] per 128-bit block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(double* p, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        if (!Avx512F.IsSupported)
        {
            p[0] += Vector512.Sum(s0);
            p[1] += Vector512.Sum(s1);
            p[2] += Vector512.Sum(s2);
            p[3] += Vector512.Sum(s3);
            return;
        }
        var t01 = Avx512F.UnpackLow(s0, s1) + Avx512F.UnpackHigh(s0, s1);
        var t23 = Avx512F.UnpackLow(s2, s3) + Avx512F.UnpackHigh(s2, s3);
        var u = Avx512F.Shuffle(t01, t23, 0b01_00_01_00) + Avx512F.Shuffle(t01, t23, 0b11_10_11_10);
        var half = u.GetLower() + u.GetUpper();
        var sums = half.GetLower() + half.GetUpper();
        Vector256.Store(Vector256.Load(p) + Avx.ConvertToVector256Double(sums), p);
    }

    private static double Dot(float* a, float* b, int k)
    {
        var s = Vector512<float>.Zero;
        for (int t = 0; t < k; t += 16) s = Vector512.FusedMultiplyAdd(Vector512.Load(a + t), Vector512.Load(b + t), s);
        return Vector512.Sum(s);
    }
}
