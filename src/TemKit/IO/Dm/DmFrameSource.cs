using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using TemKit.Imaging;

namespace TemKit.IO.Dm;

/// <summary>
/// Streams frames of a DM image with positional reads (safe to call from several threads): frame
/// z starts at Data offset + z × frame bytes. Pixels are converted to float32 in chunks of about
/// 1 MiB, so reading a frame never holds more than the frame and one chunk.
/// </summary>
internal sealed class DmFrameSource : IComplexFrameSource
{
    private const int ChunkBytes = 1 << 20;
    private readonly SafeFileHandle _handle;
    private readonly DmImageLayout _layout;
    private readonly bool _swap;

    internal DmFrameSource(string path, SafeFileHandle handle, DmHeader header, DmTagGroup root, DmImageLayout layout, IReadOnlyList<string> warnings)
    {
        Path = path;
        _handle = handle;
        _layout = layout;
        _swap = DmEndian.NeedsSwap(header.LittleEndian);
        Header = header;
        Tags = root;
        VoxelSize = DmMetadata.VoxelSizeOf(layout);
        Kind = DmMetadata.KindOf(layout);
        Metadata = DmMetadata.Build(header, root, layout, warnings);
    }

    public string Path { get; }
    public int Width => _layout.Width;
    public int Height => _layout.Height;
    public int FrameCount => _layout.FrameCount;
    public StackKind Kind { get; }
    public VoxelSize VoxelSize { get; }
    public ImageMetadata Metadata { get; }
    public bool IsComplex => _layout.PixelType.IsComplex;

    /// <summary>The file's header.</summary>
    public DmHeader Header { get; }

    /// <summary>The whole tag tree.</summary>
    public DmTagGroup Tags { get; }

    /// <summary>Calibration of each axis, x first.</summary>
    public IReadOnlyList<DmAxis> Axes => _layout.Axes;

