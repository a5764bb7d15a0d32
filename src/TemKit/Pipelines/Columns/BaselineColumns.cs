using TemKit.Imaging;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// The simplest column finder a user would try without a network: Gaussian-filter the raw image, standardise it (zero
/// mean, unit standard deviation, sign chosen so columns are maxima) and take its peaks.
/// </summary>
public static class BaselineColumns
{
    /// <summary>The standardised filtered image whose peaks are the baseline's columns (σ units, columns positive).</summary>
    public static Image2D Map(Image2D raw, BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var map = raw.Clone();
        var pixels = map.Pixels;
        if (options.FilterSigmaAngstrom > 0)
            WaveImager.GaussianBlur(pixels, map.Width, map.Height, PixelSize(raw), options.FilterSigmaAngstrom);
        double sum = 0, sum2 = 0;
        foreach (float v in pixels) { sum += v; sum2 += (double)v * v; }
        double mean = sum / pixels.Length, sd = Math.Sqrt(Math.Max(0, sum2 / pixels.Length - mean * mean));
        float scale = (float)((options.Contrast == ColumnContrast.Dark ? -1 : 1) / (sd > 0 ? sd : 1));
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)(pixels[i] - mean) * scale;
        return map;
    }

    /// <summary>The baseline's columns in <paramref name="raw"/>, highest first.</summary>
    public static DetectedColumn[] Detect(Image2D raw, BaselineOptions options) =>
        PeakFinder.Find(Map(raw, options), options.PeakOptions);

    private static double PixelSize(Image2D image) => image.PixelSizeAngstrom > 0 ? image.PixelSizeAngstrom : 1;
}
