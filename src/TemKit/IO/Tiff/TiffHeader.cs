using System.Buffers.Binary;

namespace TemKit.IO.Tiff;

/// <summary>
/// The 8-byte TIFF header (16 for BigTIFF), checked before LibTiff sees the file so that a broken file is refused with
/// a message naming the field: byte-order mark "II"/"MM" (bytes 0-1), magic 42 or BigTIFF 43 (bytes 2-3), and the
/// offset of the first image directory (bytes 4-7, or 8-15 in BigTIFF), which must lie inside the file.
/// </summary>
internal readonly record struct TiffHeader(bool LittleEndian, bool BigTiff, long FirstIfdOffset)
{
    public static TiffHeader Read(string path)
    {
        Span<byte> b = stackalloc byte[16];
        long length;
        int n;
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            length = RandomAccess.GetLength(handle);
            n = RandomAccess.Read(handle, b, 0);
        }
        if (n < 8) throw new TemKitFormatException(path, $"file is {length} bytes, shorter than the 8-byte TIFF header");
        bool little = b[0] == (byte)'I' && b[1] == (byte)'I';
        bool big = b[0] == (byte)'M' && b[1] == (byte)'M';
        if (!little && !big)
            throw new TemKitFormatException(path, $"byte-order mark (bytes 0-1) is 0x{b[0]:X2}{b[1]:X2}, a TIFF file starts with 'II' or 'MM'");
        ushort magic = little ? BinaryPrimitives.ReadUInt16LittleEndian(b[2..]) : BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        if (magic != 42 && magic != 43)
            throw new TemKitFormatException(path, $"TIFF magic number (bytes 2-3) is {magic}, expected 42 (TIFF) or 43 (BigTIFF)");
        bool bigTiff = magic == 43;
        if (bigTiff && n < 16) throw new TemKitFormatException(path, $"file is {length} bytes, shorter than the 16-byte BigTIFF header");
        long ifd = bigTiff
            ? (long)(little ? BinaryPrimitives.ReadUInt64LittleEndian(b[8..]) : BinaryPrimitives.ReadUInt64BigEndian(b[8..]))
            : little ? BinaryPrimitives.ReadUInt32LittleEndian(b[4..]) : BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
        if (ifd < 8 || ifd >= length)
            throw new TemKitFormatException(path, $"first image directory offset {ifd} (bytes 4-7) lies outside the {length}-byte file (truncated?)");
        var header = new TiffHeader(little, bigTiff, ifd);
        header.CheckDirectories(path, length);
        return header;
    }

    /// <summary>Bytes per value of each TIFF field type (1..18); 0 for codes LibTiff does not know (it skips those entries).</summary>
    private static readonly int[] s_typeSizes = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8];

    /// <summary>
    /// Walks the chain of image directories before LibTiff reads them, so that no count, offset or size read from the
    /// file is trusted before it is checked against the file length: each directory must lie inside the file, and each
    /// entry's values (count x type size, checked arithmetic) must fit in the file at their offset. LibTiff allocates
    /// an entry's values from its count alone, so an unchecked count of 2^63 would ask for gigabytes.
    /// </summary>
    private void CheckDirectories(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12, FileOptions.RandomAccess);
        int countSize = BigTiff ? 8 : 2, entrySize = BigTiff ? 20 : 12, fieldSize = BigTiff ? 8 : 4;
        var seen = new HashSet<long>();
        long offset = FirstIfdOffset;
        Span<byte> b = stackalloc byte[20];
        for (int d = 0; offset != 0; d++)
        {
            if (d >= 100_000) throw new TemKitFormatException(path, "more than the 100000 image directories TemKit reads (a loop in the directory chain?)");
            if (!seen.Add(offset)) throw new TemKitFormatException(path, $"image directory {d} at offset {offset} repeats an earlier one (a loop in the directory chain)");
            if (offset < 8 || offset > length - countSize)
                throw new TemKitFormatException(path, $"image directory {d} at offset {offset} lies outside the {length}-byte file");
            ReadExactly(stream, offset, b[..countSize]);
            ulong entriesRaw = BigTiff ? U64(b) : U16(b);
            long tableEnd;
            try
            {
                tableEnd = checked(offset + countSize + (long)entriesRaw * entrySize + fieldSize);
            }
            catch (OverflowException)
            {
                throw new TemKitFormatException(path, $"image directory {d} at offset {offset} claims {entriesRaw} entries, more than the {length}-byte file holds");
            }
            if (entriesRaw > (ulong)length || tableEnd > length)
                throw new TemKitFormatException(path, $"image directory {d} at offset {offset} with {entriesRaw} entries ends past the end of the {length}-byte file");
            int entries = (int)entriesRaw;
            ulong width = 0, height = 0;
            for (int i = 0; i < entries; i++)
            {
                long at = offset + countSize + (long)i * entrySize;
                ReadExactly(stream, at, b[..entrySize]);
                ushort tag = U16(b), type = U16(b[2..]);
                ulong count = BigTiff ? U64(b[4..]) : U32(b[4..]);
                int size = type < s_typeSizes.Length ? s_typeSizes[type] : 0;
                if ((tag is 256 or 257) && count == 1 && type is 3 or 4 or 16)
                {
                    var field = b[(BigTiff ? 12 : 8)..];
                    ulong value = type == 3 ? U16(field) : type == 4 ? U32(field) : BigTiff ? U64(field) : 0;
                    if (tag == 256) width = value;
                    else height = value;
                }
                if (size == 0) continue;
                if (count > (ulong)length / (ulong)size)
                    throw new TemKitFormatException(path, $"image directory {d}, tag {tag}: {count} values of {size} bytes exceed the {length}-byte file");
                long bytes = (long)count * size;
                if (bytes <= fieldSize) continue;
                ulong valueOffset = BigTiff ? U64(b[12..]) : U32(b[8..]);
                if (valueOffset > (ulong)length || (long)valueOffset > length - bytes)
                    throw new TemKitFormatException(path, $"image directory {d}, tag {tag}: {bytes} bytes of values at offset {valueOffset} end past the end of the {length}-byte file");
            }
            // Even compressed, a page cannot hold more pixels than ~8 per stored bit (deflate's limit is ~1032:1); LibTiff
            // sizes its strip tables from the image length, so an absurd ImageLength is refused before LibTiff sees it.
            if (width > 0 && height > 0 && (width > (ulong)int.MaxValue || height > (ulong)int.MaxValue
                                            || width * height > (ulong)length * 8 * 1032 + (1UL << 20)))
                throw new TemKitFormatException(path, $"image directory {d}: ImageWidth x ImageLength (tags 256, 257) {width} x {height} is more pixels than the {length}-byte file can hold");
            ReadExactly(stream, tableEnd - fieldSize, b[..fieldSize]);
            ulong next = BigTiff ? U64(b) : U32(b);
            if (next > (ulong)length)
                throw new TemKitFormatException(path, $"image directory {d}: next directory offset {next} lies outside the {length}-byte file");
            offset = (long)next;
        }
    }

    private static void ReadExactly(FileStream stream, long offset, Span<byte> buffer)
    {
        stream.Position = offset;
        stream.ReadExactly(buffer);
    }

    private ushort U16(ReadOnlySpan<byte> b) => LittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
    private uint U32(ReadOnlySpan<byte> b) => LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
    private ulong U64(ReadOnlySpan<byte> b) => LittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b);
}
