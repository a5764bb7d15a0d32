using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Png;
using TemKit.Optics;

namespace TemKit.Pipelines.Defocus.Report;

/// <summary>
/// The two pictures of the seed's Figure 4 for one image, written when the image is analysed (so a report can be
/// rebuilt later without reading images): a binned thumbnail of the micrograph and its power spectrum with the
/// fitted CTF zeros drawn on the right half.
/// </summary>
public static class Thumbnails
{
    /// <summary>Largest edge of a thumbnail (px).</summary>
    public const int MaxSizePx = 256;

    /// <summary>Path of the micrograph thumbnail of <paramref name="file"/> in <paramref name="folder"/>.</summary>
    public static string ImagePath(string folder, string file) => Path.Combine(folder, PartStore.KeyOf(file) + ".image.png");

    /// <summary>Path of the spectrum picture of <paramref name="file"/> in <paramref name="folder"/>.</summary>
    public static string SpectrumPath(string folder, string file) => Path.Combine(folder, PartStore.KeyOf(file) + ".spectrum.png");

    /// <summary>Path of the CTFFIND-style diagnostic image (MRC, float32) of <paramref name="file"/> in <paramref name="folder"/>.</summary>
    public static string DiagnosticMrcPath(string folder, string file) => Path.Combine(folder, PartStore.KeyOf(file) + ".ctf.mrc");

    /// <summary>Path of the PNG of the diagnostic image.</summary>
    public static string DiagnosticPngPath(string folder, string file) => Path.Combine(folder, PartStore.KeyOf(file) + ".ctf.png");

    /// <summary>
    /// Writes the CTFFIND-style diagnostic image (<see cref="CtfEstimation.Fitting.CtfDiagnosticImage"/>: data left, fitted
    /// CTF² right) as MRC and PNG, atomically.
    /// </summary>
    public static void WriteDiagnostic(string folder, string file, PowerSpectrum spectrum, CtfParameters fit)
    {
        Directory.CreateDirectory(folder);
        var image = CtfEstimation.Fitting.CtfDiagnosticImage.Make(spectrum, fit);
        IO.Mrc.MrcFile.Write(DiagnosticMrcPath(folder, file), image);
        int n = image.Width;
        var gray = new byte[n * n];
        double clip = CtfEstimation.Fitting.CtfDiagnosticImage.ClipSd;
        for (int y = 0; y < n; y++)
        {
            var row = image.Row(n - 1 - y);
            for (int x = 0; x < n; x++) gray[y * n + x] = (byte)Math.Clamp(Math.Round((row[x] + clip) / (2 * clip) * 255), 0, 255);
        }
        AtomicFile.WriteAllBytes(DiagnosticPngPath(folder, file), PngWriter.EncodeGray8(gray, n, n));
    }

    /// <summary>Writes both pictures atomically.</summary>
    public static void Write(string folder, string file, Image2D image, PowerSpectrum spectrum, CtfParameters fit, double fitResolutionAngstrom, bool inputIsSpectrum)
    {
        if (!inputIsSpectrum)
        {
            int factor = Math.Max(1, (Math.Max(image.Width, image.Height) + MaxSizePx - 1) / MaxSizePx);
            var small = factor == 1 ? image : PowerSpectrumEstimator.Bin(image, factor);
            AtomicFile.WriteAllBytes(ImagePath(folder, file), PngWriter.EncodeImage(FlipRows(small)));
        }
        AtomicFile.WriteAllBytes(SpectrumPath(folder, file), PngWriter.EncodeCanvas(SpectrumWithRings(spectrum, fit, fitResolutionAngstrom)));
    }

    /// <summary>
    /// The spectrum (log scale, DC at the centre, ky up) with the fitted zeros drawn on its right half, out to the fit
    /// resolution (Å) and only while neighbouring zeros are at least 3 displayed pixels apart, and the fit resolution
    /// as a yellow circle.
    /// </summary>
    public static RgbCanvas SpectrumWithRings(PowerSpectrum spectrum, CtfParameters fit, double fitResolutionAngstrom)
    {
        int factor = Math.Max(1, spectrum.Size / MaxSizePx);
        var shown = factor == 1 ? spectrum.Image : PowerSpectrumEstimator.Bin(spectrum.Image, factor);
        int n = shown.Width;
        var canvas = RgbCanvas.FromGray(DisplayScaling.ToGray8(FlipRows(shown).Pixels, DisplayScale.PowerSpectrum), n, n);
        // Binning by 'factor' keeps the DC pixel at n/2 and makes one displayed pixel 'factor' spectrum pixels.
        double centre = n / 2.0 + (factor == 1 ? 0 : 0.5 / factor - 0.5);
        double step = spectrum.FrequencyStepInverseAngstrom * factor;
        var ctf = new Optics.Ctf(fit);
        double limit = fitResolutionAngstrom > 0 ? 1 / fitResolutionAngstrom : double.PositiveInfinity;
        var xs = new List<double>();
        var ys = new List<double>();
        for (int zero = 1; zero <= 60; zero++)
        {
            xs.Clear();
            ys.Clear();
            for (int a = -90; a <= 90; a += 2)
            {
                double alpha = a * Math.PI / 180;
                double g = ctf.ZeroFrequency(zero, alpha);
                double r = g / step;
                double spacing = (ctf.ZeroFrequency(zero + 1, alpha) - g) / step;
                if (!(r < n / 2.0 - 1) || !(g <= limit) || !(spacing >= 3)) continue;
                xs.Add(centre + r * Math.Cos(alpha));
                ys.Add(n - 1 - (centre + r * Math.Sin(alpha)));
            }
            if (xs.Count < 2) break;
            canvas.DrawPolyline(xs.ToArray(), ys.ToArray(), RgbColor.Cyan, 1, 0.7);
        }
        // The fit-resolution limit: a circle across the whole spectrum.
        double rLimit = limit / step;
        if (double.IsFinite(rLimit) && rLimit < n / 2.0)
        {
            var cx = new double[181];
            var cy = new double[181];
            for (int k = 0; k <= 180; k++)
            {
                double t = 2 * Math.PI * k / 180;
                cx[k] = centre + rLimit * Math.Cos(t);
                cy[k] = n - 1 - (centre + rLimit * Math.Sin(t));
            }
            canvas.DrawPolyline(cx, cy, RgbColor.Yellow, 1, 0.8);
        }
        return canvas;
    }

    /// <summary>A copy with rows reversed: MRC y points up, PNG rows go down.</summary>
    private static Image2D FlipRows(Image2D image)
    {
        var flipped = new Image2D(image.Width, image.Height, image.PixelSize, image.Metadata);
        for (int y = 0; y < image.Height; y++) image.Row(y).CopyTo(flipped.Row(image.Height - 1 - y));
        return flipped;
    }
}
