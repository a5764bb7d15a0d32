namespace TemKit.Imaging;

/// <summary>
/// A float32 3D array held in memory: an image stack, a volume or a stack of volumes, with
/// nx fastest, then ny, then nz. <see cref="Frame"/> gives zero-copy views of each 2D section.
/// </summary>
public sealed class ImageStack
{
    private readonly float[] _data;

    /// <summary>A zero stack of <paramref name="nz"/> sections of <paramref name="nx"/> × <paramref name="ny"/> px.</summary>
    public ImageStack(int nx, int ny, int nz, StackKind kind = StackKind.ImageStack, VoxelSize voxelSize = default, ImageMetadata? metadata = null)
        : this(nx, ny, nz, new float[CheckedLength(nx, ny, nz)], kind, voxelSize, metadata)
    {
    }

    /// <summary>A stack over existing <paramref name="data"/> (section after section, row-major; not copied).</summary>
    public ImageStack(int nx, int ny, int nz, float[] data, StackKind kind = StackKind.ImageStack, VoxelSize voxelSize = default, ImageMetadata? metadata = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ny);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nz);
        if (data.LongLength != (long)nx * ny * nz)
            throw new ArgumentException($"data holds {data.LongLength} values, {nx}x{ny}x{nz} needs {(long)nx * ny * nz}", nameof(data));
        Nx = nx; Ny = ny; Nz = nz;
        _data = data;
        Kind = kind;
        VoxelSize = voxelSize;
        Metadata = metadata ?? new ImageMetadata();
    }

    /// <summary>nx*ny*nz, refused with a message naming the sizes when it is not positive or exceeds one .NET array.</summary>
    private static int CheckedLength(int nx, int ny, int nz)
    {
        long length = (long)nx * ny * nz;
        if (nx <= 0 || ny <= 0 || nz <= 0 || length > System.Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(nx), $"a {nx}x{ny}x{nz} stack needs {length} values; one stack holds 1..{System.Array.MaxLength}");
        return (int)length;
    }

    /// <summary>Section width (px).</summary>
    public int Nx { get; }
    /// <summary>Section height (px).</summary>
    public int Ny { get; }
    /// <summary>Number of sections.</summary>
    public int Nz { get; }
    /// <summary>Images of a stack, slices of a volume, ...</summary>
    public StackKind Kind { get; }
    /// <summary>Voxel size (Å; 0 when unknown).</summary>
    public VoxelSize VoxelSize { get; }
    /// <summary>What the source file said beyond the pixels.</summary>
    public ImageMetadata Metadata { get; }

    /// <summary>Number of values in one 2D section.</summary>
    public int FrameLength => Nx * Ny;

    /// <summary>The whole array, x fastest.</summary>
    public Span<float> Data => _data;

    /// <summary>The backing array (shared, not copied).</summary>
    public float[] Array => _data;

    /// <summary>Zero-copy view of section <paramref name="z"/>.</summary>
    public Span<float> Frame(int z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, Nz);
        return _data.AsSpan(z * FrameLength, FrameLength);
    }

    /// <summary>Section <paramref name="z"/> as an <see cref="Image2D"/> sharing this stack's memory.</summary>
    public Image2D FrameImage(int z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, Nz);
        return new Image2D(Nx, Ny, _data.AsMemory(z * FrameLength, FrameLength), VoxelSize, Metadata);
    }

    /// <summary>A one-frame stack around a 2D image (copies the pixels).</summary>
    public static ImageStack FromImage(Image2D image) =>
        new(image.Width, image.Height, 1, image.Pixels.ToArray(), StackKind.Image, image.PixelSize, image.Metadata);
}
