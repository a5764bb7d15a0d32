using TemKit.Neural.Training;

namespace TemKit.Tests.Neural;

/// <summary>Test images: bright discs and convex polygons on spatially correlated noise, with exact masks.</summary>
internal static class SyntheticParticles
{
    /// <summary>Writes the first <paramref name="frames"/> of <see cref="Make"/>(<paramref name="count"/>, ...) as an image
    /// stack (pixel size <paramref name="pixelAngstrom"/> Å) and a mask stack, the inputs of <c>temkit train</c>.</summary>
    public static void WriteStacks(string imagesPath, string masksPath, int count, int size, int seed, int frames = -1, double pixelAngstrom = 2)
    {
        if (frames < 0) frames = count;
        var samples = Make(count, size, seed);
        var images = new TemKit.Imaging.ImageStack(size, size, frames, voxelSize: TemKit.Imaging.VoxelSize.Isotropic(pixelAngstrom));
        var masks = new TemKit.Imaging.ImageStack(size, size, frames);
        for (int z = 0; z < frames; z++)
        {
            samples[z].Image.CopyTo(images.Frame(z));
            samples[z].Labels.CopyTo(masks.Frame(z));
        }
        TemKit.IO.Mrc.MrcFile.Write(imagesPath, images);
        TemKit.IO.Mrc.MrcFile.Write(masksPath, masks);
    }

    public static List<SegmentationSample> Make(int count, int size, int seed, double contrast = 1.0, double noise = 0.35)
    {
        var rng = new Random(seed);
        var list = new List<SegmentationSample>();
        for (int n = 0; n < count; n++)
        {
            var img = new float[size * size];
            var mask = new float[size * size];
            int objects = 1 + rng.Next(3);
            for (int o = 0; o < objects; o++)
            {
                double cx = 8 + rng.NextDouble() * (size - 16), cy = 8 + rng.NextDouble() * (size - 16), r = 4 + rng.NextDouble() * 6;
                bool disc = rng.Next(2) == 0;
                int sides = 3 + rng.Next(3);
                double phase = rng.NextDouble() * 2 * Math.PI;
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                    {
                        double dx = x - cx, dy = y - cy;
                        bool inside;
                        if (disc) inside = dx * dx + dy * dy <= r * r;
                        else
                        {
                            // Regular polygon: inside when the distance along every edge normal is below the apothem.
                            inside = true;
                            for (int s = 0; s < sides && inside; s++)
                            {
                                double a = phase + (s + 0.5) * 2 * Math.PI / sides;
                                inside = dx * Math.Cos(a) + dy * Math.Sin(a) <= r * Math.Cos(Math.PI / sides);
                            }
                        }
                        if (inside) mask[y * size + x] = 1;
                    }
            }
            var white = new double[size * size];
            for (int i = 0; i < white.Length; i++) white[i] = rng.NextDouble() - 0.5;
            var smooth = Blur(Blur(white, size), size);
            double rms = Math.Sqrt(smooth.Sum(v => v * v) / smooth.Length);
            for (int i = 0; i < img.Length; i++) img[i] = (float)(contrast * mask[i] + noise * smooth[i] / rms);
            SegmentationSample.Normalise(img);
            list.Add(new SegmentationSample($"synthetic{n}", size, size, img, mask));
        }
        return list;
    }

    private static double[] Blur(double[] a, int n)
    {
        var b = new double[a.Length];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double s = 0;
                for (int k = -1; k <= 1; k++)
                    for (int j = -1; j <= 1; j++) s += a[(y + k + n) % n * n + (x + j + n) % n];
                b[y * n + x] = s / 9;
            }
        return b;
    }
}
