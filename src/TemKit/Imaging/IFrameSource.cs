namespace TemKit.Imaging;

/// <summary>
/// An open image file read one 2D section at a time, so a stack larger than memory is never
/// loaded whole. Implementations check the file's size against its header when opened.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Path of the file this source reads.</summary>
    string Path { get; }
    /// <summary>Width of a section (px, nx).</summary>
    int Width { get; }
    /// <summary>Height of a section (px, ny).</summary>
    int Height { get; }
    /// <summary>Number of 2D sections (nz).</summary>
    int FrameCount { get; }
    /// <summary>Whether the sections are images of a stack, slices of a volume, ...</summary>
    StackKind Kind { get; }
    /// <summary>Voxel size (Å; 0 when unknown).</summary>
    VoxelSize VoxelSize { get; }
    /// <summary>What the file says beyond the pixels.</summary>
    ImageMetadata Metadata { get; }
    /// <summary>True when the source's elements are complex; <see cref="ReadFrame"/> then gives the modulus.</summary>
    bool IsComplex { get; }

    /// <summary>Reads section <paramref name="index"/> as float32 into <paramref name="destination"/> (Width*Height values).</summary>
    void ReadFrame(int index, Span<float> destination);
}
