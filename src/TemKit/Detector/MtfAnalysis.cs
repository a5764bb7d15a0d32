using System.Globalization;
using TemKit.Imaging;

namespace TemKit.Detector;

/// <summary>
/// One frame end to end (SOI 3.2 and A.3): check the frame, pick the vacuum region, take its radial noise spectrum,
/// fit Eq. 4 and read the dose from the gain-normalised mean. Never throws for bad data: the result carries the
/// status and the reason.
/// </summary>
public static class MtfAnalysis
{
    /// <summary>Analyses <paramref name="frame"/> (pixels in detected electrons, i.e. gain-normalised).</summary>
    public static FrameAnalysis Analyse(Image2D frame, MtfAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Analyse(frame.Pixels, frame.Width, frame.Height, options);
    }

    /// <summary>Span form of <see cref="Analyse(Image2D, MtfAnalysisOptions)"/>.</summary>
    public static FrameAnalysis Analyse(ReadOnlySpan<float> pixels, int width, int height, MtfAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = FrameChecks.Problem(pixels);
        if (problem is not null) return FrameAnalysis.Failed(problem);

        IReadOnlyList<PixelRegion> tiles;
        if (options.Region is { } region)
        {
            problem = region.ProblemWithin(width, height);
            if (problem is not null) return FrameAnalysis.Failed(problem);
            tiles = region.Tiles(options.TileSize);
        }
        else if (options.AutoVacuum)
        {
            tiles = VacuumFinder.Find(pixels, width, height, options.Vacuum);
            if (tiles.Count == 0) return FrameAnalysis.Failed("no vacuum found: no tile's mean and variance match pure noise");
        }
        else
        {
            tiles = PixelRegion.Whole(width, height).Tiles(options.TileSize);
        }

        var (mean, variance) = Moments(pixels, width, tiles);
        double dose = options.DoseElectronsPerPixel ?? mean;
        if (options.DoseElectronsPerPixel is null)
        {
            if (!(mean > 0))
                return FrameAnalysis.Failed(Invariant($"region mean {mean:G4} ≤ 0 cannot be a dose: is the frame dark-subtracted only, or not in electrons?"), mean);
            if (variance / mean > options.MaxVarianceToMean)
                return FrameAnalysis.Failed(Invariant(
                    $"region mean {mean:G6} cannot be a dose in e/px: variance/mean = {variance / mean:G3} > {options.MaxVarianceToMean:G3} (pure noise in electrons has ≤ ~1); gain-normalise the frame or give the dose per frame"), mean);
        }

        var spectrum = NoiseSpectrum.Compute(pixels, width, height, tiles, options.Spectrum);
        MtfFit fit;
        try
        {
            fit = MtfFitter.Fit(spectrum, options.Fit);
        }
        catch (ArgumentException e)
        {
            return FrameAnalysis.Failed(e.Message, dose);
        }
        if (!(fit.RSquared >= options.MinRSquared))
            return new FrameAnalysis(FrameStatus.Flagged,
                Invariant($"R² {fit.RSquared:F3} < {options.MinRSquared:F2}: the region may contain specimen, or the dose is too low for a stable fit"),
                dose, fit, spectrum, tiles);
        return new FrameAnalysis(FrameStatus.Ok, null, dose, fit, spectrum, tiles);
    }

    private static (double Mean, double Variance) Moments(ReadOnlySpan<float> pixels, int width, IReadOnlyList<PixelRegion> tiles)
    {
        double s = 0, s2 = 0;
        long n = 0;
        foreach (var t in tiles)
        {
            for (int y = t.Y; y < t.Y + t.Height; y++)
            {
                var row = pixels.Slice(y * width + t.X, t.Width);
                foreach (float v in row) { s += v; s2 += (double)v * v; }
            }
            n += t.Area;
        }
        double m = s / n;
        return (m, Math.Max(0, s2 / n - m * m));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
