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

    /// <summary>Resamples one line: input samples <paramref name="source"/>[j·sourceStep], output <paramref name="destination"/>[i·destinationStep].</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int sourceStep, int destinationStep)
    {
        for (int i = 0; i < _start.Length; i++)
        {
            double sum = 0;
            int o = i * _stride, j0 = _start[i];
            for (int k = 0; k < _count[i]; k++) sum += _weights[o + k] * source[(j0 + k) * sourceStep];
            destination[i * destinationStep] = (float)sum;
        }
    }
}
