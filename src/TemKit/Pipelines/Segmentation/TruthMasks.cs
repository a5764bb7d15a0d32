using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Png;

namespace TemKit.Pipelines.Segmentation;

/// <summary>True masks for scoring a run: one frame per image of the run, in input order (values &gt; 0.5 are foreground).</summary>
public sealed class TruthMasks
{
    private readonly ImageStack _stack;

    private TruthMasks(string path, ImageStack stack)
    {
        Path = path;
        _stack = stack;
    }

    /// <summary>The mask file.</summary>
    public string Path { get; }

    /// <summary>Masks in the file.</summary>
    public int Count => _stack.Nz;

    /// <summary>
    /// Reads <paramref name="path"/> (MRC/DM stack or a PNG) and checks it holds exactly <paramref name="images"/> masks;
    /// throws <see cref="ArgumentException"/> naming the file and both counts otherwise.
    /// </summary>
    public static TruthMasks Load(string path, int images)
    {
        var stack = System.IO.Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase)
            ? ImageStack.FromImage(PngReader.ReadImage(path))
            : ImageFile.Read(path);
        if (stack.Nz != images)
            throw new ArgumentException($"truth {path}: {stack.Nz} mask(s) for {images} image(s); give one mask per image, in input order");
        return new TruthMasks(path, stack);
    }

    /// <summary>Mask <paramref name="index"/> (0-based image index); throws <see cref="ArgumentException"/> when its size differs from the image's.</summary>
    public ReadOnlyMemory<float> Frame(int index, int width, int height)
    {
        if (_stack.Nx != width || _stack.Ny != height)
            throw new ArgumentException($"truth {Path} frame {index}: mask is {_stack.Nx}x{_stack.Ny} px, the image {width}x{height} px");
        return _stack.Array.AsMemory(index * _stack.FrameLength, _stack.FrameLength);
    }
}
