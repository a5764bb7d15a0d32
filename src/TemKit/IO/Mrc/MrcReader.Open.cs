using Microsoft.Win32.SafeHandles;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

public sealed partial class MrcReader
{
    /// <summary>Most extended-header bytes parsed for FEI metadata (the rest is skipped, never read).</summary>
    private const int MaxExtendedHeaderBytes = 64 << 20;

    /// <summary>Opens and validates an MRC file; throws <see cref="TemKitFormatException"/> naming the file and field at fault.</summary>
    public static MrcReader Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        var problems = new MrcProblems(path, options);
        var handle = OpenHandle(path, problems);
        try
        {
            long length = RandomAccess.GetLength(handle);
            Span<byte> raw = stackalloc byte[MrcHeaderLayout.HeaderBytes];
            var header = MrcHeaderReader.Read(handle, length, problems, raw);
            var metadata = BuildMetadata(handle, header, raw, problems);
            return new MrcReader(path, handle, header, metadata, problems);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads and validates only the main header.</summary>
    internal static MrcHeader ReadHeader(string path, ReadOptions options)
    {
        var problems = new MrcProblems(path, options);
        using var handle = OpenHandle(path, problems);
        Span<byte> raw = stackalloc byte[MrcHeaderLayout.HeaderBytes];
        return MrcHeaderReader.Read(handle, RandomAccess.GetLength(handle), problems, raw);
    }

    private static SafeFileHandle OpenHandle(string path, MrcProblems problems)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw problems.Fail("file not found");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TemKitFormatException(path, "cannot be opened for reading (permission denied)", e);
        }
    }

    private static ImageMetadata BuildMetadata(SafeFileHandle handle, MrcHeader header, ReadOnlySpan<byte> raw, MrcProblems problems)
    {
        var fields = MrcHeaderCodec.Describe(raw, header.IsBigEndian);
        fields["byte_order"] = header.IsBigEndian ? "big-endian" : "little-endian";
        bool invertedOrigin = header.ImodStamp == MrcHeaderLayout.ImodStampValue && (header.ImodFlags & MrcHeaderLayout.ImodFlagOriginInverted) != 0;
        double sign = invertedOrigin ? -1 : 1;
        var metadata = new ImageMetadata
        {
            Format = header.NVersion is >= 20140 and < 20200 ? "MRC2014" : "MRC",
            DataType = header.DataType,
            OriginAngstrom = (sign * header.OriginAngstrom.X, sign * header.OriginAngstrom.Y, sign * header.OriginAngstrom.Z),
            Fields = fields,
        };
        if (header.Nsymbt > 0 && header.ExtType is "FEI1" or "FEI2")
        {
            var ext = new byte[Math.Min(header.Nsymbt, MaxExtendedHeaderBytes)];
            RandomAccessIO.ReadExactly(handle, ext, MrcHeaderLayout.HeaderBytes, problems);
            metadata = FeiExtendedHeader.Apply(metadata, FeiExtendedHeader.Parse(ext, header.Nz, problems));
            if (header.Nz > 1 && metadata.FrameFields.Count == header.Nz && metadata.FrameFields.All(f => f.ContainsKey("TiltAngleDegrees")))
                metadata = metadata with
                {
                    TiltAnglesDegrees = metadata.FrameFields.Select(f => f["TiltAngleDegrees"]).ToArray(),
                    TiltAnglesSource = $"{header.ExtType} extended header (alpha tilt per section)",
                };
        }
        else if (header.Nsymbt > 0 && header.Nz > 1 && header.Extra2.Length >= 20)
        {
            // SerialEM/IMOD: nint (bytes 128-129) bytes per section, nreal (130-131) flags; flag 1 = tilt angle x 100.
            var extra = header.Extra2.AsSpan();
            int nint = header.IsBigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(extra[16..]) : System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(extra[16..]);
            int nreal = header.IsBigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(extra[18..]) : System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(extra[18..]);
            if (nint is > 0 and <= 256 && (nreal & 1) != 0 && (long)nint * header.Nz <= Math.Min(header.Nsymbt, MaxExtendedHeaderBytes))
            {
                var ext = new byte[nint * header.Nz];
                RandomAccessIO.ReadExactly(handle, ext, MrcHeaderLayout.HeaderBytes, problems);
                if (Tilt.TiltAngleFiles.FromSerialEmHeader(ext, nint, nreal, header.Nz, header.IsBigEndian) is { } angles)
                    metadata = metadata with { TiltAnglesDegrees = angles, TiltAnglesSource = "SerialEM extended header (tilt x 100 per section)" };
            }
        }
        return metadata with { Warnings = [.. problems.Warnings] };
    }
}
