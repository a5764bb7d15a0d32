namespace TemKit.Numerics.Gemm;

/// <summary>
/// A single-precision matrix-multiply backend (BLAS level 3 SGEMM), row-major. Providers follow the Math.NET provider
/// pattern: <see cref="Sgemm.Default"/> picks one, TEMKIT_BLAS forces one.
/// </summary>
public interface ISgemmProvider
{
    /// <summary>Short backend name, e.g. "managed" or "openblas".</summary>
    string Name { get; }

    /// <summary>True when the backend can run on this machine (its native library loaded).</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C with op(A) m×k, op(B) k×n, C m×n, all row-major with leading dimensions (floats
    /// between consecutive rows as stored). beta = 0 overwrites C without reading it (NaN in C does not propagate).
    /// The spans are checked against the shapes before anything runs; C must not overlap A or B.
    /// </summary>
    void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);
}
