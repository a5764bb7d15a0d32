using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Png;

namespace TemKit.Pipelines.Segmentation;

/// <summary>One input file of a segmentation run: its frame count (read from the header) or why it cannot be read.</summary>
/// <param name="File">Full path.</param>
/// <param name="FrameCount">Images in the file (1 for a PNG or a single image; 0 when unreadable).</param>
/// <param name="Error">Why the file cannot be read, or null.</param>
internal sealed record InputImages(string File, int FrameCount, string? Error)
{
    /// <summary>Opens the header of <paramref name="file"/> to count its frames; a bad file gives an error, not an exception.</summary>
    public static InputImages Describe(string file)
    {
        try
        {
            if (IsPng(file)) return System.IO.File.Exists(file) ? new InputImages(file, 1, null) : new InputImages(file, 0, $"{file}: file not found");
            using var source = ImageFile.Open(file);
            return new InputImages(file, source.FrameCount, null);
        }
        catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new InputImages(file, 0, e is TemKitFormatException ? e.Message : $"{file}: {e.Message}");
        }
    }

    /// <summary>Frame <paramref name="z"/> as an image.</summary>
    public Image2D Read(int z)
    {
        if (IsPng(File)) return PngReader.ReadImage(File);
        using var source = ImageFile.Open(File);
        return source.ReadImage(z);
    }

    private static bool IsPng(string file) => Path.GetExtension(file).Equals(".png", StringComparison.OrdinalIgnoreCase);
}
