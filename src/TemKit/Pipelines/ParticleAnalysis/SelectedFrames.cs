using TemKit.Imaging;
using TemKit.IO;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>Chosen frames of several inputs seen as one stack, read one at a time (for writing the kept stack without
/// loading it). All frames must have the same size.</summary>
internal sealed class SelectedFrames : IFrameSource
{
    private readonly IReadOnlyList<FrameRef> _frames;
    private IFrameSource? _open;

    public SelectedFrames(IReadOnlyList<FrameRef> frames)
    {
        if (frames.Count == 0) throw new ArgumentException("no frames to select", nameof(frames));
        _frames = frames;
        using var first = ImageFile.Open(frames[0].File);
        Width = first.Width;
        Height = first.Height;
        VoxelSize = first.VoxelSize;
        Metadata = first.Metadata;
    }

    public string Path => _frames[0].File;
    public int Width { get; }
    public int Height { get; }
    public int FrameCount => _frames.Count;
    public StackKind Kind => StackKind.ImageStack;
    public VoxelSize VoxelSize { get; }
    public ImageMetadata Metadata { get; }
    public bool IsComplex => false;

    public void ReadFrame(int index, Span<float> destination)
    {
        var f = _frames[index];
        if (_open is null || _open.Path != f.File)
        {
            _open?.Dispose();
            _open = ImageFile.Open(f.File);
        }
        if (_open.Width != Width || _open.Height != Height)
            throw new ArgumentException($"{f.File}: frames are {_open.Width}x{_open.Height} px, the kept stack {Width}x{Height} px; select frames of one size");
        _open.ReadFrame(f.FrameInFile, destination);
    }

    public void Dispose() => _open?.Dispose();
}
