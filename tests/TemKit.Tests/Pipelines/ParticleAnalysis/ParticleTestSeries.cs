using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>The synthetic particle series the particle-analysis tests share.</summary>
internal static class ParticleTestSeries
{
    /// <summary>Frame width and height (px).</summary>
    public const int Size = 256;

    /// <summary>Pixel size (Å/px).</summary>
    public const double Px = 0.2;

    /// <summary>
    /// Three frames (0.2 Å/px) drifting 4 px/frame in x: particle A is an FCC [110] crystal (radius 12 Å) masked by a
    /// disc of radius 55 px at (70, 80), particle B a single set of 2.355 Å fringes in a disc of radius 45 px at
    /// (180, 170). Frame 2 has B only. Masks are the discs.
    /// </summary>
    public static (string Images, string Masks) Write(string folder)
    {
        var images = new ImageStack(Size, Size, 3, voxelSize: VoxelSize.Isotropic(Px));
        var masks = new ImageStack(Size, Size, 3, voxelSize: VoxelSize.Isotropic(Px));
        var crystal = LatticeImages.Fcc(128, Px, 4.078, 12, (1, 1, 0), rotationDegrees: 10);
        var fringes = LatticeImages.Waves(Size, Px, [(2.355, 35, 1.0)], 0.05, seed: 4);
        var rng = new Random(2);
        for (int z = 0; z < 3; z++)
        {
            int shift = 4 * z;
            var frame = images.Data.Slice(z * Size * Size, Size * Size);
            var mask = masks.Data.Slice(z * Size * Size, Size * Size);
            for (int i = 0; i < frame.Length; i++) frame[i] = 100 + 0.05f * (float)(rng.NextDouble() - 0.5);
            var b = LatticeImages.Disc(Size, 45, 180 + shift, 170);
            for (int i = 0; i < frame.Length; i++)
                if (b[i] > 0) { frame[i] = fringes.Pixels[i]; mask[i] = 1; }
            if (z == 2) continue;
            var a = LatticeImages.Disc(Size, 55, 70 + shift, 80);
            for (int y = 0; y < 128; y++)
                for (int x = 0; x < 128; x++)
                {
                    int fx = x + 70 + shift - 64, fy = y + 80 - 64;
                    frame[fy * Size + fx] += 3 * crystal[x, y];
                }
            for (int i = 0; i < frame.Length; i++) if (a[i] > 0) mask[i] = 1;
        }
        string imagePath = Path.Combine(folder, "frames.mrc"), maskPath = Path.Combine(folder, "masks.mrc");
        MrcFile.Write(imagePath, images);
        MrcFile.Write(maskPath, masks);
        return (imagePath, maskPath);
    }
}
