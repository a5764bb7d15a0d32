using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>MRC2014 files: open for frame-by-frame reading, read whole, read the header, or write atomically.</summary>
public static class MrcFile
{
    /// <summary>Opens an MRC file for frame-by-frame reading; the header is validated against the file length first.</summary>
    public static MrcReader Open(string path, ReadOptions? options = null) => MrcReader.Open(path, options);

    /// <summary>Reads and validates only the 1024-byte main header (plus the checks against the file length).</summary>
    public static MrcHeader ReadHeader(string path, ReadOptions? options = null) => MrcReader.ReadHeader(path, options ?? ReadOptions.Strict);

    /// <summary>
    /// Reads every section of an MRC file into memory, then checks the header's dmin/dmax/dmean against the
    /// data. A disagreement is always a warning, never an error: the pixels are intact, and stale header statistics
    /// are common in files from acquisition software that writes the header before the data.
    /// </summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        using var reader = MrcReader.Open(path, options);
        CheckFitsInMemory(reader);
        var stack = reader.ReadAll();
        string? problem = MrcStatistics.CheckHeader(reader.Header, stack.Array);
        if (problem is null) return stack;
        var problems = new MrcProblems(path, options with { Permissive = true });
        problems.Recoverable(problem);
        var metadata = stack.Metadata with { Warnings = [.. stack.Metadata.Warnings, .. problems.Warnings] };
        return new ImageStack(stack.Nx, stack.Ny, stack.Nz, stack.Array, stack.Kind, stack.VoxelSize, metadata);
    }

    /// <summary>Reads every value of a complex (mode 4) file, x fastest, then y, then z; real modes give (value, 0).</summary>
    public static ComplexF[] ReadComplex(string path, out MrcHeader header, ReadOptions? options = null)
    {
        using var reader = MrcReader.Open(path, options);
        CheckFitsInMemory(reader);
        header = reader.Header;
        int n = reader.Width * reader.Height;
        var data = new ComplexF[checked((long)n * reader.FrameCount)];
        for (int z = 0; z < reader.FrameCount; z++) reader.ReadComplexFrame(z, data.AsSpan(z * n, n));
        return data;
    }

    private static void CheckFitsInMemory(MrcReader reader)
    {
        long values = (long)reader.Width * reader.Height * reader.FrameCount;
        if (values > Array.MaxLength)
            throw new TemKitFormatException(reader.Path, $"nx*ny*nz: {values} values do not fit in one array; open the file and read it section by section");
    }

    /// <summary>Writes a 2D image (mode 2 float32 unless <paramref name="options"/> says otherwise), atomically.</summary>
    public static void Write(string path, Image2D image, MrcWriteOptions? options = null) =>
        Write(path, new ImageStack(image.Width, image.Height, 1, image.Pixels.ToArray(), StackKind.Image, image.PixelSize, image.Metadata), options);

    /// <summary>Writes a stack, volume or volume stack (mode 2 float32 unless <paramref name="options"/> says otherwise), atomically.</summary>
    public static void Write(string path, ImageStack stack, MrcWriteOptions? options = null) =>
        MrcWriter.Write(path, stack, options ?? MrcWriteOptions.Default);

    /// <summary>Writes every frame of <paramref name="source"/> (read one frame at a time: memory stays at about one frame
    /// whatever the stack's size), atomically; an MRC volume stack keeps its volume depth (ispg 401).</summary>
    public static void Write(string path, IFrameSource source, MrcWriteOptions? options = null) =>
        MrcWriter.Write(path, source, options ?? MrcWriteOptions.Default);

    /// <summary>Writes complex data (nx*ny*nz values, x fastest) as mode 4 (complex64), atomically; header statistics describe |z|.</summary>
    public static void WriteComplex(string path, ReadOnlySpan<ComplexF> data, int nx, int ny, int nz, VoxelSize voxelSize, MrcWriteOptions? options = null) =>
        MrcWriter.WriteComplex(path, data, nx, ny, nz, voxelSize, options ?? MrcWriteOptions.Default);
}
