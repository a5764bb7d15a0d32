using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace TemKit.IO.Dm;

/// <summary>
/// Sequential big-endian reads over a file handle through a small buffer, using positional reads
/// so the handle stays usable for frame reads. Every read is checked against the file length and
/// fails with a <see cref="TemKitFormatException"/> naming the field being read.
/// </summary>
internal sealed class DmByteReader
{
    private const int BufferBytes = 1 << 16;
    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private long _bufferStart;
    private int _bufferLength;

    public DmByteReader(SafeFileHandle handle, string path)
    {
        _handle = handle;
        FilePath = path;
        Length = RandomAccess.GetLength(handle);
    }

    public string FilePath { get; }

    public long Length { get; }

    public long Position { get; set; }

    public long Remaining => Length - Position;

    public TemKitFormatException Error(string field, string problem) => new(FilePath, $"{field}: {problem}");

    /// <summary>Throws unless <paramref name="count"/> bytes remain after the current position.</summary>
    public void Require(long count, string field)
    {
        if (count < 0 || count > Remaining)
            throw Error(field, $"needs {count} bytes at offset {Position}, but the file ends at {Length} (truncated file?)");
    }

    public void Read(Span<byte> destination, string field)
    {
        Require(destination.Length, field);
        while (destination.Length > 0)
        {
            if (Position < _bufferStart || Position >= _bufferStart + _bufferLength)
            {
                if (destination.Length >= BufferBytes)
                {
                    ReadDirect(destination, field);
                    return;
                }
                Fill(field);
            }
            int from = (int)(Position - _bufferStart);
            int n = Math.Min(destination.Length, _bufferLength - from);
            _buffer.AsSpan(from, n).CopyTo(destination);
            destination = destination[n..];
            Position += n;
        }
    }

    public void Skip(long count, string field)
    {
        Require(count, field);
        Position += count;
    }

    public byte ReadByte(string field)
    {
        Span<byte> b = stackalloc byte[1];
        Read(b, field);
        return b[0];
    }

    public ushort ReadUInt16BigEndian(string field)
    {
        Span<byte> b = stackalloc byte[2];
        Read(b, field);
        return BinaryPrimitives.ReadUInt16BigEndian(b);
    }

    public int ReadInt32BigEndian(string field)
    {
        Span<byte> b = stackalloc byte[4];
        Read(b, field);
        return BinaryPrimitives.ReadInt32BigEndian(b);
    }

    public uint ReadUInt32BigEndian(string field)
    {
        Span<byte> b = stackalloc byte[4];
        Read(b, field);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public long ReadInt64BigEndian(string field)
    {
        Span<byte> b = stackalloc byte[8];
        Read(b, field);
        return BinaryPrimitives.ReadInt64BigEndian(b);
    }

    private void Fill(string field)
    {
        _bufferStart = Position;
        _bufferLength = (int)Math.Min(BufferBytes, Length - Position);
        int got = 0;
        while (got < _bufferLength)
        {
            int n = RandomAccess.Read(_handle, _buffer.AsSpan(got, _bufferLength - got), _bufferStart + got);
            if (n <= 0) throw Error(field, $"file ended at offset {_bufferStart + got} while reading (file shrank?)");
            got += n;
        }
    }

    private void ReadDirect(Span<byte> destination, string field)
    {
        while (destination.Length > 0)
        {
            int n = RandomAccess.Read(_handle, destination, Position);
            if (n <= 0) throw Error(field, $"file ended at offset {Position} while reading (file shrank?)");
            destination = destination[n..];
            Position += n;
        }
    }
}
