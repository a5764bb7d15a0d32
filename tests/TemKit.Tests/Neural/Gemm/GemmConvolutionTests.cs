using TemKit.Neural.Convolution;
using TemKit.Neural.Convolution.Gemm;
using TemKit.Neural.Tensors;
using TemKit.Numerics.Gemm;

namespace TemKit.Tests.Neural.Gemm;

public class GemmConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int, int, string> Cases => new()
    {
        // n, cin, cout, h, w, k, dilation, padding
        { 2, 3, 5, 7, 9, 3, 1, "Zero" },
        { 2, 3, 5, 7, 9, 3, 1, "Reflect" },
        { 1, 2, 4, 9, 7, 3, 3, "Zero" },
        { 1, 2, 4, 9, 7, 3, 3, "Reflect" },
        { 1, 4, 3, 11, 13, 5, 1, "Reflect" },
        { 1, 3, 2, 8, 6, 5, 3, "Reflect" },
        { 1, 1, 9, 5, 17, 1, 1, "Zero" },
    };

    /// <summary>Managed (implicit GEMM), a plain provider (im2col + explicit GEMM, whatever is installed), OpenBLAS if present.</summary>
    public static IEnumerable<ISgemmProvider> Providers() =>
        Sgemm.OpenBlas is { } ob ? [Sgemm.Managed, new ExplicitOnly(), ob] : [Sgemm.Managed, new ExplicitOnly()];

    /// <summary>A provider that is not the managed type, so GemmConvolution takes its im2col path.</summary>
    private sealed class ExplicitOnly : ISgemmProvider
    {
        public string Name => "explicit";
        public bool IsAvailable => true;
        public void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
            ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
            => Sgemm.Managed.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBothGradientsMatchTheNaiveConvolution(int n, int cin, int cout, int h, int w, int k, int d, string paddingName)
    {
        var padding = Enum.Parse<PaddingMode>(paddingName);
        foreach (var gemm in Providers())
            CheckAgainstNaive(new GemmConvolution(cin, cout, k, d, padding, gemm), n, h, w, seed: cin * 100 + k * 10 + d);
    }

    [Fact]
    public void ColumnBandsSplitLargeLayersWithoutChangingTheResult()
    {
        // 64 channels, 5×5: 1600 column rows × 64 pixels per image row, so the 16 MiB column budget cuts 50 rows into two bands.
        Assert.True(50 > Im2Col.RowsPerBand(new ColumnGeometry(64, 5, 1, 54 * 68, 68, 2 * 68 + 2, 50, 64)));
        foreach (var gemm in new ISgemmProvider[] { Sgemm.Managed, new ExplicitOnly() })
            CheckAgainstNaive(new GemmConvolution(64, 8, 5, 1, PaddingMode.Zero, gemm), 1, 50, 64, seed: 5);
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferences()
    {
        const int n = 1, cin = 2, cout = 3, h = 5, w = 6;
        var conv = new GemmConvolution(cin, cout, 3, 2, PaddingMode.Reflect, Sgemm.Managed);
        var rng = new Random(11);
        var x = Random(rng, n * cin * h * w);
        var wt = Random(rng, conv.WeightCount);
        var bias = Random(rng, cout);
        var r = Random(rng, n * cout * h * w);
        // L = Σ r · conv(x; w, b): dL/dx = BackwardData(r), dL/dw and dL/db = BackwardWeights(x, r).
        double Loss(float[] xs, float[] ws, float[] bs)
        {
            using var input = Tensor.FromSpan(xs, n, cin, h, w);
            using var output = conv.Forward(input, ws, bs);
            double s = 0;
            for (int i = 0; i < r.Length; i++) s += (double)r[i] * output.Span[i];
            return s;
        }
        using var xt = Tensor.FromSpan(x, n, cin, h, w);
        using var rt = Tensor.FromSpan(r, n, cout, h, w);
        using var gx = conv.BackwardData(rt, wt);
        var gw = new float[conv.WeightCount];
        var gb = new float[cout];
        conv.BackwardWeights(xt, rt, gw, gb);
        const float eps = 1e-2f;
        double Central(float[] v, int i, Func<double> loss)
        {
            float keep = v[i];
            v[i] = keep + eps; double up = loss();
            v[i] = keep - eps; double down = loss();
            v[i] = keep;
            return (up - down) / (2 * eps);
        }
        for (int i = 0; i < x.Length; i++) Assert.Equal(Central(x, i, () => Loss(x, wt, bias)), gx.Span[i], 2e-3);
        for (int i = 0; i < wt.Length; i++) Assert.Equal(Central(wt, i, () => Loss(x, wt, bias)), gw[i], 2e-3);
        for (int i = 0; i < cout; i++) Assert.Equal(Central(bias, i, () => Loss(x, wt, bias)), gb[i], 2e-3);
    }

    [Fact]
    public void ParallelWeightGradientIsBitReproducible()
    {
        // 16·400·4096 multiply-adds: large enough for the bands to run in parallel.
        var conv = new GemmConvolution(16, 16, 5, 1, PaddingMode.Reflect, Sgemm.Managed);
        var rng = new Random(21);
        using var x = Tensor.FromSpan(Random(rng, 16 * 64 * 64), 1, 16, 64, 64);
        using var g = Tensor.FromSpan(Random(rng, 16 * 64 * 64), 1, 16, 64, 64);
        var first = new float[conv.WeightCount];
        conv.BackwardWeights(x, g, first, default);
        for (int run = 0; run < 3; run++)
        {
            var again = new float[conv.WeightCount];
            conv.BackwardWeights(x, g, again, default);
            Assert.Equal(first, again);
        }
    }

    [Fact]
    public void BadShapesAreRefused()
    {
        var conv = new GemmConvolution(2, 3, 3);
        using var x = Tensor.Zeros(1, 3, 4, 4);
        Assert.Contains("expected 2 channels", Assert.Throws<ArgumentException>(() => conv.Forward(x, new float[54], default)).Message);
        using var ok = Tensor.Zeros(1, 2, 4, 4);
        Assert.Contains("expected 3x2x3x3 = 54", Assert.Throws<ArgumentException>(() => conv.Forward(ok, new float[53], default)).Message);
        Assert.Throws<ArgumentException>(() => new GemmConvolution(2, 3, 4));
        Assert.Contains("TEMKIT_CONV=fast", Assert.Throws<InvalidOperationException>(() => GemmConvolution.ReadChoice("fast")).Message);
        Assert.Equal("gemm", GemmConvolution.ReadChoice(" GEMM"));
    }

    private static void CheckAgainstNaive(GemmConvolution conv, int n, int h, int w, int seed)
    {
        var rng = new Random(seed);
        int cin = conv.InChannels, cout = conv.OutChannels;
        var x = Random(rng, n * cin * h * w);
        var wt = Random(rng, conv.WeightCount);
        var bias = Random(rng, cout);
        var go = Random(rng, n * cout * h * w);
        var naive = new NaiveConvolution(n, cin, cout, h, w, conv.Kernel, conv.Dilation, conv.Padding);
        // Sums of cin·K² (or more, for gradients) products of values ≤ 1 in float32.
        double tol = 2e-6 * Math.Sqrt(cin * cout * conv.Kernel * conv.Kernel * (double)h * w) + 1e-5;
        using var xt = Tensor.FromSpan(x, n, cin, h, w);
        using var got = Tensor.FromSpan(go, n, cout, h, w);
        using (var y = conv.Forward(xt, wt, bias)) AssertClose(naive.Forward(x, wt, bias), y.Span, tol, "forward");
        using (var gx = conv.BackwardData(got, wt)) AssertClose(naive.BackwardData(go, wt), gx.Span, tol, "input gradient");
        var gw = Enumerable.Repeat(0.5f, conv.WeightCount).ToArray();
        var gb = Enumerable.Repeat(-1f, cout).ToArray();
        conv.BackwardWeights(xt, got, gw, gb);
        var expectedW = naive.BackwardWeights(x, go).Select(v => v + 0.5).ToArray();
        AssertClose(expectedW, gw, tol, "weight gradient (accumulated onto 0.5)");
        var expectedB = new double[cout];
        for (int i = 0; i < go.Length; i++) expectedB[i / (h * w) % cout] += go[i];
        AssertClose(expectedB.Select(v => v - 1).ToArray(), gb, tol, "bias gradient (accumulated onto -1)");
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > tol) Assert.Fail($"{what}[{i}] = {actual[i]}, naive {expected[i]} (tolerance {tol:G3})");
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
