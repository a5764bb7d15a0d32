namespace TemKit.Numerics.Gemm.Managed;

/// <summary>Which SIMD width the managed SGEMM micro-kernel uses.</summary>
internal enum KernelKind
{
    /// <summary>Plain loops, any machine.</summary>
    Scalar,

    /// <summary>Vector256 FMA (AVX2 class machines).</summary>
    Vector256,

    /// <summary>Vector512 FMA (AVX-512F).</summary>
    Avx512,
}
