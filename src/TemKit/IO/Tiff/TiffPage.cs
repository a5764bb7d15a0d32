using BitMiracle.LibTiff.Classic;

namespace TemKit.IO.Tiff;

/// <summary>The pixel layout of one TIFF image directory (page), read through LibTiff and checked against the file.</summary>
internal sealed record TiffPage(
    short Directory,
    int Width,
    int Height,
    int BitsPerSample,
    int SamplesPerPixel,
    SampleFormat Format,
    Photometric Photometric,
    Compression Compression,
    bool Tiled,
    bool ReducedResolution,
    long[] StripOffsets,
    long[] StripByteCounts,
    int RowsPerStrip)
{
    /// <summary>The element type in NumPy spelling, or null when TemKit does not read it.</summary>
    public string? DataType => (Format, BitsPerSample) switch
    {
        (SampleFormat.UINT, 8) => "uint8",
        (SampleFormat.INT, 8) => "int8",
        (SampleFormat.UINT, 16) => "uint16",
        (SampleFormat.INT, 16) => "int16",
        (SampleFormat.UINT, 32) => "uint32",
        (SampleFormat.INT, 32) => "int32",
        (SampleFormat.IEEEFP, 16) => "float16",
        (SampleFormat.IEEEFP, 32) => "float32",
        (SampleFormat.IEEEFP, 64) => "float64",
        _ => null,
    };

    /// <summary>Bytes per pixel of a greyscale page.</summary>
    public int BytesPerPixel => BitsPerSample / 8;

    /// <summary>True for a page image commands read: one sample per pixel of a supported type, not RGB/YCbCr/CMYK.</summary>
    public bool IsGrey => SamplesPerPixel == 1 && DataType is not null
        && Photometric is Photometric.MINISBLACK or Photometric.MINISWHITE or Photometric.PALETTE;

    /// <summary>Pages that can share a stack: same size, type and colour model.</summary>
    public bool SameLayout(TiffPage other) =>
        Width == other.Width && Height == other.Height && BitsPerSample == other.BitsPerSample
        && SamplesPerPixel == other.SamplesPerPixel && Format == other.Format && IsGrey == other.IsGrey;

    /// <summary>"RGB, 3 samples per pixel, 8 bits" etc., for messages about pages TemKit does not read.</summary>
    public string Describe() => $"{Photometric} photometric, {SamplesPerPixel} sample(s) per pixel, {BitsPerSample} bits, {Format} samples, {Compression} compression";

    /// <summary>Reads the current directory's layout and checks that its strips lie inside the file.</summary>
    public static TiffPage Read(TiffClient client, short directory, long fileLength)
    {
        var t = client.Handle;
        string path = client.Path;
        int Int(TiffTag tag, int fallback) => t.GetField(tag) is { Length: > 0 } v ? v[0].ToInt() : fallback;
        int width = Int(TiffTag.IMAGEWIDTH, 0), height = Int(TiffTag.IMAGELENGTH, 0);
        string page = $"page {directory}";
        if (width <= 0 || height <= 0) throw new TemKitFormatException(path, $"{page}: ImageWidth x ImageLength (tags 256, 257) is {width} x {height}");
        int bits = Int(TiffTag.BITSPERSAMPLE, 1), samples = Int(TiffTag.SAMPLESPERPIXEL, 1);
        var format = (SampleFormat)Int(TiffTag.SAMPLEFORMAT, (int)SampleFormat.UINT);
        var photometric = (Photometric)Int(TiffTag.PHOTOMETRIC, (int)Photometric.MINISBLACK);
        var compression = (Compression)Int(TiffTag.COMPRESSION, (int)Compression.NONE);
        bool reduced = (Int(TiffTag.SUBFILETYPE, 0) & 1) != 0;
        bool tiled = t.IsTiled();
        int rowsPerStrip = Math.Min(height, Math.Max(1, t.GetField(TiffTag.ROWSPERSTRIP) is { Length: > 0 } r ? (int)Math.Min(r[0].ToUInt(), int.MaxValue) : height));

        long[] offsets = Longs(t, tiled ? TiffTag.TILEOFFSETS : TiffTag.STRIPOFFSETS);
        long[] counts = Longs(t, tiled ? TiffTag.TILEBYTECOUNTS : TiffTag.STRIPBYTECOUNTS);
        string what = tiled ? "tile" : "strip";
        if (offsets.Length == 0) throw new TemKitFormatException(path, $"{page}: no {what} offsets (tag {(tiled ? 324 : 273)})");
        if (counts.Length != offsets.Length)
            throw new TemKitFormatException(path, $"{page}: {offsets.Length} {what} offsets but {counts.Length} byte counts");
        for (int i = 0; i < offsets.Length; i++)
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] > fileLength || counts[i] > fileLength - offsets[i])
                throw new TemKitFormatException(path, $"{page}: {what} {i} at offset {offsets[i]} with {counts[i]} bytes ends past the end of the {fileLength}-byte file (truncated or corrupt {(tiled ? "TileOffsets" : "StripOffsets")})");

        var result = new TiffPage(directory, width, height, bits, samples, format, photometric, compression, tiled, reduced, offsets, counts, rowsPerStrip);
        if (result.IsGrey)
        {
            // Sizes checked before any pixel buffer is allocated: one frame must fit one .NET array, and uncompressed
            // data must be all there; compressed data may not expand more than 1024-fold (deflate's limit is ~1032).
            long frameBytes = (long)width * height * result.BytesPerPixel;
            if ((long)width * height > Array.MaxLength || frameBytes > Array.MaxLength)
                throw new TemKitFormatException(path, $"{page}: a {width} x {height} frame of {result.DataType} exceeds one .NET array");
            long stored = counts.Sum();
            if (compression == Compression.NONE && !tiled && stored < frameBytes)
                throw new TemKitFormatException(path, $"{page}: strips hold {stored} bytes, a {width} x {height} {result.DataType} frame needs {frameBytes}");
            if (compression != Compression.NONE && frameBytes > stored * 1024 + 4096)
                throw new TemKitFormatException(path, $"{page}: {stored} compressed bytes cannot hold a {width} x {height} {result.DataType} frame");
        }
        return result;
    }

    private static long[] Longs(BitMiracle.LibTiff.Classic.Tiff t, TiffTag tag)
    {
        var v = t.GetField(tag);
        if (v is not { Length: > 0 }) return [];
        object value = v[0].Value;
        return value switch
        {
            long[] l => l,
            ulong[] ul => ul.Select(x => (long)Math.Min(x, long.MaxValue)).ToArray(),
            int[] i => i.Select(x => (long)(uint)x).ToArray(),
            uint[] ui => ui.Select(x => (long)x).ToArray(),
            short[] s => s.Select(x => (long)(ushort)x).ToArray(),
            ushort[] us => us.Select(x => (long)x).ToArray(),
            _ => v[0].TolongArray() ?? [],
        };
    }
}
