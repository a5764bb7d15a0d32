using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TemKit.IO.Dm;

/// <summary>Byte-order helpers shared by the tag decoder and the frame reader.</summary>
internal static class DmEndian
{
    /// <summary>True when data stored with <paramref name="fileLittleEndian"/> must be byte-swapped on this machine.</summary>
    public static bool NeedsSwap(bool fileLittleEndian) => fileLittleEndian != BitConverter.IsLittleEndian;

    /// <summary>Reverses the byte order of each <paramref name="elementBytes"/>-byte element in place.</summary>
    public static void Reverse(Span<byte> data, int elementBytes)
    {
        switch (elementBytes)
        {
            case 1:
                return;
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(s, s);
                return;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(i, i);
                return;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(l, l);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(elementBytes), elementBytes, "element size must be 1, 2, 4 or 8 bytes");
        }
    }
}
