using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace TemKit.IO.Mrc;

/// <summary>
/// Reads and validates the main header: map id, byte order (machine stamp, with a fallback when the
/// stamp is wrong), mode, dimensions, extended header and data sizes, all against the file length
/// before anything is allocated.
/// </summary>
internal static class MrcHeaderReader
{
    public static MrcHeader Read(SafeFileHandle handle, long fileLength, MrcProblems problems, Span<byte> header)
    {
        if (fileLength == 0) throw problems.Fail("file is empty (0 bytes), an MRC file starts with a 1024-byte header");
        if (fileLength < MrcHeaderLayout.HeaderBytes)
            throw problems.Fail($"header: file is {fileLength} bytes, shorter than the 1024-byte MRC header");
        RandomAccessIO.ReadExactly(handle, header[..MrcHeaderLayout.HeaderBytes], 0, problems);

        CheckMapId(header, problems);
        bool bigEndian = DecideByteOrder(header, fileLength, problems);
        var h = MrcHeaderCodec.Decode(header, bigEndian);
        Validate(h, fileLength, problems);
        return h;
    }

    private static void CheckMapId(ReadOnlySpan<byte> header, MrcProblems problems)
    {
        var map = header.Slice(MrcHeaderLayout.Field("map").Offset, 4);
        if (map.SequenceEqual("MAP "u8) || map.SequenceEqual("MAP\0"u8)) return;
        problems.Recoverable($"map: expected 'MAP ' at byte 208, found {Convert.ToHexString(map)} (not an MRC2014 file, or a pre-2000 one)");
    }

    /// <summary>Byte order from the machine stamp, checked against which order gives a sane mode and dimensions.</summary>
    private static bool DecideByteOrder(ReadOnlySpan<byte> header, long fileLength, MrcProblems problems)
    {
        var stamp = header.Slice(MrcHeaderLayout.Field("machst").Offset, 4);
        bool? stamped = stamp[0] switch { 0x44 => false, 0x11 => true, _ => null };
        bool littleOk = IsPlausible(header, false, fileLength), bigOk = IsPlausible(header, true, fileLength);
        string stampText = Convert.ToHexString(stamp);
        if (stamped is bool stampedBig)
        {
            bool stampedOk = stampedBig ? bigOk : littleOk, otherOk = stampedBig ? littleOk : bigOk;
            if (stampedOk || !otherOk) return stampedBig;
            problems.Recoverable($"machst: machine stamp {stampText} says {Order(stampedBig)}, but the header only makes sense {Order(!stampedBig)}");
            return !stampedBig;
        }
        if (!littleOk && !bigOk) return false;
        bool chosen = !littleOk && bigOk;
        problems.Recoverable($"machst: machine stamp {stampText} names no byte order; the header makes sense {Order(chosen)}");
        return chosen;
    }

    private static string Order(bool big) => big ? "big-endian" : "little-endian";

    /// <summary>A supported mode, positive dimensions and a data block that fits in the file.</summary>
    private static bool IsPlausible(ReadOnlySpan<byte> header, bool bigEndian, long fileLength)
    {
        int nx = ReadInt(header, 0, bigEndian), ny = ReadInt(header, 4, bigEndian), nz = ReadInt(header, 8, bigEndian);
        int mode = ReadInt(header, 12, bigEndian), nsymbt = ReadInt(header, 92, bigEndian);
        if (!MrcModes.IsSupported(mode) || nx <= 0 || ny <= 0 || nz <= 0 || nsymbt < 0) return false;
        Int128 bytes = (Int128)MrcModes.RowBytes((MrcMode)mode, nx) * ny * nz;
        return MrcHeaderLayout.HeaderBytes + (Int128)nsymbt + bytes <= fileLength;
    }

    private static int ReadInt(ReadOnlySpan<byte> header, int offset, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadInt32BigEndian(header[offset..]) : BinaryPrimitives.ReadInt32LittleEndian(header[offset..]);

    private static void Validate(MrcHeader h, long fileLength, MrcProblems problems)
    {
        if (!MrcModes.IsSupported(h.Mode)) throw problems.Fail($"unsupported MRC mode {h.Mode} (mode: TemKit reads 0, 1, 2, 4, 6, 12 and 101)");
        CheckDimension("nx", h.Nx, problems);
        CheckDimension("ny", h.Ny, problems);
        CheckDimension("nz", h.Nz, problems);
        if (h.Nsymbt < 0) throw problems.Fail($"nsymbt: negative extended header size {h.Nsymbt}");
        if (h.DataOffset > fileLength)
            throw problems.Fail($"nsymbt: extended header of {h.Nsymbt} bytes runs past the end of the {fileLength}-byte file");
        Int128 needed = (Int128)MrcModes.RowBytes(h.DataMode, h.Nx) * h.Ny * h.Nz;
        long available = fileLength - h.DataOffset;
        if (needed > available)
            throw problems.Fail($"data: {h.Nx}x{h.Ny}x{h.Nz} values of mode {h.Mode} need {needed} bytes after the headers, the file has {available}");
        if ((long)h.Nx * h.Ny > Array.MaxLength)
            throw problems.Fail($"nx, ny: a {h.Nx}x{h.Ny} section has more values than one array can hold ({Array.MaxLength})");
        if (h.IsVolumeStack && (h.Sampling.Z <= 0 || h.Nz % h.Sampling.Z != 0))
            problems.Recoverable($"mz: volume stack (ispg {h.Ispg}) with nz = {h.Nz} is not a whole number of volumes of mz = {h.Sampling.Z} sections");
    }

    private static void CheckDimension(string name, int value, MrcProblems problems)
    {
        if (value <= 0) throw problems.Fail($"{name}: must be positive, header says {value}");
    }
}
