using System.Buffers.Binary;

namespace TemKit.IO.Emd;

/// <summary>
/// The HDF5 superblock, checked before the HDF5 library sees the file (HDF5 File Format Specification, section II.A),
/// so that a truncated or foreign file is refused with one line naming the field:
/// <list type="bullet">
/// <item>signature \x89HDF\r\n\x1a\n at offset 0 (or 512, 1024, ... when a user block precedes it);</item>
/// <item>version 0/1: byte 13 size of offsets, byte 14 size of lengths; base address, free-space address, end-of-file
/// address and driver address follow at byte 24 (version 0) or 28 (version 1);</item>
/// <item>version 2/3: byte 9 size of offsets; base address, extension address, end-of-file address at byte 12.</item>
/// </list>
/// The end-of-file address must not lie beyond the file: the file's end was lost otherwise.
/// </summary>
internal static class Hdf5Superblock
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Check(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(handle);
        Span<byte> b = stackalloc byte[64];
        for (long at = 0; at < length && at <= 1 << 20; at = at == 0 ? 512 : at * 2)
        {
            int n = RandomAccess.Read(handle, b, at);
            if (n < 8 || !b[..8].SequenceEqual(Signature)) continue;
            int version = b[8];
            int offsetsAt, sizeOfOffsets;
            switch (version)
            {
                case 0 or 1:
                    sizeOfOffsets = n > 13 ? b[13] : 0;
                    offsetsAt = version == 0 ? 24 : 28;
                    break;
                case 2 or 3:
                    sizeOfOffsets = n > 9 ? b[9] : 0;
                    offsetsAt = 12;
                    break;
                default:
                    throw new TemKitFormatException(path, $"HDF5 superblock version {version} at offset {at} is unknown (0-3 exist)");
            }
            if (sizeOfOffsets is not (4 or 8))
                throw new TemKitFormatException(path, $"HDF5 superblock: size of offsets is {sizeOfOffsets}, expected 4 or 8 (file truncated or corrupt)");
            int eofAt = offsetsAt + 2 * sizeOfOffsets;
            if (n < eofAt + sizeOfOffsets)
                throw new TemKitFormatException(path, $"file is {length} bytes, the HDF5 superblock at offset {at} is incomplete");
            ulong baseAddress = Read(b[offsetsAt..], sizeOfOffsets);
            ulong eof = Read(b[eofAt..], sizeOfOffsets);
            if (eof != ulong.MaxValue && (ulong)at + baseAddress + eof > (ulong)length)
                throw new TemKitFormatException(path, $"truncated: the HDF5 superblock gives an end of file at byte {baseAddress + eof}, the file has {length} bytes");
            return;
        }
        throw new TemKitFormatException(path, "no HDF5 signature (\\x89HDF\\r\\n\\x1a\\n) at offset 0, 512, 1024, ...: not an EMD (HDF5) file");
    }

    private static ulong Read(ReadOnlySpan<byte> b, int size) =>
        size == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
}
