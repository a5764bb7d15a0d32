using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using TemKit.Fourier;

namespace TemKit.IO.Mrc;

/// <summary>Converts whole rows of MRC data between the stored element type and float32.</summary>
internal static partial class MrcConvert
{
    /// <summary>Reverses the byte order of every element of <paramref name="raw"/> in place (unit = scalar size).</summary>
    public static void Swap(Span<byte> raw, MrcMode mode)
    {
        switch (MrcModes.SwapUnit(mode))
        {
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(raw);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(raw);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
        }
    }

    /// <summary>
    /// Decodes <paramref name="raw"/> (whole rows of <paramref name="nx"/> values, already in machine byte order)
    /// into float32; complex values become their modulus |z|.
    /// </summary>
    public static void ToSingle(ReadOnlySpan<byte> raw, Span<float> destination, MrcMode mode, bool unsignedBytes, int nx)
    {
        switch (mode)
        {
            case MrcMode.Int8 when unsignedBytes:
                PixelConvert.ToSingle(raw, destination);
                break;
            case MrcMode.Int8:
                PixelConvert.ToSingle(MemoryMarshal.Cast<byte, sbyte>(raw), destination);
                break;
            case MrcMode.Int16:
                PixelConvert.ToSingle(MemoryMarshal.Cast<byte, short>(raw), destination);
                break;
            case MrcMode.UInt16:
                PixelConvert.ToSingle(MemoryMarshal.Cast<byte, ushort>(raw), destination);
                break;
            case MrcMode.Float16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(raw), destination);
                break;
            case MrcMode.Float32:
                MemoryMarshal.Cast<byte, float>(raw).CopyTo(destination);
                break;
            case MrcMode.Complex64:
                Modulus(MemoryMarshal.Cast<byte, ComplexF>(raw), destination);
                break;
            case MrcMode.Packed4Bit:
                Unpack4Bit(raw, destination, nx);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "unsupported MRC mode");
        }
    }

    /// <summary>|z| of each complex value.</summary>
    public static void Modulus(ReadOnlySpan<ComplexF> values, Span<float> destination)
    {
        if (destination.Length < values.Length) throw new ArgumentException("destination too short", nameof(destination));
        for (int i = 0; i < values.Length; i++) destination[i] = values[i].Magnitude;
    }

    /// <summary>Mode 101: two pixels per byte, the lower-x pixel in the low nibble; each row starts on a byte (IMOD mrc_format.txt).</summary>
    public static void Unpack4Bit(ReadOnlySpan<byte> raw, Span<float> destination, int nx)
    {
        int rowBytes = (nx + 1) / 2;
        int rows = raw.Length / rowBytes;
        if (destination.Length < (long)rows * nx) throw new ArgumentException("destination too short", nameof(destination));
        for (int y = 0; y < rows; y++)
        {
            var src = raw.Slice(y * rowBytes, rowBytes);
            var dst = destination.Slice(y * nx, nx);
            int pairs = nx / 2;
            for (int i = 0; i < pairs; i++)
            {
                byte b = src[i];
                dst[2 * i] = b & 0x0F;
                dst[2 * i + 1] = b >> 4;
            }
            if ((nx & 1) != 0) dst[nx - 1] = src[pairs] & 0x0F;
        }
    }
}
