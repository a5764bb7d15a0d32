using TemKit.Neural.Convolution.Winograd;

namespace TemKit.Tests.Neural.Winograd;

public class TileDotProductsTests
{
    [Theory]
    [InlineData(1, 1, 16)]
    [InlineData(4, 4, 16)]
    [InlineData(5, 7, 48)]
    [InlineData(9, 12, 32)]
    public unsafe void AccumulatesRowDotProducts(int rows, int cols, int k)
    {
        var rng = new Random(rows * 100 + cols);
        int lda = k + 16, ldb = k + 32, ldp = cols + 3;
        var a = Enumerable.Range(0, rows * lda).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, cols * ldb).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var p = Enumerable.Range(0, rows * ldp).Select(i => (double)i).ToArray();
        var expected = (double[])p.Clone();
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < cols; q++)
                for (int t = 0; t < k; t++) expected[r * ldp + q] += a[r * lda + t] * (double)b[q * ldb + t];
        fixed (float* pa = a, pb = b)
        fixed (double* pp = p)
            TileDotProducts.Accumulate(pa, lda, rows, pb, ldb, cols, k, pp, ldp);
        for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(p[i] - expected[i]) < 1e-4, $"[{i}] = {p[i]}, expected {expected[i]}");
    }
}
