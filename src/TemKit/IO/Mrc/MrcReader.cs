using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>Minimal MRC2014 reader (little-endian mode 2 and mode 4 only); to be completed.</summary>
internal sealed class MrcReader : IFrameSource
{
    private const int HeaderBytes = 1024;
    private readonly FileStream _stream;
    private readonly long _dataOffset;
    private readonly int _mode;

    private MrcReader(string path, FileStream stream, int nx, int ny, int nz, int mode, long dataOffset, VoxelSize voxel)
    {
        Path = path; _stream = stream; Width = nx; Height = ny; FrameCount = nz; _mode = mode; _dataOffset = dataOffset; VoxelSize = voxel;
        Metadata = new ImageMetadata { Format = "MRC2014", DataType = mode == 4 ? "complex64" : "float32" };
    }

    public string Path { get; }
    public int Width { get; }
    public int Height { get; }
    public int FrameCount { get; }
    public StackKind Kind => FrameCount == 1 ? StackKind.Image : StackKind.ImageStack;
    public VoxelSize VoxelSize { get; }
    public ImageMetadata Metadata { get; }
    public bool IsComplex => _mode == 4;

    public static MrcReader Open(string path, ReadOptions options)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> h = stackalloc byte[HeaderBytes];
            if (stream.Length < HeaderBytes) throw new TemKitFormatException(path, $"file is {stream.Length} bytes, shorter than the 1024-byte MRC header");
            stream.ReadExactly(h);
            int nx = BinaryPrimitives.ReadInt32LittleEndian(h), ny = BinaryPrimitives.ReadInt32LittleEndian(h[4..]), nz = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
            int mode = BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
            if (mode != 2 && mode != 4) throw new TemKitFormatException(path, $"unsupported MRC mode {mode}");
            if (nx <= 0 || ny <= 0 || nz <= 0) throw new TemKitFormatException(path, $"bad dimensions nx={nx} ny={ny} nz={nz}");
            int mx = BinaryPrimitives.ReadInt32LittleEndian(h[28..]);
            float cellA = BinaryPrimitives.ReadSingleLittleEndian(h[40..]);
            int nsymbt = BinaryPrimitives.ReadInt32LittleEndian(h[92..]);
            long dataOffset = HeaderBytes + (long)nsymbt;
            long bytes = (long)nx * ny * nz * (mode == 4 ? 8 : 4);
            if (dataOffset + bytes > stream.Length) throw new TemKitFormatException(path, $"data needs {bytes} bytes after the header, file has {stream.Length - dataOffset}");
            double size = mx > 0 ? cellA / mx : 0;
            return new MrcReader(path, stream, nx, ny, nz, mode, dataOffset, VoxelSize.Isotropic(size));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void ReadFrame(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        int n = Width * Height;
        if (destination.Length != n) throw new ArgumentException($"destination holds {destination.Length} values, a frame has {n}");
        lock (_stream)
        {
            if (_mode == 2)
            {
                _stream.Position = _dataOffset + (long)index * n * 4;
                _stream.ReadExactly(MemoryMarshal.AsBytes(destination));
            }
            else
            {
                var buffer = new float[2 * n];
                _stream.Position = _dataOffset + (long)index * n * 8;
                _stream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan()));
                for (int i = 0; i < n; i++) destination[i] = MathF.Sqrt(buffer[2 * i] * buffer[2 * i] + buffer[2 * i + 1] * buffer[2 * i + 1]);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
