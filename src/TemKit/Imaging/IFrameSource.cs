namespace TemKit.Imaging;

/// <summary>
/// An open image file read one 2D section at a time, so a stack larger than memory is never
/// loaded whole. Implementations check the file's size against its header when opened.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Path of the file this source reads.</summary>
    string Path { get; }
    int Width { get; }
    int Height { get; }
    /// <summary>Number of 2D sections (nz).</summary>
    int FrameCount { get; }
    StackKind Kind { get; }
    VoxelSize VoxelSize { get; }
    ImageMetadata Metadata { get; }
    /// <summary>True when the source's elements are complex; <see cref="ReadFrame"/> then gives the modulus.</summary>
    bool IsComplex { get; }

    /// <summary>Reads section <paramref name="index"/> as float32 into <paramref name="destination"/> (Width*Height values).</summary>
    void ReadFrame(int index, Span<float> destination);
}
