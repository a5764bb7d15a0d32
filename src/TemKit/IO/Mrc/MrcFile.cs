using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>MRC2014 files: open for frame-by-frame reading, read whole, or write atomically.</summary>
public static class MrcFile
{
    /// <summary>Opens an MRC file for frame-by-frame reading; the header is validated against the file length first.</summary>
    public static IFrameSource Open(string path, ReadOptions? options = null) => MrcReader.Open(path, options ?? ReadOptions.Strict);

    /// <summary>Reads every section of an MRC file into memory.</summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        using var source = Open(path, options);
        return source.ReadAll();
    }

    /// <summary>Writes a 2D image as mode 2 (float32).</summary>
    public static void Write(string path, Image2D image) =>
        Write(path, new ImageStack(image.Width, image.Height, 1, image.Pixels.ToArray(), StackKind.Image, image.PixelSize, image.Metadata));

    /// <summary>Writes a stack or volume as mode 2 (float32), atomically.</summary>
    public static void Write(string path, ImageStack stack) => MrcWriter.Write(path, stack);

    /// <summary>Writes complex data (nx*ny*nz values, x fastest) as mode 4 (complex64), atomically.</summary>
    public static void WriteComplex(string path, ReadOnlySpan<ComplexF> data, int nx, int ny, int nz, VoxelSize voxelSize) =>
        MrcWriter.WriteComplex(path, data, nx, ny, nz, voxelSize);
}
