namespace TemKit.Simulation.Stem;

/// <summary>The finite effective source: a separable Gaussian blur of the scan image (edges clamped, not wrapped,
/// because a scan need not be periodic).</summary>
internal static class SourceBlur
{
    /// <summary>Blurs the nx x ny image in place with a Gaussian of standard deviation <paramref name="sigmaPixels"/>.</summary>
    public static void Apply(float[] image, int nx, int ny, double sigmaPixels)
    {
        if (sigmaPixels <= 0) return;
        int reach = (int)Math.Ceiling(4 * sigmaPixels);
        var kernel = new double[2 * reach + 1];
        double sum = 0;
        for (int d = -reach; d <= reach; d++) sum += kernel[d + reach] = Math.Exp(-0.5 * d * d / (sigmaPixels * sigmaPixels));
        for (int d = 0; d < kernel.Length; d++) kernel[d] /= sum;
        var copy = (float[])image.Clone();
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double v = 0;
                for (int d = -reach; d <= reach; d++) v += kernel[d + reach] * copy[j * nx + Math.Clamp(i + d, 0, nx - 1)];
                image[j * nx + i] = (float)v;
            }
        image.CopyTo(copy, 0);
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double v = 0;
                for (int d = -reach; d <= reach; d++) v += kernel[d + reach] * copy[Math.Clamp(j + d, 0, ny - 1) * nx + i];
                image[j * nx + i] = (float)v;
            }
    }
}
