namespace TemKit.Tomography.Phantoms;

/// <summary>
/// The modified Shepp–Logan head phantom (Toft 1996, Table B.3: the Shepp and Logan 1974 ellipses with higher contrast),
/// values 0..1, sampled at pixel centres on [−1, 1]², +y up (row 0 is the top).
/// </summary>
public static partial class SheppLogan
{
    // intensity, semi-axis a, semi-axis b, centre x, centre y, rotation (degrees)
    private static readonly double[,] Ellipses =
    {
        { 1.0, 0.69, 0.92, 0, 0, 0 },
        { -0.8, 0.6624, 0.8740, 0, -0.0184, 0 },
        { -0.2, 0.1100, 0.3100, 0.22, 0, -18 },
        { -0.2, 0.1600, 0.4100, -0.22, 0, 18 },
        { 0.1, 0.2100, 0.2500, 0, 0.35, 0 },
        { 0.1, 0.0460, 0.0460, 0, 0.1, 0 },
        { 0.1, 0.0460, 0.0460, 0, -0.1, 0 },
        { 0.1, 0.0460, 0.0230, -0.08, -0.605, 0 },
        { 0.1, 0.0230, 0.0230, 0, -0.606, 0 },
        { 0.1, 0.0230, 0.0460, 0.06, -0.605, 0 },
    };

    /// <summary>
    /// An <paramref name="size"/> × <paramref name="size"/> phantom, row-major [row·size + column], shrunk by
    /// <paramref name="scale"/>; the phantom's centre sits at pixel (size − 1)/2 + <paramref name="centreOffsetPx"/>.
    /// </summary>
    public static float[] Create(int size, double scale = 1, double centreOffsetPx = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var image = new float[size * size];
        for (int r = 0; r < size; r++)
        {
            double c0 = (size - 1) / 2.0 + centreOffsetPx, y = -(r - c0) * 2 / size;
            for (int c = 0; c < size; c++)
            {
                double x = (c - c0) * 2 / size, v = 0;
                for (int e = 0; e < Ellipses.GetLength(0); e++)
                {
                    double a = Ellipses[e, 1] * scale, b = Ellipses[e, 2] * scale, phi = Ellipses[e, 5] * Math.PI / 180;
                    double dx = x - Ellipses[e, 3] * scale, dy = y - Ellipses[e, 4] * scale;
                    double xr = dx * Math.Cos(phi) + dy * Math.Sin(phi), yr = -dx * Math.Sin(phi) + dy * Math.Cos(phi);
                    if (xr * xr / (a * a) + yr * yr / (b * b) <= 1) v += Ellipses[e, 0];
                }
                image[r * size + c] = (float)v;
            }
        }
        return image;
    }

    /// <summary>
    /// A size³ volume whose slice at tilt-axis row y is the 2D phantom (in the x–z plane: row index = z) shrunk by
    /// √(1 − ŷ²), ŷ = 2(y + 0.5)/size − 1, so the object is a closed body. Sections are z, [y·size + x].
    /// </summary>
    public static float[] CreateVolume(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var volume = new float[(long)size * size * size];
        Parallel.For(0, size, y =>
        {
            double yh = 2 * (y + 0.5) / size - 1, s = Math.Sqrt(Math.Max(0, 1 - yh * yh));
            if (s < 0.05) return;
            var slice = Create(size, s);
            for (int z = 0; z < size; z++)
                for (int x = 0; x < size; x++) volume[((long)z * size + y) * size + x] = slice[z * size + x];
        });
        return volume;
    }
}
