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
        return new TiffHeader(little, bigTiff, ifd);
    }
}
