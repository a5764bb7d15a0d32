namespace TemKit.Tomography.Interpolation;

public sealed partial class FlowInterpolator
{
    /// <summary>destination(x, y) = source(x + shift, y) with Keys' cubic convolution (a = −0.5; Keys 1981, Eq. 15), edges clamped.</summary>
    internal static void ShiftX(ReadOnlySpan<float> source, Span<float> destination, int width, int height, double shift)
    {
        int whole = (int)Math.Floor(shift);
        float t = (float)(shift - whole);
        float w0 = Keys(1 + t), w1 = Keys(t), w2 = Keys(1 - t), w3 = Keys(2 - t);
        for (int y = 0; y < height; y++)
        {
            var row = source.Slice(y * width, width);
            var dst = destination.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                int x1 = x + whole;
                dst[x] = w0 * row[Math.Clamp(x1 - 1, 0, width - 1)] + w1 * row[Math.Clamp(x1, 0, width - 1)]
                    + w2 * row[Math.Clamp(x1 + 1, 0, width - 1)] + w3 * row[Math.Clamp(x1 + 2, 0, width - 1)];
            }
        }
    }

    /// <summary>Keys' cubic convolution kernel with a = −0.5 at distance |s| (px).</summary>
    internal static float Keys(float s)
    {
        s = Math.Abs(s);
        if (s <= 1) return ((1.5f * s - 2.5f) * s) * s + 1;
        if (s < 2) return ((-0.5f * s + 2.5f) * s - 4) * s + 2;
        return 0;
    }

    /// <summary>Separable Gaussian smoothing in place (standard deviation in px; kernel ±3σ, edges clamped; σ = 0 leaves the frame).</summary>
    internal static void GaussianSmooth(float[] frame, int width, int height, double sigmaPx)
    {
        if (sigmaPx <= 0) return;
        int r = (int)Math.Ceiling(3 * sigmaPx);
        var kernel = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += kernel[i + r] = (float)Math.Exp(-i * i / (2 * sigmaPx * sigmaPx));
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);
        var tmp = new float[frame.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int i = -r; i <= r; i++) acc += kernel[i + r] * frame[y * width + Math.Clamp(x + i, 0, width - 1)];
                tmp[y * width + x] = acc;
            }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int i = -r; i <= r; i++) acc += kernel[i + r] * tmp[Math.Clamp(y + i, 0, height - 1) * width + x];
                frame[y * width + x] = acc;
            }
    }

    /// <summary>Replaces each value by the sum over the (2r + 1)² window around it (edges clamped); <paramref name="scratch"/> is overwritten.</summary>
    internal static void BoxSum(Span<float> values, Span<float> scratch, int width, int height, int r)
    {
        if (r == 0) return;
        for (int y = 0; y < height; y++)
        {
            var row = values.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int i = -r; i <= r; i++) acc += row[Math.Clamp(x + i, 0, width - 1)];
                scratch[y * width + x] = acc;
            }
        }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int i = -r; i <= r; i++) acc += scratch[Math.Clamp(y + i, 0, height - 1) * width + x];
                values[y * width + x] = acc;
            }
    }
}
