using TemKit.Numerics.Gemm;

namespace TemKit.Tests.Numerics;

/// <summary>Textbook triple loop in double precision: the reference every SGEMM backend is checked against.</summary>
internal static class NaiveGemm
{
    public static double[] Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        var result = new double[c.Length];
        for (int i = 0; i < c.Length; i++) result[i] = c[i];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transA == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                    double y = transB == Transpose.No ? b[p * ldb + j] : b[j * ldb + p];
                    s += x * y;
                }
                result[i * ldc + j] = alpha * s + (beta == 0f ? 0 : beta * (double)c[i * ldc + j]);
            }
        return result;
    }

    public static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
