using TemKit.Neural.Convolution;
using TemKit.Neural.Convolution.Gemm;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural.Gemm;

/// <summary>The Conv2d layer routes wide layers' backward pass to the GEMM path; its results must still be the convolution's.</summary>
public class Conv2dDispatchTests
{
    [Theory]
    [InlineData(64, 64, 3, 1, "Zero", true)]
    [InlineData(72, 64, 3, 2, "Reflect", true)]
    [InlineData(16, 64, 5, 1, "Reflect", true)]
    [InlineData(32, 32, 5, 1, "Reflect", false)]
    [InlineData(16, 8, 5, 2, "Reflect", false)]
    [InlineData(1, 1, 3, 3, "Reflect", false)]
    public void LayerMatchesTheNaiveConvolutionOnEitherPath(int cin, int cout, int k, int d, string paddingName, bool gemm)
    {
        var padding = Enum.Parse<PaddingMode>(paddingName);
        const int n = 2, h = 6, w = 7;
        var layer = new Conv2d("c", cin, cout, k, d, padding, bias: true, new Random(3));
        Assert.Equal(gemm, GemmConvolution.PaysBackward(cin, cout));
        var rng = new Random(4);
        for (int i = 0; i < cout; i++) layer.Bias!.Value[i] = (float)(rng.NextDouble() - 0.5);
        var x = Random(rng, n * cin * h * w);
        var go = Random(rng, n * cout * h * w);
        var naive = new NaiveConvolution(n, cin, cout, h, w, k, d, padding);
        double tol = 1e-5 * Math.Sqrt(cin * cout * k * k * (double)h * w) + 1e-5;

        using var input = Tensor.FromSpan(x, n, cin, h, w);
        using var output = layer.Forward(input, training: true);
        Close(naive.Forward(x, layer.Weight.Value, layer.Bias!.Value), output.Span, tol);
        using var gradOut = Tensor.FromSpan(go, n, cout, h, w);
        using var gradIn = layer.Backward(gradOut);
        Close(naive.BackwardData(go, layer.Weight.Value), gradIn.Span, tol);
        Close(naive.BackwardWeights(x, go), layer.Weight.Grad, tol);
    }

    private static void Close(double[] expected, ReadOnlySpan<float> actual, double tol)
    {
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > tol) Assert.Fail($"[{i}] = {actual[i]}, naive {expected[i]}");
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
