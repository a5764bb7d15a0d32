using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using TemKit.Imaging;

namespace TemKit.IO.Emd;

/// <summary>
/// Frames of one EMD image signal, read through PureHDF one frame at a time (a hyperslab of the frame axis), except
/// Prismatic's reversed-axis data, which is read whole on first use and transposed. PureHDF is not documented as
/// thread-safe, so reads are serialised on the file.
/// </summary>
internal sealed class EmdFrameSource : IComplexFrameSource
{
    private readonly IDisposable _file;
    private readonly IH5Dataset _data;
    private readonly EmdEntry _entry;
    private float[]? _whole;

    internal EmdFrameSource(string path, IDisposable file, EmdEntry entry)
    {
        Path = path;
        _file = file;
        _entry = entry;
        _data = ((PureHDF.VOL.Native.NativeFile)file).Dataset(entry.DatasetPath);
        var c = entry.Calibration;
        VoxelSize = new VoxelSize(c.XAngstrom, c.YAngstrom, c.ZAngstrom);
        Kind = entry.Frames == 1 ? StackKind.Image : StackKind.ImageStack;
        var fields = new Dictionary<string, string>(c.Fields)
        {
            ["emd.flavour"] = entry.Layout switch { EmdLayout.Velox => "Velox", EmdLayout.Prismatic => "NCEM (Prismatic)", _ => "NCEM" },
            ["emd.dataset"] = entry.DatasetPath,
        };
        Metadata = new ImageMetadata
        {
            Format = entry.Layout == EmdLayout.Velox ? "Velox EMD" : "EMD",
            DataType = entry.Signal.DataType,
            VoltageKilovolts = c.VoltageKilovolts,
            Magnification = c.Magnification,
            TiltAngleDegrees = c.TiltDegrees,
            Acquired = c.Acquired,
            Title = entry.Signal.Title,
            SignalIndex = entry.Signal.Index,
            Fields = fields,
            Axes = AxisFields.ToAxes(fields, ("x", entry.Width), ("y", entry.Height), ("z", entry.Frames)),
        };
    }

    public string Path { get; }
    public int Width => _entry.Width;
    public int Height => _entry.Height;
    public int FrameCount => _entry.Frames;
    public StackKind Kind { get; }
    public VoxelSize VoxelSize { get; }
    public ImageMetadata Metadata { get; }
    public bool IsComplex => _entry.ComplexPair;

    [StructLayout(LayoutKind.Sequential)]
    private struct ComplexPair
    {
        public float Re;
        public float Im;
    }

    public void ReadFrame(int index, Span<float> destination)
    {
        Check(index, destination.Length, 1);
        if (IsComplex)
        {
            var pairs = ReadTyped<ComplexPair>(index);
            for (int i = 0; i < destination.Length; i++) destination[i] = MathF.Sqrt(pairs[i].Re * pairs[i].Re + pairs[i].Im * pairs[i].Im);
            return;
        }
        if (_entry.Layout == EmdLayout.Prismatic)
        {
            lock (_file) _whole ??= ReadWholeTransposed();
            _whole.AsSpan(index * Width * Height, Width * Height).CopyTo(destination);
            return;
        }
        Convert(_entry.Signal.DataType, index, destination);
    }

    public void ReadComplexFrame(int index, Span<float> destination)
    {
        Check(index, destination.Length, 2);
        if (!IsComplex) throw new InvalidOperationException($"{System.IO.Path.GetFileName(Path)}: signal {_entry.Signal.Index} is not complex");
        MemoryMarshal.Cast<ComplexPair, float>(ReadTyped<ComplexPair>(index)).CopyTo(destination);
    }

    private void Check(int index, int length, int perPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        int n = Width * Height * perPixel;
        if (length != n) throw new ArgumentException($"destination holds {length} values, a frame needs {n}", "destination");
    }

    /// <summary>One frame in C order (x fastest): the whole data set for a single frame, else a hyperslab of the frame axis.</summary>
    private T[] ReadTyped<T>(int index) where T : unmanaged
    {
        var selection = FrameSelection(index);
        lock (_file)
            return Hdf5Errors.Guard(Path, $"reading frame {index} of {_entry.DatasetPath}", () => _data.Read<T[]>(selection));
    }

