using TemKit.Imaging;

namespace TemKit.IO.Tilt;

/// <summary>A frame source whose metadata carries tilt angles found beside the file (the reader's own metadata otherwise).</summary>
internal class TiltSeriesSource(IFrameSource inner, ImageMetadata metadata) : IFrameSource
{
    protected IFrameSource Inner { get; } = inner;
    public string Path => Inner.Path;
    public int Width => Inner.Width;
    public int Height => Inner.Height;
    public int FrameCount => Inner.FrameCount;
    public StackKind Kind => Inner.Kind;
    public VoxelSize VoxelSize => Inner.VoxelSize;
    public ImageMetadata Metadata { get; } = metadata;
    public bool IsComplex => Inner.IsComplex;
    public void ReadFrame(int index, Span<float> destination) => Inner.ReadFrame(index, destination);
    public void Dispose() => Inner.Dispose();

    /// <summary>The source with the companion file's tilt angles (.rawtlt, .tlt, .mdoc) in its metadata, which take
    /// precedence over angles from the file's own header; the source itself when there is no companion.</summary>
    public static IFrameSource Attach(IFrameSource source)
    {
        if (source.FrameCount < 2) return source;
        var found = TiltAngleFiles.FromCompanion(source.Path, source.FrameCount, out string? note);
        if (found is null && note is null) return source;
        var fields = new Dictionary<string, string>(source.Metadata.Fields);
        if (note is not null) fields["tilt.companion"] = note;
        var metadata = found is { } f
            ? source.Metadata with { TiltAnglesDegrees = f.Angles, TiltAnglesSource = f.Source, Fields = fields }
            : source.Metadata with { Fields = fields };
        return source is IComplexFrameSource complex ? new Complex(complex, metadata) : new TiltSeriesSource(source, metadata);
    }

    private sealed class Complex(IComplexFrameSource inner, ImageMetadata metadata) : TiltSeriesSource(inner, metadata), IComplexFrameSource
    {
        public void ReadComplexFrame(int index, Span<float> destination) => ((IComplexFrameSource)Inner).ReadComplexFrame(index, destination);
    }
}
