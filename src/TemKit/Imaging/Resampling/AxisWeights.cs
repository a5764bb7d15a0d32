namespace TemKit.Imaging.Resampling;

/// <summary>Sparse 1D resampling weights from n input samples to m output samples (see <see cref="Resize"/>).</summary>
internal sealed class AxisWeights
{
    private readonly int[] _start;
    private readonly int[] _count;
    private readonly float[] _weights;
    private readonly int _stride;

    private AxisWeights(int[] start, int[] count, float[] weights, int stride)
    {
        _start = start;
        _count = count;
        _weights = weights;
        _stride = stride;
    }

    /// <summary>Weights mapping <paramref name="n"/> samples to <paramref name="m"/>: area average when shrinking, linear interpolation otherwise.</summary>
    public static AxisWeights For(int n, int m)
    {
        double s = (double)n / m;
        int stride = s > 1 ? (int)Math.Ceiling(s) + 1 : 2;
        var start = new int[m];
        var count = new int[m];
        var weights = new float[m * stride];
        for (int i = 0; i < m; i++)
        {
            if (s > 1)
            {
                // Footprint [a, b) in input coordinates; input pixel j covers [j, j+1).
                double a = i * s, b = (i + 1) * s;
                int j0 = (int)Math.Floor(a), j1 = Math.Min(n - 1, (int)Math.Ceiling(b) - 1);
                start[i] = j0;
                count[i] = j1 - j0 + 1;
                for (int j = j0; j <= j1; j++)
                    weights[i * stride + j - j0] = (float)((Math.Min(b, j + 1) - Math.Max(a, j)) / s);
            }
            else
            {
                // Centre of output pixel i in input pixel-centre coordinates.
                double u = Math.Clamp((i + 0.5) * s - 0.5, 0, n - 1);
                int j0 = Math.Min((int)Math.Floor(u), Math.Max(0, n - 2));
                double f = u - j0;
                start[i] = j0;
                count[i] = n == 1 ? 1 : 2;
                weights[i * stride] = (float)(n == 1 ? 1 : 1 - f);
                if (n > 1) weights[i * stride + 1] = (float)f;
            }
        }
        return new AxisWeights(start, count, weights, stride);
    }

    /// <summary>First input sample of output <paramref name="i"/>.</summary>
    public int Start(int i) => _start[i];

    /// <summary>Last input sample of output <paramref name="i"/>.</summary>
    public int End(int i) => _start[i] + _count[i] - 1;

    /// <summary>Input samples of output <paramref name="i"/>.</summary>
    public int Count(int i) => _count[i];

    /// <summary>Weight of input sample Start(i) + k in output <paramref name="i"/>.</summary>
    public double Weight(int i, int k) => _weights[i * _stride + k];

    /// <summary>Resamples one line into outputs <paramref name="first"/>..first+destination.Length−1: input samples
    /// <paramref name="source"/>[j] (contiguous), output destination[i − first].</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int first)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            double sum = 0;
            int o = (first + i) * _stride, j0 = _start[first + i];
            for (int k = 0; k < _count[first + i]; k++) sum += _weights[o + k] * source[j0 + k];
            destination[i] = (float)sum;
        }
    }
}
