using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace TemKit.IO.Dm;

internal sealed partial class DmTagReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>Decodes a value of <paramref name="type"/> from its bytes (the file's byte order).</summary>
    internal static object Decode(DmType type, ReadOnlySpan<byte> bytes, bool swap)
    {
        switch (type.Code)
        {
            case DmTypeCode.String:
                return DecodeString(bytes);
            case DmTypeCode.Struct:
            {
                var values = new object[type.Fields.Count];
                long at = 0;
                for (int i = 0; i < values.Length; i++)
                {
                    var field = type.Fields[i];
                    values[i] = Decode(field, bytes.Slice((int)at, (int)field.ByteSize), swap);
                    at += field.ByteSize;
                }
                return values;
            }
            case DmTypeCode.Array when type.Element!.IsSimple:
                return DecodeSimpleArray(type.Element.Code, bytes, swap);
            case DmTypeCode.Array:
            {
                var element = type.Element;
                var values = new object[type.Count];
                int size = (int)element.ByteSize;
                for (int i = 0; i < values.Length; i++)
                    values[i] = Decode(element, bytes.Slice(i * size, size), swap);
                return values;
            }
            default:
                return DecodeSimple(type.Code, bytes, swap);
        }
    }

    private static string DecodeString(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static object DecodeSimple(DmTypeCode code, ReadOnlySpan<byte> b, bool swap)
    {
        bool little = BitConverter.IsLittleEndian != swap;
        return code switch
        {
            DmTypeCode.Int16 => little ? BinaryPrimitives.ReadInt16LittleEndian(b) : BinaryPrimitives.ReadInt16BigEndian(b),
            DmTypeCode.Int32 => little ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadInt32BigEndian(b),
            DmTypeCode.UInt16 => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b),
            DmTypeCode.UInt32 => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b),
            DmTypeCode.Float32 => little ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadSingleBigEndian(b),
            DmTypeCode.Float64 => little ? BinaryPrimitives.ReadDoubleLittleEndian(b) : BinaryPrimitives.ReadDoubleBigEndian(b),
            DmTypeCode.Bool => b[0] != 0,
            DmTypeCode.Int8 => (sbyte)b[0],
            DmTypeCode.UInt8 => b[0],
            DmTypeCode.Int64 => little ? BinaryPrimitives.ReadInt64LittleEndian(b) : BinaryPrimitives.ReadInt64BigEndian(b),
            DmTypeCode.UInt64 => little ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b),
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a simple DM type"),
        };
    }

    private static object DecodeSimpleArray(DmTypeCode code, ReadOnlySpan<byte> bytes, bool swap) => code switch
    {
        DmTypeCode.Int16 => ToArray<short>(bytes, swap),
        DmTypeCode.Int32 => ToArray<int>(bytes, swap),
        DmTypeCode.UInt16 => ToArray<ushort>(bytes, swap),
        DmTypeCode.UInt32 => ToArray<uint>(bytes, swap),
        DmTypeCode.Float32 => ToArray<float>(bytes, swap),
        DmTypeCode.Float64 => ToArray<double>(bytes, swap),
        DmTypeCode.Bool => ToBoolArray(bytes),
        DmTypeCode.Int8 => ToArray<sbyte>(bytes, swap),
        DmTypeCode.UInt8 => bytes.ToArray(),
        DmTypeCode.Int64 => ToArray<long>(bytes, swap),
        DmTypeCode.UInt64 => ToArray<ulong>(bytes, swap),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a simple DM type"),
    };

    private static T[] ToArray<T>(ReadOnlySpan<byte> bytes, bool swap) where T : unmanaged
    {
        var values = new T[bytes.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        var raw = MemoryMarshal.AsBytes(values.AsSpan());
        bytes[..raw.Length].CopyTo(raw);
        if (swap) DmEndian.Reverse(raw, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return values;
    }

    private static bool[] ToBoolArray(ReadOnlySpan<byte> bytes)
    {
        var values = new bool[bytes.Length];
        for (int i = 0; i < values.Length; i++) values[i] = bytes[i] != 0;
        return values;
    }
}
