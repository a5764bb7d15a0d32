using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Numerics.Gemm.Managed;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-kernel's layout: A as MR-row micro-panels (for each k, MR
/// consecutive row values), B as NR-column micro-panels (for each k, NR consecutive column values); rows or columns
/// past the matrix edge are zero so the kernel never branches.
/// </summary>
internal static unsafe class Packing
{
    private const int MR = MicroKernels.MR, NR = MicroKernels.NR;

    /// <summary>Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into ceil(mc/MR) micro-panels of MR·kc floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(Transpose trans, float* a, int lda, int i0, int mc, int p0, int kc, float* dst)
    {
        for (int i = 0; i < mc; i += MR)
        {
            int mr = Math.Min(MR, mc - i);
            float* panel = dst + (long)i * kc;
            if (trans == Transpose.No)
            {
                // op(A)(r, p) = a[r·lda + p]: each stored row is contiguous in p, so full panels go 8×8 block by block.
                float* rows = a + (long)(i0 + i) * lda + p0;
                int done = 0;
                if (mr == MR && Transpose8x8.IsSupported)
                    for (; done + 8 <= kc; done += 8) Transpose8x8.Run(rows + done, lda, panel + done * MR, MR);
                for (int r = 0; r < mr; r++)
                {
                    float* src = rows + (long)r * lda;
                    for (int p = done; p < kc; p++) panel[p * MR + r] = src[p];
                }
                for (int r = mr; r < MR; r++)
                    for (int p = 0; p < kc; p++) panel[p * MR + r] = 0f;
            }
            else
            {
                // op(A)(r, p) = a[p·lda + r]: MR consecutive values per p.
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (long)(p0 + p) * lda + i0 + i;
                    float* d = panel + p * MR;
                    if (mr == MR) Vector256.Store(Vector256.Load(src), d);
                    else
                    {
                        for (int r = 0; r < mr; r++) d[r] = src[r];
                        for (int r = mr; r < MR; r++) d[r] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>As <see cref="PackB"/> for an untransposed B, row by row: each stored row is read end to end once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBRows(float* b, int ldb, int p0, int kc, int j0, int nc, float* dst)
    {
        int full = nc / NR * NR;
        for (int p = 0; p < kc; p++)
        {
            float* src = b + (long)(p0 + p) * ldb + j0;
            float* d = dst + p * NR;
            for (int j = 0; j < full; j += NR)
            {
                float* dj = d + (long)j * kc;
                Vector256.Store(Vector256.Load(src + j), dj);
                Vector256.Store(Vector256.Load(src + j + 8), dj + 8);
                Vector256.Store(Vector256.Load(src + j + 16), dj + 16);
                Vector256.Store(Vector256.Load(src + j + 24), dj + 24);
            }
            if (full < nc)
            {
                float* dj = d + (long)full * kc;
                for (int q = 0; q < nc - full; q++) dj[q] = src[full + q];
                for (int q = nc - full; q < NR; q++) dj[q] = 0f;
            }
        }
    }

    /// <summary>Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into ceil(nc/NR) micro-panels of kc·NR floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(Transpose trans, float* b, int ldb, int p0, int kc, int j0, int nc, float* dst)
    {
        for (int j = 0; j < nc; j += NR)
        {
            int nr = Math.Min(NR, nc - j);
            float* panel = dst + (long)j * kc;
            if (trans == Transpose.No)
            {
                // op(B)(p, q) = b[p·ldb + q]: NR consecutive values per p.
                for (int p = 0; p < kc; p++)
                {
                    float* src = b + (long)(p0 + p) * ldb + j0 + j;
                    float* d = panel + p * NR;
                    if (nr == NR)
                    {
                        Vector256.Store(Vector256.Load(src), d);
                        Vector256.Store(Vector256.Load(src + 8), d + 8);
                        Vector256.Store(Vector256.Load(src + 16), d + 16);
                        Vector256.Store(Vector256.Load(src + 24), d + 24);
                    }
                    else
                    {
                        for (int q = 0; q < nr; q++) d[q] = src[q];
                        for (int q = nr; q < NR; q++) d[q] = 0f;
                    }
                }
            }
            else
            {
                // op(B)(p, q) = b[q·ldb + p]: each stored row is contiguous in p; groups of 8 rows go 8×8 block by block.
                float* rows = b + (long)(j0 + j) * ldb + p0;
                int q8 = Transpose8x8.IsSupported ? nr / 8 * 8 : 0, done = kc / 8 * 8;
                for (int q = 0; q < q8; q += 8)
                    for (int p = 0; p < done; p += 8) Transpose8x8.Run(rows + (long)q * ldb + p, ldb, panel + p * NR + q, NR);
                for (int q = 0; q < nr; q++)
                {
                    float* src = rows + (long)q * ldb;
                    for (int p = q < q8 ? done : 0; p < kc; p++) panel[p * NR + q] = src[p];
                }
                for (int q = nr; q < NR; q++)
                    for (int p = 0; p < kc; p++) panel[p * NR + q] = 0f;
            }
        }
    }
}
