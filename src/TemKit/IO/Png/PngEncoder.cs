using System.Buffers.Binary;
using System.IO.Compression;

namespace TemKit.IO.Png;

/// <summary>
/// Encodes raw samples (row-major, multi-byte samples big-endian as PNG stores them) into a PNG
/// stream: signature, IHDR, IDAT chunks from one zlib stream, IEND. Each row gets the adaptive filter
/// with the smallest sum of absolute signed residuals (the heuristic of PNG specification, section 12.8).
/// </summary>
internal static class PngEncoder
{
    /// <summary>The eight-byte PNG signature.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Largest IDAT chunk written; readers accept any size but small chunks stream well.</summary>
    private const int IdatChunkBytes = 1 << 16;

    public static byte[] Encode(ReadOnlySpan<byte> raw, int width, int height, PngColorType colorType, int bitDepth,
        CompressionLevel level = CompressionLevel.Optimal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "the writer supports 8 and 16 bits per sample");
        if (colorType == PngColorType.Indexed) throw new ArgumentException("the writer does not write palette images", nameof(colorType));
        int bpp = colorType.Channels() * bitDepth / 8;
        long rowBytes = (long)width * bpp;
        if (rowBytes * height != raw.Length)
            throw new ArgumentException($"{raw.Length} bytes given, a {width}x{height} {colorType} image at {bitDepth} bits needs {rowBytes * height}", nameof(raw));
        if (rowBytes > int.MaxValue - 1) throw new ArgumentException("rows too long for PNG", nameof(width));

        using var output = new MemoryStream(capacity: (int)Math.Min(int.MaxValue / 2, raw.Length / 2 + 1024));
        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        ihdr[10] = 0; // compression method: deflate
        ihdr[11] = 0; // filter method: adaptive
        ihdr[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, ihdr);

        using (var idat = new IdatStream(output, IdatChunkBytes))
        {
            using (var zlib = new ZLibStream(idat, level, leaveOpen: true))
            {
                int n = (int)rowBytes;
                var prior = new byte[n];
                var best = new byte[n + 1];
                var trial = new byte[n + 1];
                for (int y = 0; y < height; y++)
                {
                    ReadOnlySpan<byte> row = raw.Slice(y * n, n);
                    ReadOnlySpan<byte> up = y == 0 ? prior : raw.Slice((y - 1) * n, n);
                    ChooseFilter(row, up, bpp, best, trial);
                    zlib.Write(best);
                }
            }
        }

        WriteChunk(output, "IEND"u8, ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    /// <summary>Filters <paramref name="row"/> with every PNG filter and leaves the one with the smallest cost in <paramref name="best"/>.</summary>
    internal static void ChooseFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> up, int bpp, Span<byte> best, Span<byte> trial)
    {
        long bestCost = long.MaxValue;
        for (byte filter = 0; filter <= 4; filter++)
        {
            long cost = Apply(filter, row, up, bpp, trial[1..]);
            if (cost < bestCost)
            {
                bestCost = cost;
                trial[0] = filter;
                trial.CopyTo(best);
            }
        }
    }

    /// <summary>Writes the filtered row into <paramref name="dst"/> and returns its cost, the sum of |residual| with residuals read as signed bytes.</summary>
    private static long Apply(byte filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> up, int bpp, Span<byte> dst)
    {
        long cost = 0;
        int n = row.Length;
        switch (filter)
        {
            case 0:
                row.CopyTo(dst);
                for (int i = 0; i < n; i++) cost += Magnitude(row[i]);
                break;
            case 1:
                for (int i = 0; i < n; i++)
                {
                    byte r = (byte)(row[i] - (i >= bpp ? row[i - bpp] : 0));
                    dst[i] = r;
                    cost += Magnitude(r);
                }
                break;
            case 2:
                for (int i = 0; i < n; i++)
                {
                    byte r = (byte)(row[i] - up[i]);
                    dst[i] = r;
                    cost += Magnitude(r);
                }
                break;
            case 3:
                for (int i = 0; i < n; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    byte r = (byte)(row[i] - ((left + up[i]) >> 1));
                    dst[i] = r;
                    cost += Magnitude(r);
                }
                break;
            default:
                for (int i = 0; i < n; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0;
                    int c = i >= bpp ? up[i - bpp] : 0;
                    byte r = (byte)(row[i] - Paeth(a, up[i], c));
                    dst[i] = r;
                    cost += Magnitude(r);
                }
                break;
        }
        return cost;
    }

    /// <summary>|b| with b read as a signed byte (0..128).</summary>
    private static int Magnitude(byte b) => b < 128 ? b : 256 - b;

    /// <summary>Paeth predictor (PNG specification, section 9.4): the neighbour closest to a + b - c.</summary>
    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }

    /// <summary>Writes one chunk: length, type, data, CRC-32 over type and data.</summary>
    internal static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        uint crc = PngCrc32.Finish(PngCrc32.Update(PngCrc32.Update(0xFFFFFFFFu, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }

    /// <summary>A write-only stream that cuts what it receives into IDAT chunks.</summary>
    private sealed class IdatStream(Stream target, int chunkBytes) : Stream
    {
        private readonly byte[] _buffer = new byte[chunkBytes];
        private int _count;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                int take = Math.Min(buffer.Length, _buffer.Length - _count);
                buffer[..take].CopyTo(_buffer.AsSpan(_count));
                _count += take;
                buffer = buffer[take..];
                if (_count == _buffer.Length) Emit();
            }
        }

        private void Emit()
        {
            if (_count == 0) return;
            WriteChunk(target, "IDAT"u8, _buffer.AsSpan(0, _count));
            _count = 0;
        }

        public override void Flush() { }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Emit();
            base.Dispose(disposing);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
