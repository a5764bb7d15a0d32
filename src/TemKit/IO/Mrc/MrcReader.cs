using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>
/// An open MRC2014 file read one section at a time with positional reads (thread-safe: no shared
/// file position), so only the sections asked for are ever read. Opening validates the header
/// against the file length before anything else is allocated.
/// </summary>
public sealed partial class MrcReader : IFrameSource
{
    /// <summary>Rows are converted in chunks of about this many bytes so the scratch buffer stays in cache.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>Sections of at least this many chunks are read on several threads.</summary>
    private const int MinParallelChunks = 4;

    private readonly SafeFileHandle _handle;
    private readonly MrcProblems _problems;
    private readonly bool _swap;
    private long _bytesRead;

    private MrcReader(string path, SafeFileHandle handle, MrcHeader header, ImageMetadata metadata, MrcProblems problems)
    {
        Path = path;
        _handle = handle;
        Header = header;
        Metadata = metadata;
        _problems = problems;
        _swap = header.IsBigEndian == BitConverter.IsLittleEndian;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <summary>Every field of the main header.</summary>
    public MrcHeader Header { get; }

    /// <inheritdoc/>
    public int Width => Header.Nx;

    /// <inheritdoc/>
    public int Height => Header.Ny;

    /// <summary>Number of sections (nz); for a volume stack, all sections of all volumes.</summary>
    public int FrameCount => Header.Nz;

    /// <inheritdoc/>
    public StackKind Kind => Header.Kind;

    /// <summary>Voxel size in Å from cella / (mx, my, mz).</summary>
    public VoxelSize VoxelSize => Header.VoxelSize;

    /// <inheritdoc/>
    public ImageMetadata Metadata { get; }

    /// <summary>True for mode 4; <see cref="ReadFrame"/> then gives |z| and <see cref="ReadComplexFrame"/> the values.</summary>
    public bool IsComplex => Header.DataMode == MrcMode.Complex64;

    /// <summary>Bytes of data read so far (for tests that check only the asked-for sections were touched).</summary>
    internal long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Reads section <paramref name="index"/> (0-based) as float32; complex data gives the modulus.</summary>
    /// <remarks>Large sections are read and converted in row chunks on several threads (positional reads share no state).</remarks>
    public unsafe void ReadFrame(int index, Span<float> destination)
    {
        CheckFrame(index, destination.Length);
        long offset = Header.DataOffset + index * Header.FrameBytes;
        int rowBytes = checked((int)MrcModes.RowBytes(Header.DataMode, Width));
        int rowsPerChunk = Math.Clamp(ChunkBytes / rowBytes, 1, Height);
        int chunks = (Height + rowsPerChunk - 1) / rowsPerChunk;
        if (chunks < MinParallelChunks || Environment.ProcessorCount == 1 || TemKit.Numerics.InnerParallelism.IsSerial)
        {
            for (int c = 0; c < chunks; c++) ReadChunk(c, rowsPerChunk, rowBytes, offset, destination);
            return;
        }
        fixed (float* pointer = destination)
        {
            nint address = (nint)pointer;
            int length = destination.Length;
            Parallel.For(0, chunks, c => ReadChunk(c, rowsPerChunk, rowBytes, offset, new Span<float>((float*)address, length)));
        }
    }

    /// <summary>Reads rows [c*rowsPerChunk, ...) of the section at <paramref name="offset"/> into the matching rows of <paramref name="frame"/>.</summary>
    private void ReadChunk(int c, int rowsPerChunk, int rowBytes, long offset, Span<float> frame)
    {
        var mode = Header.DataMode;
        int y0 = c * rowsPerChunk;
        int rows = Math.Min(rowsPerChunk, Height - y0);
        var destination = frame.Slice(y0 * Width, rows * Width);
        long position = offset + (long)y0 * rowBytes;
        if (mode == MrcMode.Float32)
        {
            var bytes = MemoryMarshal.AsBytes(destination);
            Read(bytes, position);
            if (_swap) MrcConvert.Swap(bytes, mode);
            return;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(rows * rowBytes);
        try
        {
            var raw = buffer.AsSpan(0, rows * rowBytes);
            Read(raw, position);
            if (_swap) MrcConvert.Swap(raw, mode);
            MrcConvert.ToSingle(raw, destination, mode, Header.HasUnsignedBytes, Width);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads section <paramref name="index"/> as complex values; real modes give (value, 0).</summary>
    public void ReadComplexFrame(int index, Span<ComplexF> destination)
    {
        CheckFrame(index, destination.Length);
        if (!IsComplex)
        {
            var real = MemoryMarshal.Cast<ComplexF, float>(destination)[..(Width * Height)];
            ReadFrame(index, real);
            for (int i = destination.Length - 1; i >= 0; i--) destination[i] = new ComplexF(real[i], 0);
            return;
        }
        var bytes = MemoryMarshal.AsBytes(destination);
        Read(bytes, Header.DataOffset + index * Header.FrameBytes);
        if (_swap) MrcConvert.Swap(bytes, MrcMode.Complex64);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();

    private void CheckFrame(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        int n = Width * Height;
        if (length != n) throw new ArgumentException($"destination holds {length} values, a {Width}x{Height} section has {n}");
    }

    private void Read(Span<byte> destination, long offset)
    {
        RandomAccessIO.ReadExactly(_handle, destination, offset, _problems);
        Interlocked.Add(ref _bytesRead, destination.Length);
    }
}
