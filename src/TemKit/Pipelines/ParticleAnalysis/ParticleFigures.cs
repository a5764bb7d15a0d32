using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.Imaging.Resampling;
using TemKit.IO.Png;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>
/// The figures of one report frame (seed Figs. 1-2): the image, the inference (probability), the full-image power
/// spectrum, the power spectrum of the masked region of the particle with the smallest ratio, and the ratio-scaled
/// inference map (each particle's probability × 1/ratio, perceptual colours 0..1 with a colour bar on the right).
/// Large frames are shown at most 768 px wide.
/// </summary>
public static class ParticleFigures
{
    private const int MaxSidePx = 768;

    /// <summary>The PNG paths of frame <paramref name="frame"/> in <paramref name="folder"/>: image, inference, fft,
    /// region-fft, ratio-map.</summary>
    public static string[] Paths(string folder, int frame) =>
        [.. new[] { "image", "inference", "fft", "region-fft", "ratio-map" }.Select(k => Path.Combine(folder, $"frame-{frame:D6}.{k}.png"))];

    /// <summary>Writes the five PNGs of <paramref name="analysis"/> (atomically).</summary>
    public static void Write(string folder, Image2D image, ParticleFrameResult analysis)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(analysis);
        var paths = Paths(folder, analysis.Record.Frame);
        int w = image.Width, h = image.Height;
        PngWriter.WriteImage(paths[0], Shrunk(image));
        PngWriter.WriteImage(paths[1], Shrunk(new Image2D(w, h, analysis.Probability, image.PixelSize)), DisplayScale.Fixed(0, 1));
        PngWriter.WriteImage(paths[2], Shrunk(ImageSpectra.CentredPowerSpectrum(image)), DisplayScale.PowerSpectrum);
        var particles = analysis.Record.Particles;
        int best = -1;
        for (int i = 0; i < particles.Count; i++)
            if (analysis.Analyses[i].Spectrum is not null && (best < 0 || Better(particles[i].Ratio, particles[best].Ratio))) best = i;
        var region = best >= 0 ? analysis.Analyses[best].Spectrum! : new Image2D(64, 64);
        PngWriter.WriteImage(paths[3], region, DisplayScale.PowerSpectrum);
        WriteRatioMap(paths[4], analysis, w, h);
    }

    private static bool Better(double a, double b) => !double.IsNaN(a) && (double.IsNaN(b) || a < b);

    /// <summary>probability × score per particle pixel, colour-mapped 0..1, with a colour bar strip (1 at the top).</summary>
    private static void WriteRatioMap(string path, ParticleFrameResult analysis, int w, int h)
    {
        var scoreOf = new Dictionary<int, float>();
        for (int i = 0; i < analysis.Record.Particles.Count; i++)
            scoreOf[analysis.Record.Particles[i].Label] = (float)analysis.Analyses[i].Score;
        var map = new float[w * h];
        for (int i = 0; i < map.Length; i++)
            map[i] = analysis.Labels[i] != 0 ? analysis.Probability[i] * scoreOf.GetValueOrDefault(analysis.Labels[i]) : 0;
        var shown = Shrunk(new Image2D(w, h, map));
        int sw = shown.Width, sh = shown.Height, bar = Math.Max(8, sw / 24), gap = 4, total = sw + gap + bar;
        var rgb = Colormap.Perceptual.Apply(shown.Pixels, DisplayScale.Fixed(0, 1));
        var canvas = new byte[total * sh * 3];
        Array.Fill(canvas, (byte)255);
        for (int y = 0; y < sh; y++)
        {
            rgb.AsSpan(y * sw * 3, sw * 3).CopyTo(canvas.AsSpan(y * total * 3));
            var c = Colormap.Perceptual.At(1 - y / (double)Math.Max(1, sh - 1));
            for (int x = sw + gap; x < total; x++)
            {
                int o = (y * total + x) * 3;
                canvas[o] = c.R;
                canvas[o + 1] = c.G;
                canvas[o + 2] = c.B;
            }
        }
        PngWriter.WriteRgb8(path, canvas, total, sh);
    }

    private static Image2D Shrunk(Image2D image)
    {
        int side = Math.Max(image.Width, image.Height);
        if (side <= MaxSidePx) return image;
        double f = MaxSidePx / (double)side;
        return Resize.Image(image, Math.Max(1, (int)Math.Round(image.Width * f)), Math.Max(1, (int)Math.Round(image.Height * f)));
    }
}
