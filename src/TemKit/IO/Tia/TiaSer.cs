using System.Buffers.Binary;

namespace TemKit.IO.Tia;

/// <summary>The parsed header of a .ser file: element kind, the offsets of the valid elements and the first element's layout.</summary>
internal sealed record TiaSer(
    string Path,
    bool Is2D,
    long[] ElementOffsets,
    int Width,
    int Height,
    int DataTypeCode,
    string DataType,
    int BytesPerPixel,
    double DeltaX,
    double DeltaY,
    double OffsetX,
    double OffsetY)
{
    /// <summary>Pixel bytes of one element.</summary>
    public long ElementBytes => (long)Width * Height * BytesPerPixel;

    /// <summary>Reads and checks the header, the offset array and every valid element's header against the file length
    /// before anything is allocated from a size the file gives.</summary>
    public static TiaSer Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(handle);
        byte[] head = new byte[34];
        int got = RandomAccess.Read(handle, head, 0);
        if (got < TiaSerLayout.HeaderSize(false))
            throw Fail(path, "header", $"file is {length} bytes, shorter than the 30-byte .ser header");
        ushort U16(TiaField f) => BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(f.Offset));
        int I32(TiaField f) => BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(f.Offset));

        if (U16(TiaSerLayout.ByteOrder) != TiaSerLayout.ByteOrderMark)
            throw Fail(path, "ByteOrder", $"is 0x{U16(TiaSerLayout.ByteOrder):X4}, a TIA .ser file starts with 0x4949");
        if (U16(TiaSerLayout.SeriesIdField) != TiaSerLayout.SeriesId)
            throw Fail(path, "SeriesID", $"is 0x{U16(TiaSerLayout.SeriesIdField):X4}, TIA .ser files have 0x0197");
        ushort version = U16(TiaSerLayout.SeriesVersion);
        if (version != TiaSerLayout.Version32 && version != TiaSerLayout.Version64)
            throw Fail(path, "SeriesVersion", $"is 0x{version:X4}, TemKit reads 0x0210 and 0x0220");
        bool wide = version == TiaSerLayout.Version64;
        if (got < TiaSerLayout.HeaderSize(wide)) throw Fail(path, "header", $"file is {length} bytes, shorter than the 34-byte .ser header");
        int dataType = I32(TiaSerLayout.DataTypeId);
        if (dataType != TiaSerLayout.Data1D && dataType != TiaSerLayout.Data2D)
            throw Fail(path, "DataTypeID", $"is 0x{dataType:X4}, expected 0x4120 (1D) or 0x4122 (2D)");
        int total = I32(TiaSerLayout.TotalNumberElements), valid = I32(TiaSerLayout.ValidNumberElements);
        long offsetArray = wide ? BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(22)) : (uint)I32(TiaSerLayout.OffsetArrayOffset);
        int offsetBytes = wide ? 8 : 4;
        if (total < 0 || valid < 0 || valid > total)
            throw Fail(path, "ValidNumberElements", $"{valid} valid of {total} elements");
        if (valid == 0) throw Fail(path, "ValidNumberElements", "is 0: the series holds no data");
        if (offsetArray < TiaSerLayout.HeaderSize(wide) || offsetArray + (long)total * offsetBytes > length)
            throw Fail(path, "OffsetArrayOffset", $"{offsetArray} with {total} offsets of {offsetBytes} bytes lies outside the {length}-byte file");

        byte[] table = new byte[valid * offsetBytes];
        ReadExactly(handle, table, offsetArray, path, "data offset array");
        var offsets = new long[valid];
        for (int i = 0; i < valid; i++)
            offsets[i] = wide ? BinaryPrimitives.ReadInt64LittleEndian(table.AsSpan(i * 8)) : (uint)BinaryPrimitives.ReadInt32LittleEndian(table.AsSpan(i * 4));

        bool is2D = dataType == TiaSerLayout.Data2D;
        int elementHeader = is2D ? TiaSerLayout.Element2DHeader : TiaSerLayout.Element1DHeader;
        byte[] e = new byte[elementHeader];
        TiaSer? first = null;
        for (int i = 0; i < valid; i++)
        {
            if (offsets[i] < TiaSerLayout.HeaderSize(wide) || offsets[i] + elementHeader > length)
                throw Fail(path, $"element {i}", $"offset {offsets[i]} lies outside the {length}-byte file");
            ReadExactly(handle, e, offsets[i], path, $"element {i} header");
            var element = Element(path, e, is2D, offsets);
            if (offsets[i] + elementHeader + element.ElementBytes > length)
                throw Fail(path, $"element {i}", $"{element.Width} x {element.Height} {element.DataType} pixels at offset {offsets[i] + elementHeader} end past the end of the {length}-byte file (truncated?)");
            if (first is null) first = element;
            else if (element.Width != first.Width || element.Height != first.Height || element.DataTypeCode != first.DataTypeCode)
                throw Fail(path, $"element {i}", $"is {element.Width} x {element.Height} {element.DataType}, element 0 is {first.Width} x {first.Height} {first.DataType}");
        }
        return first!;
    }

    private static TiaSer Element(string path, byte[] e, bool is2D, long[] offsets)
    {
        double F8(TiaField f) => BinaryPrimitives.ReadDoubleLittleEndian(e.AsSpan(f.Offset));
        int I32(TiaField f) => BinaryPrimitives.ReadInt32LittleEndian(e.AsSpan(f.Offset));
        int code = BinaryPrimitives.ReadInt16LittleEndian(e.AsSpan((is2D ? TiaSerLayout.ElementDataType : TiaSerLayout.Element1DDataType).Offset));
        var type = TiaSerLayout.DataType(code) ?? throw Fail(path, "DataType", $"element data type {code} is unknown (1-10 exist)");
        int width = is2D ? I32(TiaSerLayout.ArraySizeX) : I32(TiaSerLayout.ArrayLength);
        int height = is2D ? I32(TiaSerLayout.ArraySizeY) : 1;
        if (width <= 0 || height <= 0 || (long)width * height > Array.MaxLength)
            throw Fail(path, is2D ? "ArraySizeX/ArraySizeY" : "ArrayLength", $"{width} x {height} is not a readable size");
        return new TiaSer(path, is2D, offsets, width, height, code, type.Name, type.Bytes,
            F8(TiaSerLayout.CalibrationDeltaX), is2D ? F8(TiaSerLayout.CalibrationDeltaY) : 0,
            F8(TiaSerLayout.CalibrationOffsetX), is2D ? F8(TiaSerLayout.CalibrationOffsetY) : 0);
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset, string path, string what)
    {
        while (buffer.Length > 0)
        {
            int n = RandomAccess.Read(handle, buffer, offset);
            if (n <= 0) throw Fail(path, what, $"file ended at offset {offset}");
            buffer = buffer[n..];
            offset += n;
        }
    }

    private static TemKitFormatException Fail(string path, string field, string problem) => new(path, $"{field}: {problem}");
}
