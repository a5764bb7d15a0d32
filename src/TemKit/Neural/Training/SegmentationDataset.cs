using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Png;

namespace TemKit.Neural.Training;

/// <summary>
/// Loads image/mask pairs: each path is an image stack (every frame is one image, e.g. images.mrc + masks.mrc from
/// `temkit simulate dataset`) or a folder of MRC/DM/PNG files (sorted by name; multi-frame files contribute every frame).
/// Images are normalised to mean 0, standard deviation 1. Masks become labels: any value &gt; 0 is foreground for
/// binary networks; for several classes the rounded value is the class index.
/// </summary>
public static partial class SegmentationDataset
{
    /// <summary>Extensions accepted inside folders.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [.. ImageFile.Extensions, ".png"];

    /// <summary>
    /// Reads and pairs the images and masks; throws <see cref="TemKitFormatException"/> on a count, size or class mismatch.
    /// Each sample's pixel size comes from a params.csv next to an image stack (one row per frame, column
    /// pixel_size_angstrom, as `temkit simulate dataset` writes it), else from the image header (0 when unknown).
    /// </summary>
    public static List<SegmentationSample> Load(string imagesPath, string masksPath, int classes)
    {
        var images = ReadAll(imagesPath);
        var masks = ReadAll(masksPath);
        var framePixelSizes = DatasetPixelSizes(imagesPath, images.Count);
        if (images.Count != masks.Count)
            throw new TemKitFormatException(masksPath, $"{masks.Count} masks for {images.Count} images in {imagesPath}");
        if (images.Count == 0) throw new TemKitFormatException(imagesPath, "no images found");
        var samples = new List<SegmentationSample>(images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            var (imgName, img) = images[i];
            var (maskName, mask) = masks[i];
            if (img.Width != mask.Width || img.Height != mask.Height)
                throw new TemKitFormatException(maskName, $"mask is {mask.Width}x{mask.Height} but image {imgName} is {img.Width}x{img.Height}");
            var pixels = img.Pixels.ToArray();
            SegmentationSample.Normalise(pixels);
            var labels = new float[pixels.Length];
            var m = mask.Pixels;
            for (int k = 0; k < labels.Length; k++)
            {
                float v = m[k];
                if (!float.IsFinite(v)) throw new TemKitFormatException(maskName, $"mask value {v} at pixel {k} is not finite");
                if (classes == 1) labels[k] = v > 0 ? 1f : 0f;
                else
                {
                    int c = (int)MathF.Round(v);
                    if (c < 0 || c >= classes) throw new TemKitFormatException(maskName, $"mask value {v} at pixel {k} is not a class index 0..{classes - 1}");
                    labels[k] = c;
                }
            }
            double pixelSize = framePixelSizes?[i] ?? (img.PixelSize.IsKnown ? img.PixelSizeAngstrom : 0);
            samples.Add(new SegmentationSample(imgName, img.Width, img.Height, pixels, labels, pixelSize));
        }
        return samples;
    }

    /// <summary>Every image in a file or folder, named "file" or "file[frame]".</summary>
    public static List<(string Name, Image2D Image)> ReadAll(string path)
    {
        var files = new List<string>();
        if (Directory.Exists(path))
            files.AddRange(Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal));
        else if (File.Exists(path)) files.Add(path);
        else throw new FileNotFoundException($"{path}: no such file or folder");
        var result = new List<(string, Image2D)>();
        foreach (string f in files)
        {
            string name = Path.GetFileName(f);
            if (Path.GetExtension(f).Equals(".png", StringComparison.OrdinalIgnoreCase))
            {
                result.Add((name, PngReader.ReadImage(f)));
                continue;
            }
            var stack = ImageFile.Read(f);
            for (int z = 0; z < stack.Nz; z++) result.Add((stack.Nz == 1 ? name : $"{name}[{z}]", stack.FrameImage(z)));
        }
        return result;
    }

    /// <summary>Splits into training and validation sets: a seeded shuffle, then round(fraction·n) images (at least one when n ≥ 2 and fraction &gt; 0) for validation.</summary>
    public static (List<SegmentationSample> Train, List<SegmentationSample> Validation) Split(IReadOnlyList<SegmentationSample> samples, double validationFraction, int seed)
    {
        if (validationFraction < 0 || validationFraction >= 1) throw new ArgumentException($"validation fraction {validationFraction} must be in [0, 1)");
        var order = Enumerable.Range(0, samples.Count).ToArray();
        var rng = new Random(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int nVal = (int)Math.Round(validationFraction * samples.Count);
        if (validationFraction > 0 && nVal == 0 && samples.Count >= 2) nVal = 1;
        var val = order.Take(nVal).Order().Select(i => samples[i]).ToList();
        var train = order.Skip(nVal).Order().Select(i => samples[i]).ToList();
        return (train, val);
    }
}
