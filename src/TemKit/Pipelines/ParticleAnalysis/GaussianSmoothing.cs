namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>Separable Gaussian blur of a small float image in place (kernel truncated at 3σ, edges clamped).</summary>
internal static class GaussianSmoothing
{
    /// <summary>Blurs <paramref name="pixels"/> (<paramref name="width"/> x <paramref name="height"/>) with standard
    /// deviation <paramref name="sigmaPx"/> (px).</summary>
    public static void Blur(float[] pixels, int width, int height, double sigmaPx)
    {
        int radius = (int)Math.Ceiling(3 * sigmaPx);
        var kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = (float)Math.Exp(-0.5 * i * i / (sigmaPx * sigmaPx));
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);
        var line = new float[Math.Max(width, height)];
        for (int y = 0; y < height; y++)
        {
            var row = pixels.AsSpan(y * width, width);
            row.CopyTo(line);
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * line[Math.Clamp(x + k, 0, width - 1)];
                row[x] = acc;
            }
        }
        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++) line[y] = pixels[y * width + x];
            for (int y = 0; y < height; y++)
            {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * line[Math.Clamp(y + k, 0, height - 1)];
                pixels[y * width + x] = acc;
            }
        }
    }
}
