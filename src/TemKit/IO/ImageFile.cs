using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.IO;

/// <summary>Opens any image format TemKit reads, chosen by file extension (.mrc, .mrcs, .map, .st, .ali, .rec, .dm3, .dm4).</summary>
public static class ImageFile
{
    /// <summary>Extensions TemKit reads, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".mrc", ".mrcs", ".map", ".st", ".ali", ".rec", ".dm3", ".dm4"];

    /// <summary>Opens a file for frame-by-frame reading.</summary>
    public static IFrameSource Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        // Checked before opening: opening a named pipe (or a device) for reading would block until a writer appears.
        if (new FileInfo(path).Length == 0)
            throw new TemKitFormatException(path, ext is ".dm3" or ".dm4"
                ? "file is empty (0 bytes), a DM file starts with a 12- or 24-byte header"
                : "file is empty (0 bytes), an MRC file starts with a 1024-byte header");
        if (ext is ".dm3" or ".dm4") return Dm.DmFile.Open(path, options);
        if (Extensions.Contains(ext)) return MrcFile.Open(path, options);
        // Any other name is tried as MRC (some programs write MRC without the extension); when that fails, say what TemKit reads.
        try
        {
            return MrcFile.Open(path, options);
        }
        catch (TemKitFormatException e)
        {
            string kind = ext.Length > 0 ? $"a '{ext}' file" : "a file without extension";
            throw new TemKitFormatException(path, $"{kind} is not an image format TemKit reads ({string.Join(", ", Extensions)}); read as MRC: {e.Problem}", e);
        }
    }

    /// <summary>Reads every frame of a file into memory.</summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        using var source = Open(path, options);
        return source.ReadAll();
    }

    /// <summary>True when the path has an extension TemKit reads.</summary>
    public static bool IsSupported(string path) => Extensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());
}
