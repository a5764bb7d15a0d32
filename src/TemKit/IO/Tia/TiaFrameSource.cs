using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using TemKit.Imaging;

namespace TemKit.IO.Tia;

/// <summary>Frames of one .ser file (its valid 2D elements, in order), read with positional reads; rows are stored bottom to
/// top and flipped on reading.</summary>
internal sealed class TiaFrameSource : IComplexFrameSource
{
    private readonly TiaSer _ser;
    private readonly SafeFileHandle _handle;

    internal TiaFrameSource(string path, TiaSer ser, IReadOnlyDictionary<string, string>? emi, ImageSignal signal)
    {
        Path = path;
        _ser = ser;
        _handle = File.OpenHandle(ser.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var fields = new Dictionary<string, string>
        {
            ["tia.ser"] = System.IO.Path.GetFileName(ser.Path),
            ["tia.elements"] = ser.ElementOffsets.Length.ToString(CultureInfo.InvariantCulture),
        };
        // The .ser stores metres (images) or 1/m (TEM diffraction); only the .emi's Mode says which.
        bool reciprocal = emi is not null ? TiaEmi.IsTemDiffraction(emi) : Math.Abs(ser.DeltaX) > 1e-3;
        fields["tia.calibration_units"] = emi is not null
            ? reciprocal ? "1/m (TEM diffraction, from the .emi Mode)" : "m (from the .emi Mode)"
            : reciprocal ? "1/m (no .emi beside the .ser; a step over 1 mm per pixel is read as 1/m)" : "m (no .emi beside the .ser; assumed)";
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (reciprocal)
        {
            fields["axis.x.scale"] = F(ser.DeltaX * 1e-9); fields["axis.x.units"] = "1/nm"; fields["axis.x.offset"] = F(ser.OffsetX * 1e-9);
            fields["axis.y.scale"] = F(ser.DeltaY * 1e-9); fields["axis.y.units"] = "1/nm"; fields["axis.y.offset"] = F(ser.OffsetY * 1e-9);
        }
        else
        {
            fields["axis.x.scale"] = F(ser.DeltaX * 1e9); fields["axis.x.units"] = "nm"; fields["axis.x.offset"] = F(ser.OffsetX * 1e9);
            fields["axis.y.scale"] = F(ser.DeltaY * 1e9); fields["axis.y.units"] = "nm"; fields["axis.y.offset"] = F(ser.OffsetY * 1e9);
            VoxelSize = new VoxelSize(ser.DeltaX > 0 ? ser.DeltaX * 1e10 : 0, ser.DeltaY > 0 ? ser.DeltaY * 1e10 : 0, 0);
        }
        if (emi is not null)
            foreach (var (k, v) in emi) fields[$"emi.{k}"] = v;
        Kind = FrameCount == 1 ? StackKind.Image : StackKind.ImageStack;
        var acquired = LocalTimeText.AsReported(LocalTimeText.ParseStamp(emi?.GetValueOrDefault("AcquireDate")));
        if (acquired is not null) fields["tia.acquired_time_zone"] = LocalTimeText.UnknownZoneNote;
        Metadata = new ImageMetadata
        {
            Format = "TIA",
            Acquired = acquired,
            DataType = ser.DataType,
            VoltageKilovolts = emi is null ? null : TiaEmi.Number(emi, "High tension") is > 0 and var kv ? kv : null,
            Magnification = emi is null || reciprocal ? null : TiaEmi.Number(emi, "Magnification") is > 0 and var mag ? mag : null,
            SignalIndex = signal.Index,
            Title = signal.Title,
            Fields = fields,
            Axes = AxisFields.ToAxes(fields, ("x", ser.Width), ("y", ser.Height)),
        };
    }

    public string Path { get; }
    public int Width => _ser.Width;
    public int Height => _ser.Height;
    public int FrameCount => _ser.ElementOffsets.Length;
    public StackKind Kind { get; }
    public VoxelSize VoxelSize { get; }
    public ImageMetadata Metadata { get; }
    public bool IsComplex => _ser.DataType.StartsWith("complex", StringComparison.Ordinal);

    public void ReadFrame(int index, Span<float> destination)
    {
        Check(index, destination.Length, 1);
        int n = Width * Height;
        byte[] raw = ArrayPool<byte>.Shared.Rent((int)_ser.ElementBytes);
        try
        {
            var span = raw.AsSpan(0, (int)_ser.ElementBytes);
            ReadElement(index, span);
            switch (_ser.DataType)
            {
                case "uint8": PixelConvert.ToSingle(span, destination); break;
                case "int8": PixelConvert.ToSingle(MemoryMarshal.Cast<byte, sbyte>(span), destination); break;
                case "uint16": PixelConvert.ToSingle(MemoryMarshal.Cast<byte, ushort>(span), destination); break;
                case "int16": PixelConvert.ToSingle(MemoryMarshal.Cast<byte, short>(span), destination); break;
                case "uint32": TensorPrimitives.ConvertTruncating<uint, float>(MemoryMarshal.Cast<byte, uint>(span), destination); break;
                case "int32": TensorPrimitives.ConvertTruncating<int, float>(MemoryMarshal.Cast<byte, int>(span), destination); break;
                case "float32": MemoryMarshal.Cast<byte, float>(span).CopyTo(destination); break;
                case "float64": TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<byte, double>(span), destination); break;
                case "complex64":
                {
                    var c = MemoryMarshal.Cast<byte, float>(span);
                    for (int i = 0; i < n; i++) destination[i] = MathF.Sqrt(c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]);
                    break;
                }
                default:
                {
                    var c = MemoryMarshal.Cast<byte, double>(span);
                    for (int i = 0; i < n; i++) destination[i] = (float)Math.Sqrt(c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]);
                    break;
                }
            }
            FlipRows(destination, Width);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>TIA stores rows bottom to top; TemKit's (and HyperSpy's) row 0 is the top row.</summary>
    private static void FlipRows(Span<float> frame, int rowLength)
    {
        int rows = frame.Length / rowLength;
        float[] row = ArrayPool<float>.Shared.Rent(rowLength);
        try
        {
            for (int top = 0, bottom = rows - 1; top < bottom; top++, bottom--)
            {
                var a = frame.Slice(top * rowLength, rowLength);
                var b = frame.Slice(bottom * rowLength, rowLength);
                a.CopyTo(row);
                b.CopyTo(a);
                row.AsSpan(0, rowLength).CopyTo(b);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(row);
        }
    }

    public void ReadComplexFrame(int index, Span<float> destination)
    {
        Check(index, destination.Length, 2);
        if (!IsComplex) throw new InvalidOperationException($"{System.IO.Path.GetFileName(Path)} is not complex");
        if (_ser.DataType == "complex64")
        {
            ReadElement(index, MemoryMarshal.AsBytes(destination));
        }
        else
        {
            var raw = new byte[_ser.ElementBytes];
            ReadElement(index, raw);
            TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<byte, double>(raw), destination);
        }
        FlipRows(destination, 2 * Width);
    }

    private void Check(int index, int length, int perPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        if (length != Width * Height * perPixel) throw new ArgumentException($"destination holds {length} values, a frame needs {Width * Height * perPixel}", "destination");
    }

    private void ReadElement(int index, Span<byte> destination)
    {
        long offset = _ser.ElementOffsets[index] + TiaSerLayout.Element2DHeader;
        while (destination.Length > 0)
        {
            int n = RandomAccess.Read(_handle, destination, offset);
            if (n <= 0) throw new TemKitFormatException(Path, $"element {index}: file ended at offset {offset} (file shrank?)");
            destination = destination[n..];
            offset += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