    private Selection? FrameSelection(int index)
    {
        ulong nx = (ulong)Width, ny = (ulong)Height;
        return FrameCount == 1 ? null : _entry.Layout switch
        {
            EmdLayout.Velox => new HyperslabSelection(3, [0, 0, (ulong)index], [ny, nx, 1]),
            _ => new HyperslabSelection(3, [(ulong)index, 0, 0], [1, ny, nx]),
        };
    }

    private void Convert(string type, int index, Span<float> dst)
    {
        switch (type)
        {
            case "uint8": ConvertPooled<byte>(index, dst, static (s, d) => PixelConvert.ToSingle(s, d)); break;
            case "int8": ConvertPooled<sbyte>(index, dst, static (s, d) => PixelConvert.ToSingle(s, d)); break;
            case "uint16": ConvertPooled<ushort>(index, dst, static (s, d) => PixelConvert.ToSingle(s, d)); break;
            case "int16": ConvertPooled<short>(index, dst, static (s, d) => PixelConvert.ToSingle(s, d)); break;
            case "uint32": ConvertPooled<uint>(index, dst, static (s, d) => TensorPrimitives.ConvertTruncating(s, d)); break;
            case "int32": ConvertPooled<int>(index, dst, static (s, d) => TensorPrimitives.ConvertTruncating(s, d)); break;
            case "uint64": ConvertPooled<ulong>(index, dst, static (s, d) => TensorPrimitives.ConvertTruncating(s, d)); break;
            case "int64": ConvertPooled<long>(index, dst, static (s, d) => TensorPrimitives.ConvertTruncating(s, d)); break;
            case "float32": ConvertPooled<float>(index, dst, static (s, d) => s.CopyTo(d)); break;
            case "float64": ConvertPooled<double>(index, dst, static (s, d) => TensorPrimitives.ConvertTruncating(s, d)); break;
            default: throw new TemKitFormatException(Path, $"{_entry.DatasetPath}: element type {type} is not one TemKit reads");
        }
    }

    private delegate void SpanConverter<T>(ReadOnlySpan<T> source, Span<float> destination);

    /// <summary>Reads one frame into a pooled buffer (no 4096² array allocated per frame) and converts it to float32.</summary>
    private void ConvertPooled<T>(int index, Span<float> dst, SpanConverter<T> convert) where T : unmanaged
    {
        int n = Width * Height;
        var buffer = ArrayPool<T>.Shared.Rent(n);
        try
        {
            var memory = buffer.AsMemory(0, n);
            var selection = FrameSelection(index);
            lock (_file)
                Hdf5Errors.Guard(Path, $"reading frame {index} of {_entry.DatasetPath}", () => { _data.Read(memory, selection); return 0; });
            convert(buffer.AsSpan(0, n), dst);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>Prismatic data (nx, ny[, frames]) in C order, read whole and reordered to frames of x-fastest rows.</summary>
    private float[] ReadWholeTransposed()
    {
        int nx = Width, ny = Height, nz = FrameCount;
        float[] stored = new float[nx * ny * nz];
        Span<float> all = stored;
        float[] raw = _entry.Signal.DataType == "float32"
            ? Hdf5Errors.Guard(Path, $"reading {_entry.DatasetPath}", () => _data.Read<float[]>())
            : Hdf5Errors.Guard(Path, $"reading {_entry.DatasetPath}", () => _data.Read<double[]>()).Select(v => (float)v).ToArray();
        if (raw.Length != stored.Length) throw new TemKitFormatException(Path, $"{_entry.DatasetPath}: read {raw.Length} values, expected {stored.Length}");
        for (int x = 0; x < nx; x++)
            for (int y = 0; y < ny; y++)
                for (int z = 0; z < nz; z++)
                    all[(z * ny + y) * nx + x] = raw[(x * ny + y) * nz + z];
        return stored;
    }

    public void Dispose() => _file.Dispose();
}
