using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TemKit.Tests.Output;

/// <summary>
/// The tests' own minimal PNG plumbing, independent of TemKit's: a bitwise CRC-32, Adler-32, a chunk
/// splitter, a raw-deflate decompressor path and a plain unfilter. Used to check what PngWriter emits
/// and to build odd files (1-bit, palette, interlaced, broken) for PngReader.
/// </summary>
internal static class PngTestCodec
{
    public static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>CRC-32 computed bit by bit (no table), straight from the definition in ISO 3309.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (byte x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    public sealed record Chunk(string Type, byte[] Data, uint StoredCrc);

    public static List<Chunk> Chunks(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        var chunks = new List<Chunk>();
        int pos = 8;
        while (pos < png.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            byte[] data = png.AsSpan(pos + 8, len).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            chunks.Add(new Chunk(type, data, crc));
            pos += 12 + len;
        }
        return chunks;
    }

    /// <summary>The CRC a chunk should carry: over its type and data.</summary>
    public static uint ExpectedCrc(Chunk c) => BitwiseCrc([.. Encoding.ASCII.GetBytes(c.Type), .. c.Data]);

    /// <summary>Inflates a zlib stream by hand: checks the 2-byte header, inflates the raw deflate body, checks the Adler-32 trailer.</summary>
    public static byte[] InflateZlib(byte[] zlib)
    {
        Assert.Equal(8, zlib[0] & 0x0F);                         // CM = deflate
        Assert.Equal(0, ((zlib[0] << 8) | zlib[1]) % 31);         // FCHECK
        Assert.Equal(0, zlib[1] & 0x20);                          // no preset dictionary
        using var body = new MemoryStream(zlib, 2, zlib.Length - 6);
        using var deflate = new DeflateStream(body, CompressionMode.Decompress);
        using var output = new MemoryStream();
        deflate.CopyTo(output);
        byte[] raw = output.ToArray();
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(zlib.AsSpan(zlib.Length - 4));
        Assert.Equal(Adler32(raw), stored);
        return raw;
    }

    /// <summary>Undoes the PNG filters the plain way (PNG specification section 9), returning rows without filter bytes and the filter type of each row.</summary>
    public static (byte[] Raw, byte[] Filters) Unfilter(byte[] filtered, int rowBytes, int bpp, int height)
    {
        var raw = new byte[rowBytes * height];
        var filters = new byte[height];
        for (int y = 0; y < height; y++)
        {
            byte f = filtered[y * (rowBytes + 1)];
            filters[y] = f;
            for (int i = 0; i < rowBytes; i++)
            {
                int x = filtered[y * (rowBytes + 1) + 1 + i];
                int a = i >= bpp ? raw[y * rowBytes + i - bpp] : 0;
                int b = y > 0 ? raw[(y - 1) * rowBytes + i] : 0;
                int c = i >= bpp && y > 0 ? raw[(y - 1) * rowBytes + i - bpp] : 0;
                int pred = f switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => PaethReference(a, b, c),
                    _ => throw new InvalidDataException($"filter {f}"),
                };
                raw[y * rowBytes + i] = (byte)(x + pred);
            }
        }
        return (raw, filters);
    }

    private static int PaethReference(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Builds a PNG from chunks with correct CRCs (filter 0 rows must already be in <paramref name="filteredRows"/>).</summary>
    public static byte[] Build(byte[] ihdr, byte[] filteredRows, params (string Type, byte[] Data)[] extra)
    {
        using var ms = new MemoryStream();
        ms.Write(Signature);
        void Write(string type, byte[] data)
        {
            var len = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
            ms.Write(len);
            byte[] t = Encoding.ASCII.GetBytes(type);
            ms.Write(t);
            ms.Write(data);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, BitwiseCrc([.. t, .. data]));
            ms.Write(crc);
        }
        Write("IHDR", ihdr);
        foreach (var (type, data) in extra) Write(type, data);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true)) zs.Write(filteredRows);
            Write("IDAT", z.ToArray());
        }
        Write("IEND", []);
        return ms.ToArray();
    }

    public static byte[] Ihdr(int width, int height, int depth, int colorType, int interlace = 0)
    {
        var h = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(h, width);
        BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(4), height);
        h[8] = (byte)depth;
        h[9] = (byte)colorType;
        h[12] = (byte)interlace;
        return h;
    }
}
