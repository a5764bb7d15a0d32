namespace TemKit.Numerics.Gemm;

/// <summary>Whether a GEMM operand is used as stored (row-major) or transposed, as CBLAS_TRANSPOSE.</summary>
public enum Transpose
{
    /// <summary>op(X) = X.</summary>
    No,

    /// <summary>op(X) = Xᵀ.</summary>
    Yes,
}
