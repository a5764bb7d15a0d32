namespace TemKit.Imaging;

/// <summary>
/// A float32 2D image, row-major (x fastest), with its pixel size in Å. The pixels may be a
/// zero-copy view into a larger buffer such as one frame of an <see cref="ImageStack"/>.
/// </summary>
public sealed class Image2D
{
    private readonly Memory<float> _pixels;

    /// <summary>A zero image of <paramref name="width"/> × <paramref name="height"/> px with pixel size <paramref name="pixelSize"/> (Å).</summary>
    public Image2D(int width, int height, VoxelSize pixelSize = default, ImageMetadata? metadata = null)
        : this(width, height, new float[checked(width * height)], pixelSize, metadata)
    {
    }

    /// <summary>An image over existing <paramref name="pixels"/> (row-major, width × height values; not copied).</summary>
    public Image2D(int width, int height, Memory<float> pixels, VoxelSize pixelSize = default, ImageMetadata? metadata = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"pixel buffer holds {pixels.Length} values, {width}x{height} needs {(long)width * height}", nameof(pixels));
        Width = width;
        Height = height;
        _pixels = pixels;
        PixelSize = pixelSize;
        Metadata = metadata ?? new ImageMetadata();
    }

    /// <summary>Width (px).</summary>
    public int Width { get; }
    /// <summary>Height (px).</summary>
    public int Height { get; }

    /// <summary>Pixel size in Å (x, y; z is the slice thickness or zero).</summary>
    public VoxelSize PixelSize { get; }

    /// <summary>Pixel size along x in Å (0 if unknown).</summary>
    public double PixelSizeAngstrom => PixelSize.XAngstrom;

    /// <summary>What the source file said beyond the pixels.</summary>
    public ImageMetadata Metadata { get; }

    /// <summary>All pixels, row-major.</summary>
    public Span<float> Pixels => _pixels.Span;

    /// <summary>The pixel memory (for code that must hold on to it across awaits or threads).</summary>
    public Memory<float> PixelMemory => _pixels;

    /// <summary>One row of pixels.</summary>
    public Span<float> Row(int y) => _pixels.Span.Slice(y * Width, Width);

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public float this[int x, int y]
    {
        get => _pixels.Span[y * Width + x];
        set => _pixels.Span[y * Width + x] = value;
    }

    /// <summary>A deep copy with its own pixel buffer.</summary>
    public Image2D Clone() => new(Width, Height, _pixels.ToArray(), PixelSize, Metadata);

    /// <summary>The same pixels with a different calibration.</summary>
    public Image2D WithPixelSize(VoxelSize pixelSize) => new(Width, Height, _pixels, pixelSize, Metadata);
}
