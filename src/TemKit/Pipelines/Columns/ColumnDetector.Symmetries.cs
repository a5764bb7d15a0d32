namespace TemKit.Pipelines.Columns;

public sealed partial class ColumnDetector
{
    /// <summary>The first output plane averaged over the 8 elements of the square's symmetry group: the image is
    /// transformed, the network runs, and each output pixel is put back where its input pixel came from.</summary>
    private void PredictSymmetrised(ReadOnlySpan<float> pixels, int w, int h, Span<float> column, float mean, float inverseStd)
    {
        column.Clear();
        var transformed = new float[w * h];
        var predicted = new float[_tiled!.OutputPlanes * w * h];
        for (int g = 0; g < 8; g++)
        {
            var (tw, th) = Transformed(g, w, h);
            for (int v = 0; v < th; v++)
                for (int u = 0; u < tw; u++)
                {
                    var (x, y) = Source(g, u, v, w, h);
                    transformed[v * tw + u] = pixels[y * w + x];
                }
            _tiled.Predict(transformed, tw, th, predicted, null, mean, inverseStd);
            for (int v = 0; v < th; v++)
                for (int u = 0; u < tw; u++)
                {
                    var (x, y) = Source(g, u, v, w, h);
                    column[y * w + x] += predicted[v * tw + u];
                }
        }
        System.Numerics.Tensors.TensorPrimitives.Multiply(column, 0.125f, column);
    }

    /// <summary>Size of the image after transform <paramref name="g"/> (bit 2: transpose).</summary>
    internal static (int W, int H) Transformed(int g, int w, int h) => (g & 4) != 0 ? (h, w) : (w, h);

    /// <summary>The source pixel of transformed pixel (u, v) under transform <paramref name="g"/> (0..7): bit 2 transposes,
    /// then bit 0 mirrors x and bit 1 mirrors y of the source.</summary>
    internal static (int X, int Y) Source(int g, int u, int v, int w, int h)
    {
        var (x, y) = (g & 4) != 0 ? (v, u) : (u, v);
        if ((g & 1) != 0) x = w - 1 - x;
        if ((g & 2) != 0) y = h - 1 - y;
        return (x, y);
    }
}
