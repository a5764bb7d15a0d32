using TemKit.Neural.Convolution.Winograd;

namespace TemKit.Tests.Neural.Winograd;

public class WinogradConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int> Cases => new()
    {
        // cin, cout, h, w, kernel, output tile
        { 1, 1, 13, 17, 5, 2 },
        { 3, 5, 13, 17, 5, 2 },
        { 3, 5, 13, 17, 5, 4 },
        { 8, 17, 7, 40, 5, 4 },
        { 16, 32, 21, 70, 5, 2 },
        { 16, 32, 21, 70, 5, 4 },
        { 5, 7, 16, 64, 5, 4 },
        { 3, 4, 20, 150, 5, 4 },
        { 33, 9, 9, 9, 5, 4 },
        { 4, 6, 11, 19, 3, 2 },
        { 4, 6, 11, 19, 3, 4 },
        { 2, 3, 1, 1, 5, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesTheNaiveCorrelation(int cin, int cout, int h, int w, int kernel, int tile)
    {
        var rng = new Random(cin * 1000 + cout * 10 + tile);
        var x = Random(rng, cin * h * w);
        var g = Random(rng, cout * cin * kernel * kernel);
        var bias = Random(rng, cout);
        var expected = Naive(x, g, bias, cin, cout, h, w, kernel);
        var actual = Run(new WinogradConvolution(cin, cout, kernel, tile), x, g, bias, h, w);
        AssertClose(expected, actual, cin * kernel * kernel);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FlippedTransposedKernelGivesTheInputGradient(int cin, int cout, int h, int w, int kernel, int tile)
    {
        // Input gradient of y = conv(x, g) for zero padding: dx[i][y][x] = Σ_o,ky,kx g[o][i][ky][kx]·dy[o][y − ky + r/2][x − kx + r/2].
        var rng = new Random(cin * 7 + cout * 3 + tile);
        var dy = Random(rng, cout * h * w);
        var g = Random(rng, cout * cin * kernel * kernel);
        int kk = kernel * kernel, p = kernel / 2;
        var expected = new float[cin * h * w];
        for (int i = 0; i < cin; i++)
            for (int y = 0; y < h; y++)
                for (int xx = 0; xx < w; xx++)
                {
                    double s = 0;
                    for (int o = 0; o < cout; o++)
                        for (int ky = 0; ky < kernel; ky++)
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int sy = y - ky + p, sx = xx - kx + p;
                                if (sy >= 0 && sy < h && sx >= 0 && sx < w)
                                    s += g[(o * cin + i) * kk + ky * kernel + kx] * (double)dy[(o * h + sy) * w + sx];
                            }
                    expected[(i * h + y) * w + xx] = (float)s;
                }
        var flipped = new float[g.Length];
        for (int o = 0; o < cout; o++)
            for (int i = 0; i < cin; i++)
                for (int t = 0; t < kk; t++) flipped[(i * cout + o) * kk + kk - 1 - t] = g[(o * cin + i) * kk + t];
        var actual = Run(new WinogradConvolution(cout, cin, kernel, tile), dy, flipped, [], h, w);
        AssertClose(expected, actual, cout * kk);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightGradientMatchesTheNaiveSum(int cin, int cout, int h, int w, int kernel, int tile)
    {
        // dW[o][i][ky][kx] = Σ_y,x dy[o][y][x]·x[i][y + ky − r/2][x + kx − r/2], zero outside; added onto 0.5.
        var rng = new Random(cin * 13 + cout * 5 + tile);
        var x = Random(rng, cin * h * w);
        var dy = Random(rng, cout * h * w);
        int kk = kernel * kernel, p = kernel / 2;
        var expected = new double[cout * cin * kk];
        for (int o = 0; o < cout; o++)
            for (int i = 0; i < cin; i++)
                for (int ky = 0; ky < kernel; ky++)
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        double s = 0.5;
                        for (int y = 0; y < h; y++)
                            for (int xx = 0; xx < w; xx++)
                            {
                                int sy = y + ky - p, sx = xx + kx - p;
                                if (sy >= 0 && sy < h && sx >= 0 && sx < w) s += dy[(o * h + y) * w + xx] * (double)x[(i * h + sy) * w + sx];
                            }
                        expected[(o * cin + i) * kk + ky * kernel + kx] = s;
                    }
        var conv = new WinogradConvolution(cin, cout, kernel, tile);
        var acc = Enumerable.Repeat(0.5, expected.Length).ToArray();
        conv.WeightGradient(Pad(x, cin, h, w, p), dy, h, w, acc);
        double worst = 0;
        for (int e = 0; e < acc.Length; e++) worst = Math.Max(worst, Math.Abs(acc[e] - expected[e]));
        double scale = Math.Sqrt(h * w) * 0.25;
        Assert.True(worst <= 2e-5 * scale, $"max error {worst:G3} for gradient scale {scale:G3}");
    }

    [Fact]
    public void TransformMatricesReproduceOneDimensionalCorrelation()
    {
        foreach (var (m, r) in new[] { (2, 3), (4, 3), (2, 5), (4, 5), (6, 3) })
        {
            var t = new WinogradTransform(m, r);
            int n = t.InputTile;
            var rng = new Random(m * 10 + r);
            var d = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var g = Enumerable.Range(0, r).Select(_ => rng.NextDouble() - 0.5).ToArray();
            for (int i = 0; i < m; i++)
            {
                double y = 0, expected = 0;
                for (int k = 0; k < r; k++) expected += g[k] * d[i + k];
                for (int j = 0; j < n; j++)
                {
                    double gj = 0, dj = 0;
                    for (int k = 0; k < r; k++) gj += t.G[j, k] * g[k];
                    for (int q = 0; q < n; q++) dj += t.Bt[j, q] * d[q];
                    y += t.At[i, j] * gj * dj;
                }
                Assert.Equal(expected, y, 1e-12);
            }
        }
    }

    private static float[] Run(WinogradConvolution conv, float[] x, float[] g, float[] bias, int h, int w)
    {
        var padded = Pad(x, conv.InChannels, h, w, conv.Margin);
        var u = new float[conv.TransformedWeightCount];
        conv.TransformWeights(g, u);
        var output = new float[conv.OutChannels * h * w];
        conv.ForwardPadded(padded, h, w, u, bias, output);
        return output;
    }

    private static float[] Pad(float[] x, int channels, int h, int w, int p)
    {
        int pw = w + 2 * p, ph = h + 2 * p;
        var padded = new float[channels * ph * pw];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < h; y++)
                Array.Copy(x, (c * h + y) * w, padded, c * ph * pw + (y + p) * pw + p, w);
        return padded;
    }

    private static float[] Naive(float[] x, float[] g, float[] bias, int cin, int cout, int h, int w, int kernel)
    {
        int p = kernel / 2, kk = kernel * kernel;
        var y = new float[cout * h * w];
        for (int o = 0; o < cout; o++)
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < w; xx++)
                {
                    double s = bias[o];
                    for (int i = 0; i < cin; i++)
                        for (int ky = 0; ky < kernel; ky++)
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int sy = yy + ky - p, sx = xx + kx - p;
                                if (sy >= 0 && sy < h && sx >= 0 && sx < w)
                                    s += g[(o * cin + i) * kk + ky * kernel + kx] * (double)x[(i * h + sy) * w + sx];
                            }
                    y[(o * h + yy) * w + xx] = (float)s;
                }
        return y;
    }

    /// <summary>fp32 Winograd error grows with the reduction length; relative to the typical output magnitude √terms·E|x g|.</summary>
    private static void AssertClose(float[] expected, float[] actual, int terms)
    {
        double scale = Math.Sqrt(terms) * 0.25, worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= 2e-5 * scale, $"max error {worst:G3} for output scale {scale:G3}");
    }

    private static float[] Random(Random rng, int count)
    {
        var a = new float[count];
        for (int i = 0; i < count; i++) a[i] = (float)(rng.NextDouble() - 0.5);
        return a;
    }
}
