using TemKit.Cli.Commands.Files;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.IO.Tiff;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step 1: a synthetic HRTEM-like image (a crystalline particle on an amorphous film), written as MRC, PNG and
/// an ImageJ-calibrated float32 TIFF (read back: same pixels and pixel size), its power spectrum, and the `temkit info`
/// table of the file.</summary>
internal sealed class FilesDemoStep : IDemoStep
{
    public int Order => 10;

    public string Title => "Image files and FFT";

    public string Run(string folder, DemoOptions options)
    {
        int n = options.Quick ? 256 : 1024;
        const double PixelSizeAngstrom = 0.25;
        var image = SyntheticLattice(n, PixelSizeAngstrom, options.Seed);
        string mrc = Path.Combine(folder, "synthetic.mrc");
        MrcFile.Write(mrc, image);
        PngWriter.WriteImage(Path.Combine(folder, "synthetic.png"), image);
        var power = TemKit.Fourier.ImageSpectra.CentredPowerSpectrum(image);
        PngWriter.WriteImage(Path.Combine(folder, "synthetic_fft.png"), power, new Imaging.Display.DisplayScale(0.5, 99.9, Log: true));
        FileInfoReport.Read(mrc, ReadOptions.Strict).Print(withFields: false);
        Console.WriteLine("  $ temkit convert synthetic.mrc synthetic.tif");
        string tif = Path.Combine(folder, "synthetic.tif");
        TiffFile.Write(tif, ImageStack.FromImage(image), new TiffWriteOptions());
        var back = ImageFile.Read(tif);
        bool same = back.Data.SequenceEqual(image.Pixels) && Math.Abs(back.VoxelSize.XAngstrom - PixelSizeAngstrom) < 1e-6;
        return $"{n}x{n} image at {PixelSizeAngstrom} Å/px: synthetic.mrc, synthetic.png, synthetic_fft.png; synthetic.tif "
            + (same ? $"reads back identical at {back.VoxelSize.XAngstrom:G4} Å/px" : "DID NOT read back identical");
    }

    /// <summary>Gaussian atom columns on an FCC [110]-like rectangular lattice (2.04 x 2.88 Å) inside a disc, on a noisy film.</summary>
    private static Image2D SyntheticLattice(int n, double pixelSizeAngstrom, int seed)
    {
        var image = new Image2D(n, n, VoxelSize.Isotropic(pixelSizeAngstrom));
        var rng = new Random(seed);
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++) pixels[i] = 1f + 0.05f * (float)(rng.NextDouble() - 0.5);
        double radius = 0.35 * n * pixelSizeAngstrom, cx = 0.5 * n * pixelSizeAngstrom, cy = cx;
        const double A = 2.04, B = 2.88, Sigma = 0.35;
        int reach = (int)Math.Ceiling(3 * Sigma / pixelSizeAngstrom);
        for (double y = cy - radius; y <= cy + radius; y += B)
            for (double x = cx - radius; x <= cx + radius; x += A)
            {
                double shift = ((int)Math.Round((y - cy) / B) & 1) == 0 ? 0 : A / 2;
                double ax = x + shift, ay = y;
                if ((ax - cx) * (ax - cx) + (ay - cy) * (ay - cy) > radius * radius) continue;
                int px = (int)(ax / pixelSizeAngstrom), py = (int)(ay / pixelSizeAngstrom);
                for (int j = Math.Max(0, py - reach); j <= Math.Min(n - 1, py + reach); j++)
                    for (int i = Math.Max(0, px - reach); i <= Math.Min(n - 1, px + reach); i++)
                    {
                        double dx = i * pixelSizeAngstrom - ax, dy = j * pixelSizeAngstrom - ay;
                        image[i, j] -= (float)(0.3 * Math.Exp(-(dx * dx + dy * dy) / (2 * Sigma * Sigma)));
                    }
            }
        return image;
    }
}