    public void ReadFrame(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        int n = Width * Height;
        if (destination.Length != n) throw new ArgumentException($"destination holds {destination.Length} values, a frame has {n}", nameof(destination));

        var type = _layout.PixelType;
        long offset = _layout.DataOffset + index * _layout.FrameBytes;
        if (type.IsPacked)
        {
            float[] pairs = ArrayPool<float>.Shared.Rent(2 * n);
            try
            {
                ReadComplexFrame(index, pairs.AsSpan(0, 2 * n));
                for (int i = 0; i < n; i++) destination[i] = MathF.Sqrt(pairs[2 * i] * pairs[2 * i] + pairs[2 * i + 1] * pairs[2 * i + 1]);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(pairs);
            }
            return;
        }
        if (type.Storage == DmPixelStorage.Float32 && !_swap)
        {
            ReadExactly(MemoryMarshal.AsBytes(destination), offset);
            return;
        }

        int perChunk = Math.Max(1, ChunkBytes / type.BytesPerPixel);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(n, perChunk) * type.BytesPerPixel);
        try
        {
            for (int start = 0; start < n; start += perChunk)
            {
                int count = Math.Min(perChunk, n - start);
                var raw = buffer.AsSpan(0, count * type.BytesPerPixel);
                ReadExactly(raw, offset + (long)start * type.BytesPerPixel);
                if (_swap) DmEndian.Reverse(raw, type.ComponentBytes);
                Convert(type.Storage, raw, destination.Slice(start, count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Complex frames as (re, im) pairs. Packed FFTs (DataType 27/28) store the half plane, h = W/2+1 values per row;
    /// the full row is the half plane reversed (frequencies h-1 ... 0) followed by the complex conjugates of stored
    /// columns 1, 2, ... up to W columns (Hermitian symmetry of the FFT of a real image). For even W this is HyperSpy's
    /// unpacking; for odd W HyperSpy stops one column early (W-1 columns), TemKit completes the row.
    /// </summary>
    public void ReadComplexFrame(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        int n = Width * Height;
        if (destination.Length != 2 * n) throw new ArgumentException($"destination holds {destination.Length} values, a complex frame has {2 * n}", nameof(destination));
        var type = _layout.PixelType;
        if (!type.IsComplex) throw new InvalidOperationException($"{System.IO.Path.GetFileName(Path)}: DM data type {type.Name} is not complex");
        long offset = _layout.DataOffset + index * _layout.FrameBytes;
        int stored = (int)type.StoredWidth(Width);
        float[] values = type.IsPacked ? new float[2 * stored * Height] : [];
        Span<float> target = type.IsPacked ? values : destination;
        if (type.ComponentBytes == 4)
        {
            ReadExactly(MemoryMarshal.AsBytes(target), offset);
            if (_swap) DmEndian.Reverse(MemoryMarshal.AsBytes(target), 4);
        }
        else
        {
            byte[] raw = new byte[target.Length * 8];
            ReadExactly(raw, offset);
            if (_swap) DmEndian.Reverse(raw, 8);
            TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<byte, double>(raw), target);
        }
        if (!type.IsPacked) return;
        for (int r = 0; r < Height; r++)
        {
            var row = values.AsSpan(2 * r * stored, 2 * stored);
            var dst = destination.Slice(2 * r * Width, 2 * Width);
            for (int c = 0; c < Width; c++)
            {
                int k = c < stored ? stored - 1 - c : c - stored + 1;
                dst[2 * c] = row[2 * k];
                dst[2 * c + 1] = c < stored ? row[2 * k + 1] : -row[2 * k + 1];
            }
        }
    }

    private static void Convert(DmPixelStorage storage, ReadOnlySpan<byte> raw, Span<float> dst)
    {
        switch (storage)
        {
            case DmPixelStorage.Int8: PixelConvert.ToSingle(MemoryMarshal.Cast<byte, sbyte>(raw), dst); break;
            case DmPixelStorage.UInt8: PixelConvert.ToSingle(raw, dst); break;
            case DmPixelStorage.Int16: PixelConvert.ToSingle(MemoryMarshal.Cast<byte, short>(raw), dst); break;
            case DmPixelStorage.UInt16: PixelConvert.ToSingle(MemoryMarshal.Cast<byte, ushort>(raw), dst); break;
            case DmPixelStorage.Int32: Widen(MemoryMarshal.Cast<byte, int>(raw), dst); break;
            case DmPixelStorage.UInt32: Widen(MemoryMarshal.Cast<byte, uint>(raw), dst); break;
            case DmPixelStorage.Float32: MemoryMarshal.Cast<byte, float>(raw).CopyTo(dst); break;
            case DmPixelStorage.Float64: Widen(MemoryMarshal.Cast<byte, double>(raw), dst); break;
            case DmPixelStorage.Bool:
                for (int i = 0; i < dst.Length; i++) dst[i] = raw[i] != 0 ? 1f : 0f;
                break;
            case DmPixelStorage.Complex64:
            {
                var c = MemoryMarshal.Cast<byte, float>(raw);
                for (int i = 0; i < dst.Length; i++) dst[i] = MathF.Sqrt(c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]);
                break;
            }
            case DmPixelStorage.Complex128:
            {
                var c = MemoryMarshal.Cast<byte, double>(raw);
                for (int i = 0; i < dst.Length; i++) dst[i] = (float)Math.Sqrt(c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(storage), storage, "no conversion for this storage");
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> source, Span<float> destination) where T : unmanaged, INumberBase<T> =>
        TensorPrimitives.ConvertTruncating<T, float>(source, destination);

    private void ReadExactly(Span<byte> destination, long offset)
    {
        while (destination.Length > 0)
        {
            int n = RandomAccess.Read(_handle, destination, offset);
            if (n <= 0) throw new TemKitFormatException(Path, $"{_layout.Image.Path}.ImageData.Data: file ended at offset {offset} while reading pixels (file shrank?)");
            destination = destination[n..];
            offset += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
