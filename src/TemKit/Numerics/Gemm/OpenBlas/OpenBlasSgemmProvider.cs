using System.Runtime.InteropServices;

namespace TemKit.Numerics.Gemm.OpenBlas;

/// <summary>
/// SGEMM on OpenBLAS (libopenblas.so.0, Debian/Ubuntu package libopenblas0) through cblas_sgemm, row-major. Loaded
/// with NativeLibrary.TryLoad only when present; its thread count is set to Environment.ProcessorCount once at load.
/// </summary>
public sealed unsafe class OpenBlasSgemmProvider : ISgemmProvider
{
    private static readonly Lazy<OpenBlasSgemmProvider?> s_instance = new(Load);

    private OpenBlasSgemmProvider(int threads, string config)
    {
        Threads = threads;
        Config = config;
    }

    /// <summary>The backend, or null when libopenblas.so.0 cannot be loaded or lacks cblas_sgemm.</summary>
    public static OpenBlasSgemmProvider? Instance => s_instance.Value;

    /// <inheritdoc />
    public string Name => "openblas";

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <summary>Threads OpenBLAS uses per call (0 when the library does not report it).</summary>
    public int Threads { get; }

    /// <summary>OpenBLAS build description (openblas_get_config), or empty.</summary>
    public string Config { get; }

    private static OpenBlasSgemmProvider? Load()
    {
        if (!NativeLibrary.TryLoad(NativeMethods.Library, out var lib) || !NativeLibrary.TryGetExport(lib, "cblas_sgemm", out _))
            return null;
        int threads = 0;
        if (NativeLibrary.TryGetExport(lib, "openblas_set_num_threads", out _))
            NativeMethods.openblas_set_num_threads(Environment.ProcessorCount);
        if (NativeLibrary.TryGetExport(lib, "openblas_get_num_threads", out _))
            threads = NativeMethods.openblas_get_num_threads();
        string config = NativeLibrary.TryGetExport(lib, "openblas_get_config", out _)
            ? Marshal.PtrToStringUTF8(NativeMethods.openblas_get_config()) ?? ""
            : "";
        return new OpenBlasSgemmProvider(threads, config);
    }

    /// <inheritdoc />
    public void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        SgemmChecks.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        // cblas_sgemm returns nothing: the checks above stand in for its xerbla parameter errors.
        fixed (float* pa = a, pb = b, pc = c)
        {
            NativeMethods.cblas_sgemm(NativeMethods.CblasRowMajor, Op(transA), Op(transB), m, n, k, alpha,
                pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static int Op(Transpose t) => t == Transpose.No ? NativeMethods.CblasNoTrans : NativeMethods.CblasTrans;
}
