using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Numerics.Gemm.Managed;

/// <summary>
/// The MR×NR register tile: C[0..MR)[0..NR) += alpha·Σ_p Apanel[p][r]·Bpanel[p][q] over packed micro-panels
/// (see <see cref="Packing"/>). The AVX-512 kernel keeps the 8×32 tile in 16 zmm accumulators, so each k step is two
/// B loads, eight broadcasts of A and sixteen FMAs; the Vector256 kernel runs the tile as four 4×16 quarters; the scalar
/// kernel is plain loops.
/// </summary>
internal static unsafe class MicroKernels
{
    /// <summary>Rows of the register tile.</summary>
    public const int MR = 8;

    /// <summary>Columns of the register tile (two Vector512).</summary>
    public const int NR = 32;

    /// <summary>The fastest kernel this machine runs.</summary>
    public static KernelKind Best { get; } = Avx512F.IsSupported ? KernelKind.Avx512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? KernelKind.Vector256 : KernelKind.Scalar;

    /// <summary>Runs the chosen kernel on one tile.</summary>
    public static void Run(KernelKind kind, int kc, float* a, float* b, float* c, int ldc, float alpha)
    {
        switch (kind)
        {
            case KernelKind.Avx512: Avx512Tile(kc, a, b, c, ldc, alpha); break;
            case KernelKind.Vector256:
                for (int r = 0; r < MR; r += 4)
                    for (int q = 0; q < NR; q += 16) Vector256Quarter(kc, a + r, b + q, c + (long)r * ldc + q, ldc, alpha);
                break;
            default: ScalarTile(kc, a, b, c, ldc, alpha); break;
        }
    }

    /// <summary>
    /// C[0..MR)[0..NR) = Σ_p Apanel[p][r]·Bpanel[p][q]: the tile overwritten, not accumulated, so callers need not clear
    /// it first (the Winograd products).
    /// </summary>
    public static void Store(KernelKind kind, int kc, float* a, float* b, float* c, int ldc)
    {
        if (kind == KernelKind.Avx512)
        {
            Avx512Tile(kc, a, b, c, ldc, 1f, overwrite: true);
            return;
        }
        for (int r = 0; r < MR; r++) new Span<float>(c + (long)r * ldc, NR).Clear();
        Run(kind, kc, a, b, c, ldc, 1f);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx512Tile(int kc, float* a, float* b, float* c, int ldc, float alpha, bool overwrite = false)
    {
        Vector512<float> c00 = default, c01 = default; Vector512<float> c10 = default, c11 = default; Vector512<float> c20 = default, c21 = default; Vector512<float> c30 = default, c31 = default; Vector512<float> c40 = default, c41 = default; Vector512<float> c50 = default, c51 = default; Vector512<float> c60 = default, c61 = default; Vector512<float> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += MR;
            b += NR;
        }
        if (overwrite)
        {
            Vector512.Store(c00, c); Vector512.Store(c01, c + 16);
            Vector512.Store(c10, c + 1L * ldc); Vector512.Store(c11, c + 1L * ldc + 16);
            Vector512.Store(c20, c + 2L * ldc); Vector512.Store(c21, c + 2L * ldc + 16);
            Vector512.Store(c30, c + 3L * ldc); Vector512.Store(c31, c + 3L * ldc + 16);
            Vector512.Store(c40, c + 4L * ldc); Vector512.Store(c41, c + 4L * ldc + 16);
            Vector512.Store(c50, c + 5L * ldc); Vector512.Store(c51, c + 5L * ldc + 16);
            Vector512.Store(c60, c + 6L * ldc); Vector512.Store(c61, c + 6L * ldc + 16);
            Vector512.Store(c70, c + 7L * ldc); Vector512.Store(c71, c + 7L * ldc + 16);
            return;
        }
        var va = Vector512.Create(alpha);
        Update(c + 0L * ldc, c00, c01, va);
        Update(c + 1L * ldc, c10, c11, va);
        Update(c + 2L * ldc, c20, c21, va);
        Update(c + 3L * ldc, c30, c31, va);
        Update(c + 4L * ldc, c40, c41, va);
        Update(c + 5L * ldc, c50, c51, va);
        Update(c + 6L * ldc, c60, c61, va);
        Update(c + 7L * ldc, c70, c71, va);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* c, Vector512<float> lo, Vector512<float> hi, Vector512<float> alpha)
    {
        Vector512.Store(Vector512.FusedMultiplyAdd(lo, alpha, Vector512.Load(c)), c);
        Vector512.Store(Vector512.FusedMultiplyAdd(hi, alpha, Vector512.Load(c + 16)), c + 16);
    }

    /// <summary>Rows r..r+3, columns q..q+15 of the tile: a and b already point at row r and column q of their panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector256Quarter(int kc, float* a, float* b, float* c, int ldc, float alpha)
    {
        Vector256<float> c00 = default, c01 = default; Vector256<float> c10 = default, c11 = default; Vector256<float> c20 = default, c21 = default; Vector256<float> c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            a += MR;
            b += NR;
        }
        var va = Vector256.Create(alpha);
        Vector256.Store(Vector256.FusedMultiplyAdd(c00, va, Vector256.Load(c + 0L * ldc)), c + 0L * ldc);
        Vector256.Store(Vector256.FusedMultiplyAdd(c01, va, Vector256.Load(c + 0L * ldc + 8)), c + 0L * ldc + 8);
        Vector256.Store(Vector256.FusedMultiplyAdd(c10, va, Vector256.Load(c + 1L * ldc)), c + 1L * ldc);
        Vector256.Store(Vector256.FusedMultiplyAdd(c11, va, Vector256.Load(c + 1L * ldc + 8)), c + 1L * ldc + 8);
        Vector256.Store(Vector256.FusedMultiplyAdd(c20, va, Vector256.Load(c + 2L * ldc)), c + 2L * ldc);
        Vector256.Store(Vector256.FusedMultiplyAdd(c21, va, Vector256.Load(c + 2L * ldc + 8)), c + 2L * ldc + 8);
        Vector256.Store(Vector256.FusedMultiplyAdd(c30, va, Vector256.Load(c + 3L * ldc)), c + 3L * ldc);
        Vector256.Store(Vector256.FusedMultiplyAdd(c31, va, Vector256.Load(c + 3L * ldc + 8)), c + 3L * ldc + 8);
    }

    private static void ScalarTile(int kc, float* a, float* b, float* c, int ldc, float alpha)
    {
        float* acc = stackalloc float[MR * NR];
        new Span<float>(acc, MR * NR).Clear();
        for (int p = 0; p < kc; p++)
        {
            float* ap = a + p * MR, bp = b + p * NR;
            for (int r = 0; r < MR; r++)
            {
                float ar = ap[r];
                float* row = acc + r * NR;
                for (int q = 0; q < NR; q++) row[q] = MathF.FusedMultiplyAdd(ar, bp[q], row[q]);
            }
        }
        for (int r = 0; r < MR; r++)
            for (int q = 0; q < NR; q++) c[(long)r * ldc + q] += alpha * acc[r * NR + q];
    }
}
