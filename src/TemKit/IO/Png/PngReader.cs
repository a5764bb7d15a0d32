using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TemKit.IO.Png;

/// <summary>
/// Reads non-interlaced PNG files of every colour type and bit depth (PNG specification, 3rd edition):
/// grey 1–16 bits, RGB and RGBA 8/16 bits, grey+alpha, palette. Chunk CRCs are checked. Problems raise a
/// <see cref="TemKitFormatException"/> naming the file and the chunk or field at fault.
/// </summary>
public static class PngReader
{
    /// <summary>Largest number of samples accepted, checked against the IHDR before anything is allocated.</summary>
    private const long MaxSamples = 1L << 30;

    /// <summary>Reads a PNG file.</summary>
    public static PngImage Read(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a PNG file as one grey value per pixel (see <see cref="PngImage.ToGray"/>).</summary>
    public static Imaging.Image2D ReadImage(string path) => Read(path).ToImage();

    /// <summary>Decodes PNG bytes; <paramref name="name"/> names the source in error messages.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> png, string name = "<memory>")
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(PngEncoder.Signature))
            throw new TemKitFormatException(name, "not a PNG file (signature mismatch)");

        Header? header = null;
        byte[]? palette = null;
        byte[]? transparency = null;
        using var idat = new MemoryStream();
        bool sawEnd = false;
        int pos = 8;
        while (pos < png.Length)
        {
            if (png.Length - pos < 12) throw new TemKitFormatException(name, $"truncated chunk header at byte {pos}");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            ReadOnlySpan<byte> typeBytes = png.Slice(pos + 4, 4);
            string type = Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue || length > png.Length - pos - 12)
                throw new TemKitFormatException(name, $"chunk {type} at byte {pos} claims {length} bytes, the file ends sooner");
            ReadOnlySpan<byte> data = png.Slice(pos + 8, (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png[(pos + 8 + (int)length)..]);
            uint actual = PngCrc32.Finish(PngCrc32.Update(PngCrc32.Update(0xFFFFFFFFu, typeBytes), data));
            if (stored != actual) throw new TemKitFormatException(name, $"CRC mismatch in chunk {type} at byte {pos} (stored {stored:x8}, computed {actual:x8})");
            pos += 12 + (int)length;

            if (header is null && type != "IHDR") throw new TemKitFormatException(name, $"first chunk is {type}, IHDR expected");
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw new TemKitFormatException(name, "second IHDR chunk");
                    header = ParseHeader(data, name);
                    break;
                case "PLTE":
                    if (data.Length % 3 != 0 || data.Length == 0 || data.Length > 768)
                        throw new TemKitFormatException(name, $"PLTE chunk of {data.Length} bytes is not 1–256 RGB entries");
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    // Bit 5 of the first type byte clear means critical: a chunk we must understand.
                    if ((typeBytes[0] & 0x20) == 0) throw new TemKitFormatException(name, $"unknown critical chunk {type}");
                    break;
            }
            if (sawEnd) break;
        }
        if (header is null) throw new TemKitFormatException(name, "no IHDR chunk");
        if (!sawEnd) throw new TemKitFormatException(name, "no IEND chunk (file truncated?)");
        if (idat.Length == 0) throw new TemKitFormatException(name, "no IDAT chunk");
        Header h = header.Value;
        if (h.ColorType == PngColorType.Indexed && palette is null) throw new TemKitFormatException(name, "palette image without a PLTE chunk");

        byte[] raw = Inflate(idat, h, name);
        PngFilters.Unfilter(raw, h.Height, h.RowBytes, h.BytesPerPixel, name);
        return Unpack(raw, h, palette, transparency);
    }

    private static Header ParseHeader(ReadOnlySpan<byte> d, string name)
    {
        if (d.Length != 13) throw new TemKitFormatException(name, $"IHDR has {d.Length} bytes, 13 expected");
        int width = BinaryPrimitives.ReadInt32BigEndian(d), height = BinaryPrimitives.ReadInt32BigEndian(d[4..]);
        int depth = d[8];
        var colorType = (PngColorType)d[9];
        if (width <= 0 || height <= 0) throw new TemKitFormatException(name, $"IHDR size {width}x{height} is not positive");
        bool valid = colorType switch
        {
            PngColorType.Gray => depth is 1 or 2 or 4 or 8 or 16,
            PngColorType.Indexed => depth is 1 or 2 or 4 or 8,
            PngColorType.Rgb or PngColorType.GrayAlpha or PngColorType.Rgba => depth is 8 or 16,
            _ => false,
        };
        if (!valid) throw new TemKitFormatException(name, $"IHDR colour type {d[9]} with bit depth {depth} is not allowed by PNG");
        if (d[10] != 0) throw new TemKitFormatException(name, $"IHDR compression method {d[10]} (only 0, deflate, exists)");
        if (d[11] != 0) throw new TemKitFormatException(name, $"IHDR filter method {d[11]} (only 0, adaptive, exists)");
        if (d[12] == 1) throw new TemKitFormatException(name, "interlaced (Adam7) PNG is not supported; re-save it without interlacing");
        if (d[12] != 0) throw new TemKitFormatException(name, $"IHDR interlace method {d[12]} is unknown");
        int channels = colorType.Channels();
        long samples = (long)width * height * channels;
        if (samples > MaxSamples) throw new TemKitFormatException(name, $"IHDR size {width}x{height} with {channels} samples per pixel exceeds {MaxSamples} samples");
        long rowBytes = ((long)width * channels * depth + 7) / 8;
        return new Header(width, height, depth, colorType, (int)rowBytes, Math.Max(1, channels * depth / 8));
    }

    private static byte[] Inflate(MemoryStream idat, Header h, string name)
    {
        long expected = (h.RowBytes + 1L) * h.Height;
        if (expected > int.MaxValue) throw new TemKitFormatException(name, $"image data of {expected} bytes is too large");
        var raw = new byte[expected];
        idat.Position = 0;
        int read = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress, leaveOpen: true);
            while (read < raw.Length)
            {
                int n = zlib.Read(raw, read, raw.Length - read);
                if (n == 0) break;
                read += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new TemKitFormatException(name, $"corrupt zlib stream in IDAT: {e.Message}", e);
        }
        if (read < raw.Length)
            throw new TemKitFormatException(name, $"IDAT data holds {read} bytes, {h.Width}x{h.Height} needs {expected} ({read / (h.RowBytes + 1)} complete rows)");
        return raw;
    }

    private static PngImage Unpack(byte[] raw, Header h, byte[]? palette, byte[]? transparency)
    {
        int channels = h.ColorType.Channels();
        int perRow = h.Width * channels;
        var samples = new ushort[(long)perRow * h.Height];
        for (int y = 0; y < h.Height; y++)
        {
            ReadOnlySpan<byte> row = raw.AsSpan(y * (h.RowBytes + 1) + 1, h.RowBytes);
            Span<ushort> dst = samples.AsSpan(y * perRow, perRow);
            switch (h.BitDepth)
            {
                case 16:
                    for (int i = 0; i < perRow; i++) dst[i] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * i)..]);
                    break;
                case 8:
                    for (int i = 0; i < perRow; i++) dst[i] = row[i];
                    break;
                default:
                    int depth = h.BitDepth, mask = (1 << depth) - 1, perByte = 8 / depth;
                    for (int i = 0; i < perRow; i++)
                    {
                        int shift = 8 - depth * (i % perByte + 1);
                        dst[i] = (ushort)((row[i / perByte] >> shift) & mask);
                    }
                    break;
            }
        }
        if (h.ColorType != PngColorType.Indexed) return new PngImage(h.Width, h.Height, h.ColorType, h.BitDepth, samples);

        bool alpha = transparency is { Length: > 0 };
        int outChannels = alpha ? 4 : 3;
        var expanded = new ushort[(long)h.Width * h.Height * outChannels];
        int entries = palette!.Length / 3;
        for (int i = 0; i < samples.Length; i++)
        {
            int index = samples[i];
            // An index past the palette is an error in the file; PNG decoders conventionally show it black.
            bool inside = index < entries;
            for (int c = 0; c < 3; c++) expanded[i * outChannels + c] = inside ? palette[3 * index + c] : (ushort)0;
            if (alpha) expanded[i * outChannels + 3] = index < transparency!.Length ? transparency[index] : (ushort)255;
        }
        return new PngImage(h.Width, h.Height, alpha ? PngColorType.Rgba : PngColorType.Rgb, 8, expanded);
    }

    private readonly record struct Header(int Width, int Height, int BitDepth, PngColorType ColorType, int RowBytes, int BytesPerPixel);
}
