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
    /// <summary>Analyses <paramref name="frame"/> (pixels in detected electrons, i.e. gain-normalised) with the FFT
    /// backend <paramref name="fft"/> (null: <see cref="Fourier.Fft.Default"/>).</summary>
    public static FrameAnalysis Analyse(Image2D frame, MtfAnalysisOptions options, Fourier.IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Analyse(frame.Pixels, frame.Width, frame.Height, options, fft);
    }

    /// <summary>Span form of <see cref="Analyse(Image2D, MtfAnalysisOptions, Fourier.IFftProvider?)"/>.</summary>
    public static FrameAnalysis Analyse(ReadOnlySpan<float> pixels, int width, int height, MtfAnalysisOptions options, Fourier.IFftProvider? fft = null)
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

        double mean = Mean(pixels, width, tiles);
        double dose = options.DoseElectronsPerPixel ?? mean;
        bool doseFromMean = options.DoseElectronsPerPixel is null;
        if (doseFromMean && !(mean > 0))
            return FrameAnalysis.Failed(Invariant($"region mean {mean:G4} ≤ 0 cannot be a dose in e/px: is the frame in electrons (gain-normalised)?"), mean);

        var spectrum = NoiseSpectrum.Compute(pixels, width, height, tiles, options.Spectrum, fft);
        MtfFit fit;
        try
        {
            fit = MtfFitter.Fit(spectrum, options.Fit);
        }
        catch (ArgumentException e)
        {
            return FrameAnalysis.Failed(e.Message, dose);
        }
        if (doseFromMean)
        {
            // Shot noise power at q → 0 equals the dose in e/px (MTF(0) = 1); raw counts or an offset break that.
            double lowPower = options.Spectrum == SpectrumKind.Amplitude ? fit.C1 * fit.C1 : fit.C1;
            double gain = lowPower / mean;
            if (!(gain >= options.MinNoiseGain && gain <= options.MaxNoiseGain))
                return FrameAnalysis.Failed(Invariant(
                    $"region mean {mean:G6} cannot be a dose in e/px: low-frequency noise power / mean = {gain:G3}, outside [{options.MinNoiseGain:G3}, {options.MaxNoiseGain:G3}] (≈ 1 for pixels in electrons); gain-normalise the frame or give the dose per frame"), mean);
        }
        if (!(fit.RSquared >= options.MinRSquared))
            return new FrameAnalysis(FrameStatus.Flagged,
                Invariant($"R² {fit.RSquared:F3} < {options.MinRSquared:F2}: the region may contain specimen, or the dose is too low for a stable fit"),
                dose, fit, spectrum, tiles);
        return new FrameAnalysis(FrameStatus.Ok, null, dose, fit, spectrum, tiles);
    }

    private static double Mean(ReadOnlySpan<float> pixels, int width, IReadOnlyList<PixelRegion> tiles)
    {
        double s = 0;
        long n = 0;
        foreach (var t in tiles)
        {
            for (int y = t.Y; y < t.Y + t.Height; y++)
                s += System.Numerics.Tensors.TensorPrimitives.Sum(pixels.Slice(y * width + t.X, t.Width));
            n += t.Area;
        }
        return s / n;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
