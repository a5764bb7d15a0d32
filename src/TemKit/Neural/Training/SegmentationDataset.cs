using System.Globalization;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Png;

namespace TemKit.Neural.Training;

/// <summary>
/// Loads image/mask pairs: each path is an image stack (every frame is one image, e.g. images.mrc + masks.mrc from
/// `temkit simulate dataset`) or a folder of MRC/DM/PNG files (sorted by name; multi-frame files contribute every frame).
/// Each image frame is normalised to mean 0, standard deviation 1 (or, for a channel the model passes through, multiplied
/// by its fixed scale). Masks become labels: any value &gt; 0 is foreground
/// for binary networks; for several classes the rounded value is the class index; for regression (mean squared error)
/// the values are kept as they are. With C input channels, C consecutive image frames make one sample (e.g. the three
/// frames of a focal series); with K regressed outputs, K consecutive label frames make one sample's targets.
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
    /// <param name="imagesPath">Image stack or folder.</param>
    /// <param name="masksPath">Mask stack or folder.</param>
    /// <param name="classes">Classes (1 = binary) or regressed outputs.</param>
    /// <param name="inputChannels">Consecutive image frames per sample.</param>
    /// <param name="loss">Cross-entropy (labels) or mean squared error (values kept).</param>
    /// <param name="channels">How each of the <paramref name="inputChannels"/> is prepared (<see cref="Models.ModelInput.Channels"/>);
    /// null = every channel standardised.</param>
    /// <param name="binFactor">Train at this many times the images' pixel size (1 = as they are): see <see cref="Bin"/>.</param>
    public static List<SegmentationSample> Load(string imagesPath, string masksPath, int classes, int inputChannels = 1,
        Losses.LossKind loss = Losses.LossKind.CrossEntropy, IReadOnlyList<Models.InputChannel>? channels = null, int binFactor = 1)
    {
        if (binFactor < 1) throw new ArgumentOutOfRangeException(nameof(binFactor), binFactor, "the bin factor must be at least 1");
        if (binFactor > 1 && classes > 1 && loss != Losses.LossKind.MeanSquaredError)
            throw new ArgumentException($"binning by {binFactor} needs binary masks or regression targets; class maps ({classes} classes) cannot be averaged", nameof(binFactor));
        if (channels is not null && channels.Count != inputChannels)
            throw new ArgumentException($"{channels.Count} channel modes for {inputChannels} input channel(s)", nameof(channels));
        if (inputChannels < 1) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "input channels must be at least 1");
        bool regression = loss == Losses.LossKind.MeanSquaredError;
        int labelPlanes = regression ? classes : 1;
        var images = ReadAll(imagesPath);
        var masks = ReadAll(masksPath);
        if (images.Count == 0) throw new TemKitFormatException(imagesPath, "no images found");
        if (images.Count % inputChannels != 0)
            throw new TemKitFormatException(imagesPath, $"{images.Count} image frames are not a multiple of the {inputChannels} input channels");
        int count = images.Count / inputChannels;
        if (masks.Count != count * labelPlanes)
            throw new TemKitFormatException(masksPath, $"{masks.Count} label frames for {count} samples ({labelPlanes} per sample) in {imagesPath}");
        var framePixelSizes = DatasetPixelSizes(imagesPath, images.Count, count);
        RequireParameterRows(imagesPath, masksPath, images.Count, count);
        var samples = new List<SegmentationSample>(count);
        for (int i = 0; i < count; i++)
        {
            var (imgName, img) = images[i * inputChannels];
            var (width, height) = BinnedSize(img.Width, img.Height, binFactor);
            int plane = width * height;
            var pixels = new float[inputChannels * plane];
            for (int c = 0; c < inputChannels; c++)
            {
                var (name, frame) = images[i * inputChannels + c];
                if (frame.Width != img.Width || frame.Height != img.Height)
                    throw new TemKitFormatException(name, $"channel {c} is {frame.Width}x{frame.Height} but {imgName} is {img.Width}x{img.Height}");
                var channel = pixels.AsSpan(c * plane, plane);
                Bin(frame.Pixels, frame.Width, frame.Height, channel, width, height);
                SegmentationSample.Normalise(channel, channels?[c] ?? Models.InputChannel.Standardised);
            }
            var labels = new float[labelPlanes * plane];
            for (int c = 0; c < labelPlanes; c++)
            {
                var (maskName, mask) = masks[i * labelPlanes + c];
                if (img.Width != mask.Width || img.Height != mask.Height)
                    throw new TemKitFormatException(maskName, $"mask is {mask.Width}x{mask.Height} but image {imgName} is {img.Width}x{img.Height}");
                BinLabels(maskName, mask, labels.AsSpan(c * plane, plane), width, height, classes, regression);
            }
            double pixelSize = framePixelSizes?[i] ?? (img.PixelSize.IsKnown ? img.PixelSizeAngstrom : 0);
            samples.Add(new SegmentationSample(imgName, width, height, pixels, labels, pixelSize * img.Width / width));
        }
        return samples;
    }

    private static void ToLabels(string maskName, ReadOnlySpan<float> m, Span<float> labels, int classes, bool regression)
    {
        for (int k = 0; k < labels.Length; k++)
        {
            float v = m[k];
            if (!float.IsFinite(v)) throw new TemKitFormatException(maskName, $"mask value {v} at pixel {k} is not finite");
            if (regression) labels[k] = v;
            else if (classes == 1) labels[k] = v > 0 ? 1f : 0f;
            else
            {
                int c = (int)MathF.Round(v);
                if (c < 0 || c >= classes) throw new TemKitFormatException(maskName, $"mask value {v} at pixel {k} is not a class index 0..{classes - 1}");
                labels[k] = c;
            }
        }
    }

    /// <summary>
    /// A simulated dataset (images and masks stacks beside a params.csv, as <c>temkit simulate dataset</c> writes) must
    /// have one parameter row per image frame or per sample: a count that disagrees means the parts come from different runs.
    /// </summary>
    private static void RequireParameterRows(string imagesPath, string masksPath, int images, int samples)
    {
        if (!File.Exists(imagesPath)) return;
        string folder = Path.GetDirectoryName(Path.GetFullPath(imagesPath))!;
        string parameters = Path.Combine(folder, "params.csv");
        if (!File.Exists(parameters) || Path.GetDirectoryName(Path.GetFullPath(masksPath)) != folder) return;
        int rows = File.ReadLines(parameters).Skip(1).Count(l => l.Length > 0);
        if (rows != images && rows != samples)
            throw new TemKitFormatException(parameters, $"{rows} parameter rows for {images} images in {Path.GetFileName(imagesPath)}: the dataset's parts come from different runs; simulate it again");
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

    /// <summary>How many of <paramref name="count"/> samples <see cref="Split"/> holds out for validation: the fraction
    /// rounded, at least one when the fraction is above 0 and there are two or more samples.</summary>
    /// <exception cref="ArgumentException">The fraction would hold out every sample, leaving none to train on.</exception>
    public static int ValidationCount(int count, double validationFraction)
    {
        int nVal = (int)Math.Round(validationFraction * count);
        if (validationFraction > 0 && nVal == 0 && count >= 2) nVal = 1;
        if (count > 0 && nVal >= count)
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"validation fraction {validationFraction} holds out all {count} samples, leaving none to train on"));
        return nVal;
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
        int nVal = ValidationCount(samples.Count, validationFraction);
        var val = order.Take(nVal).Order().Select(i => samples[i]).ToList();
        var train = order.Skip(nVal).Order().Select(i => samples[i]).ToList();
        return (train, val);
    }

    /// <summary>A 64-bit FNV-1a hash (hex) of every sample's name-free content: size, image pixels and labels, in order.</summary>
    public static string Fingerprint(IReadOnlyList<SegmentationSample> samples)
    {
        const ulong Prime = 1099511628211UL;
        ulong hash = 14695981039346656037UL;
        void Add(ulong v)
        {
            hash ^= v;
            hash *= Prime;
        }
        foreach (var s in samples)
        {
            Add((ulong)s.Width);
            Add((ulong)s.Height);
            foreach (float v in s.Image) Add(BitConverter.SingleToUInt32Bits(v));
            foreach (float v in s.Labels) Add(BitConverter.SingleToUInt32Bits(v));
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
