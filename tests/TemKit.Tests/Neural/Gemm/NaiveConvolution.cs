using TemKit.Neural.Convolution;

namespace TemKit.Tests.Neural.Gemm;

/// <summary>
/// The convolution written from its definition, in double: out[n][o][y][x] = b[o] + Σ w[o][i][ky][kx]·in[n][i][Y][X] with
/// (Y, X) = (y + (ky − K/2)·d, x + (kx − K/2)·d) mapped into the image by the padding. The two gradients are its exact
/// adjoints, accumulated by scattering over the same index map.
/// </summary>
internal sealed class NaiveConvolution(int n, int cin, int cout, int h, int w, int k, int d, PaddingMode padding)
{
    /// <summary>Source index for a coordinate outside or inside the axis, or −1 for a zero pad.</summary>
    private int Map(int i, int size)
    {
        if (padding == PaddingMode.Zero) return i < 0 || i >= size ? -1 : i;
        if (size == 1) return 0;
        while (i < 0 || i >= size) i = i < 0 ? -i : 2 * (size - 1) - i;
        return i;
    }

    private IEnumerable<(int N, int O, int I, int Y, int X, int Tap, int Src)> Terms()
    {
        int half = k / 2;
        for (int b = 0; b < n; b++)
            for (int o = 0; o < cout; o++)
                for (int i = 0; i < cin; i++)
                    for (int y = 0; y < h; y++)
                        for (int x = 0; x < w; x++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int sy = Map(y + (ky - half) * d, h), sx = Map(x + (kx - half) * d, w);
                                    if (sy >= 0 && sx >= 0) yield return (b, o, i, y, x, ky * k + kx, ((b * cin + i) * h + sy) * w + sx);
                                }
    }

    private int Out(int b, int o, int y, int x) => ((b * cout + o) * h + y) * w + x;

    private int Weight(int o, int i, int t) => (o * cin + i) * k * k + t;

    public double[] Forward(float[] input, float[] weights, float[]? bias)
    {
        var output = new double[n * cout * h * w];
        if (bias != null)
            for (int j = 0; j < output.Length; j++) output[j] = bias[j / (h * w) % cout];
        foreach (var t in Terms()) output[Out(t.N, t.O, t.Y, t.X)] += (double)weights[Weight(t.O, t.I, t.Tap)] * input[t.Src];
        return output;
    }

    public double[] BackwardData(float[] gradOutput, float[] weights)
    {
        var gradInput = new double[n * cin * h * w];
        foreach (var t in Terms()) gradInput[t.Src] += (double)weights[Weight(t.O, t.I, t.Tap)] * gradOutput[Out(t.N, t.O, t.Y, t.X)];
        return gradInput;
    }

    public double[] BackwardWeights(float[] input, float[] gradOutput)
    {
        var gradWeights = new double[cout * cin * k * k];
        foreach (var t in Terms()) gradWeights[Weight(t.O, t.I, t.Tap)] += (double)input[t.Src] * gradOutput[Out(t.N, t.O, t.Y, t.X)];
        return gradWeights;
    }
}
