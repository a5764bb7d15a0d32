namespace TemKit.Numerics.Gemm;

/// <summary>Argument checks shared by every SGEMM provider, done once before any loop.</summary>
internal static class SgemmChecks
{
    public static void Validate(Transpose transA, Transpose transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        // Stored shapes: A is m×k (or k×m transposed), B is k×n (or n×k).
        var (aRows, aCols) = transA == Transpose.No ? (m, k) : (k, m);
        var (bRows, bCols) = transB == Transpose.No ? (k, n) : (n, k);
        Operand("A", aRows, aCols, aLength, lda);
        Operand("B", bRows, bCols, bLength, ldb);
        Operand("C", m, n, cLength, ldc);
    }

    private static void Operand(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"leading dimension of {name} is {ld}, must be at least max(1, {cols})");
        long need = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < need)
            throw new ArgumentException($"{name} has {length} elements, a {rows}x{cols} matrix with leading dimension {ld} needs {need}");
    }

    /// <summary>C = beta·C on the m×n block (beta = 0 clears without reading).</summary>
    public static void ScaleC(Span<float> c, int m, int n, int ldc, float beta)
    {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }
}
