using System.Runtime.InteropServices;

namespace TemKit.Numerics.Gemm.OpenBlas;

/// <summary>The part of cblas.h (and OpenBLAS's own openblas_config.h) TemKit uses, bound with LibraryImport.</summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "libopenblas.so.0";

    // enum CBLAS_ORDER and enum CBLAS_TRANSPOSE, as in cblas.h.
    public const int CblasRowMajor = 101;
    public const int CblasNoTrans = 111;
    public const int CblasTrans = 112;

    /// <summary>void cblas_sgemm(OPENBLAS_CONST enum CBLAS_ORDER Order, OPENBLAS_CONST enum CBLAS_TRANSPOSE TransA, OPENBLAS_CONST enum CBLAS_TRANSPOSE TransB, OPENBLAS_CONST blasint M, OPENBLAS_CONST blasint N, OPENBLAS_CONST blasint K, OPENBLAS_CONST float alpha, OPENBLAS_CONST float *A, OPENBLAS_CONST blasint lda, OPENBLAS_CONST float *B, OPENBLAS_CONST blasint ldb, OPENBLAS_CONST float beta, float *C, OPENBLAS_CONST blasint ldc); blasint is int (LP64 build).</summary>
    [LibraryImport(Library)]
    public static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    /// <summary>void openblas_set_num_threads(int num_threads).</summary>
    [LibraryImport(Library)]
    public static partial void openblas_set_num_threads(int threads);

    /// <summary>int openblas_get_num_threads(void).</summary>
    [LibraryImport(Library)]
    public static partial int openblas_get_num_threads();

    /// <summary>char* openblas_get_config(void): build options, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".</summary>
    [LibraryImport(Library)]
    public static partial nint openblas_get_config();
}
