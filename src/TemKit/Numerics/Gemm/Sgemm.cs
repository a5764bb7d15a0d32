using TemKit.Numerics.Gemm.Managed;
using TemKit.Numerics.Gemm.OpenBlas;

namespace TemKit.Numerics.Gemm;

/// <summary>
/// Single-precision GEMM, C = alpha·op(A)·op(B) + beta·C, row-major. <see cref="Default"/> is OpenBLAS
/// (libopenblas.so.0, 2 threads) when it loads, else the managed cache-blocked AVX-512 backend. The environment variable
/// TEMKIT_BLAS=managed|openblas|auto forces a choice; TEMKIT_BLAS=openblas on a machine without libopenblas makes
/// <see cref="Default"/> throw an <see cref="InvalidOperationException"/> that says what to install.
/// </summary>
public static class Sgemm
{
    private static readonly Lazy<ISgemmProvider> s_default = new(() => Select(Environment.GetEnvironmentVariable("TEMKIT_BLAS")));

    /// <summary>The backend TemKit uses everywhere.</summary>
    public static ISgemmProvider Default => s_default.Value;

    /// <summary>The managed backend, always available.</summary>
    public static ManagedSgemmProvider Managed { get; } = new();

    /// <summary>The OpenBLAS backend, or null when libopenblas.so.0 cannot be loaded.</summary>
    public static OpenBlasSgemmProvider? OpenBlas => OpenBlasSgemmProvider.Instance;

    /// <summary>C = alpha·op(A)·op(B) + beta·C on <see cref="Default"/>; see <see cref="ISgemmProvider.Multiply"/>.</summary>
    public static void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Default.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>The backend a TEMKIT_BLAS value selects (null or empty: automatic).</summary>
    internal static ISgemmProvider Select(string? setting)
    {
        string? forced = setting?.Trim().ToLowerInvariant();
        return forced switch
        {
            null or "" or "auto" => (ISgemmProvider?)OpenBlas ?? Managed,
            "managed" => Managed,
            "openblas" => OpenBlas ?? throw new InvalidOperationException(
                $"TEMKIT_BLAS=openblas but {NativeMethods.Library} could not be loaded: install OpenBLAS " +
                "(Debian/Ubuntu: apt-get install libopenblas0) or unset TEMKIT_BLAS to use the managed backend"),
            _ => throw new InvalidOperationException($"TEMKIT_BLAS={forced}: expected 'managed', 'openblas' or 'auto'"),
        };
    }
}
