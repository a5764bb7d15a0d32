using TemKit.Numerics.Gemm;
using TemKit.Numerics.Gemm.Managed;

namespace TemKit.Tests.Numerics;

public class SgemmTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 }, { 3, 17, 5 }, { 8, 32, 1 }, { 17, 33, 129 }, { 9, 65, 300 }, { 130, 70, 257 }, { 33, 2100, 20 },
    };

    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string> { nameof(KernelKind.Scalar), nameof(KernelKind.Vector256) };
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported) data.Add(nameof(KernelKind.Avx512));
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ManagedMatchesNaiveForEveryTransposeAndThreadCount(int m, int n, int k)
    {
        foreach (var ta in new[] { Transpose.No, Transpose.Yes })
            foreach (var tb in new[] { Transpose.No, Transpose.Yes })
                foreach (int threads in new[] { 1, 2 })
                    Check((ta, tb, mm, nn, kk, alpha, a, lda, b, ldb, beta, c, ldc) =>
                        ManagedSgemmProvider.Multiply(MicroKernels.Best, threads, ta, tb, mm, nn, kk, alpha, a, lda, b, ldb, beta, c, ldc),
                        ta, tb, m, n, k, seed: m * 1000 + n + k);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryKernelWidthMatchesNaive(string kernelName)
    {
        var kernel = Enum.Parse<KernelKind>(kernelName);
        foreach (var (m, n, k) in new[] { (1, 1, 1), (8, 32, 3), (17, 45, 129), (70, 100, 300) })
            foreach (var ta in new[] { Transpose.No, Transpose.Yes })
                Check((ta2, tb, mm, nn, kk, alpha, a, lda, b, ldb, beta, c, ldc) =>
                    ManagedSgemmProvider.Multiply(kernel, 2, ta2, tb, mm, nn, kk, alpha, a, lda, b, ldb, beta, c, ldc),
                    ta, ta == Transpose.No ? Transpose.Yes : Transpose.No, m, n, k, seed: 7 + m);
    }

    [Fact]
    public void OpenBlasMatchesNaiveWhenInstalled()
    {
        var ob = Sgemm.OpenBlas;
        if (ob == null) return;
        Assert.Equal("openblas", ob.Name);
        foreach (var (m, n, k) in new[] { (1, 1, 1), (17, 33, 129), (64, 300, 50) })
            foreach (var ta in new[] { Transpose.No, Transpose.Yes })
                foreach (var tb in new[] { Transpose.No, Transpose.Yes })
                    Check(ob.Multiply, ta, tb, m, n, k, seed: 3);
    }

    [Fact]
    public void BetaZeroOverwritesNaNAndZeroSizesLeaveCAlone()
    {
        var a = new float[] { 1, 2, 3, 4 };
        var c = new float[] { float.NaN, float.NaN, float.NaN, float.NaN };
        Sgemm.Managed.Multiply(Transpose.No, Transpose.No, 2, 2, 2, 1f, a, 2, a, 2, 0f, c, 2);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, c);
        // k = 0: C = beta·C; m = 0 or n = 0: nothing at all.
        Sgemm.Managed.Multiply(Transpose.No, Transpose.No, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal(new float[] { 3.5f, 5, 7.5f, 11 }, c);
        Sgemm.Managed.Multiply(Transpose.No, Transpose.No, 0, 2, 2, 1f, [], 2, a, 2, 0f, c, 2);
        Assert.Equal(new float[] { 3.5f, 5, 7.5f, 11 }, c);
        // alpha = 0 scales C only (A and B are not read, so NaN there does not matter).
        Sgemm.Managed.Multiply(Transpose.No, Transpose.No, 2, 2, 2, 0f, [float.NaN, 0, 0, 0], 2, a, 2, 2f, c, 2);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, c);
    }

    [Fact]
    public void BadShapesAreRefusedWithTheOperandNamed()
    {
        var x = new float[12];
        var e = Assert.Throws<ArgumentException>(() => Sgemm.Managed.Multiply(Transpose.No, Transpose.No, 3, 4, 4, 1f, x, 4, x, 4, 0f, x, 4));
        Assert.Contains("B has 12 elements", e.Message);
        e = Assert.Throws<ArgumentException>(() => Sgemm.Managed.Multiply(Transpose.Yes, Transpose.No, 2, 2, 2, 1f, x, 1, x, 2, 0f, x, 2));
        Assert.Contains("leading dimension of A is 1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Managed.Multiply(Transpose.No, Transpose.No, -1, 2, 2, 1f, x, 2, x, 2, 0f, x, 2));
        if (Sgemm.OpenBlas is { } ob)
        {
            e = Assert.Throws<ArgumentException>(() => ob.Multiply(Transpose.No, Transpose.No, 2, 2, 2, 1f, x, 2, x, 2, 0f, x, 1));
            Assert.Contains("leading dimension of C is 1", e.Message);
        }
    }

    [Fact]
    public void SelectionHonoursTemkitBlas()
    {
        Assert.Same(Sgemm.Managed, Sgemm.Select("managed"));
        Assert.Same(Sgemm.Managed, Sgemm.Select(" Managed "));
        Assert.Equal(Sgemm.OpenBlas == null ? "managed" : "openblas", Sgemm.Select(null).Name);
        Assert.Equal(Sgemm.Select(""), Sgemm.Select("auto"));
        var bad = Assert.Throws<InvalidOperationException>(() => Sgemm.Select("mkl"));
        Assert.Contains("TEMKIT_BLAS=mkl", bad.Message);
        if (Sgemm.OpenBlas == null)
            Assert.Contains("apt-get install libopenblas0", Assert.Throws<InvalidOperationException>(() => Sgemm.Select("openblas")).Message);
        else
            Assert.Same(Sgemm.OpenBlas, Sgemm.Select("openblas"));
        Assert.True(Sgemm.Default.IsAvailable);
    }

    private delegate void Gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    /// <summary>Runs one product with padded leading dimensions, alpha ≠ 1 and beta ≠ 0, and compares with the naive loop.</summary>
    private static void Check(Gemm gemm, Transpose ta, Transpose tb, int m, int n, int k, int seed)
    {
        var rng = new Random(seed);
        int lda = (ta == Transpose.No ? k : m) + 3, ldb = (tb == Transpose.No ? n : k) + 1, ldc = n + 2;
        var a = NaiveGemm.Random(rng, (ta == Transpose.No ? m : k) * lda);
        var b = NaiveGemm.Random(rng, (tb == Transpose.No ? k : n) * ldb);
        var c = NaiveGemm.Random(rng, m * ldc);
        const float alpha = 0.75f, beta = -0.5f;
        var expected = NaiveGemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        // float32 products summed over k terms of size ≤ 1: error grows like √k·ε.
        double tol = 1e-5 * (4 + Math.Sqrt(k) * 2);
        for (int i = 0; i < c.Length; i++)
        {
            bool padding = i % ldc >= n;
            if (padding) Assert.Equal((float)expected[i], c[i]);
            else if (Math.Abs(c[i] - expected[i]) > tol)
                Assert.Fail($"{ta}/{tb} {m}x{n}x{k}: C[{i / ldc},{i % ldc}] = {c[i]}, naive {expected[i]}");
        }
    }
}
