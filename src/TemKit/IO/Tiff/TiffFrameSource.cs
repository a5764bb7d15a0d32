using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using TemKit.Imaging;

namespace TemKit.IO.Tiff;

/// <summary>
/// Frames of one TIFF signal (a run of equal pages). Uncompressed strips are read with positional reads straight from the
/// offsets LibTiff parsed (thread-safe, and contiguous strips in one read); compressed or tiled pages are decoded by
/// LibTiff under a lock (the library keeps one current directory per handle).
/// </summary>
internal sealed class TiffFrameSource : IFrameSource
{
    private readonly TiffClient _client;
    private readonly IReadOnlyList<TiffPage> _pages;
    private readonly bool _swap;

    internal TiffFrameSource(TiffClient client, IReadOnlyList<TiffPage> pages, ImageSignal signal)
    {
        _client = client;
        _pages = pages;
        var first = pages[0];
        _swap = client.Handle.IsBigEndian() == BitConverter.IsLittleEndian;
        client.Handle.SetDirectory(first.Directory);
        var tags = new TiffTags(client);
        var calibration = TiffCalibration.Read(tags, first.Width, first.Height);
        VoxelSize = new VoxelSize(calibration.XAngstrom, calibration.YAngstrom, calibration.ZAngstrom);
        Kind = pages.Count == 1 ? StackKind.Image : StackKind.ImageStack;

        var fields = new Dictionary<string, string>(calibration.Fields)
        {
            ["tiff.byte_order"] = client.Handle.IsBigEndian() ? "big-endian (MM)" : "little-endian (II)",
            ["tiff.pages"] = string.Join(",", pages.Select(p => p.Directory.ToString(CultureInfo.InvariantCulture))),
            ["tiff.compression"] = first.Compression.ToString(),
            ["tiff.photometric"] = first.Photometric.ToString(),
            ["tiff.layout"] = first.Tiled ? "tiles" : $"strips of {first.RowsPerStrip} rows",
            ["tiff.pixel_size_source"] = calibration.Source,
        };
        if (first.Photometric == Photometric.PALETTE) fields["tiff.palette"] = "palette indices read as grey values (the colour map is not applied)";
        if (first.Photometric == Photometric.MINISWHITE) fields["tiff.min_is_white"] = "values read as stored (0 = white), not inverted";
        foreach (var (tag, name) in new[] { (271, "tiff.make"), (272, "tiff.model"), (306, "tiff.datetime"), (305, "tiff.software") })
            if (tags.Text(tag) is { Length: > 0 } text) fields[name] = text;
        if (calibration.Acquired is not null && !calibration.AcquiredZoneKnown) fields["tiff.acquired_time_zone"] = LocalTimeText.UnknownZoneNote;
        if (tags.Text(270) is { Length: > 0 } description) fields["tiff.description"] = description.Length > 512 ? description[..512] + "…" : description;

        Metadata = new ImageMetadata
        {
            Format = "TIFF",
            DataType = first.DataType!,
            VoltageKilovolts = calibration.VoltageKilovolts,
            Magnification = calibration.Magnification,
            Acquired = calibration.Acquired,
            Title = calibration.Title,
            SignalIndex = signal.Index,
            Fields = fields,
            Axes = AxisFields.ToAxes(fields, ("x", first.Width), ("y", first.Height), ("z", pages.Count)),
        };
    }

    public string Path => _client.Path;
    public int Width => _pages[0].Width;
    public int Height => _pages[0].Height;
    public int FrameCount => _pages.Count;
    public StackKind Kind { get; }
    public VoxelSize VoxelSize { get; }
    public ImageMetadata Metadata { get; }
    public bool IsComplex => false;

    public void ReadFrame(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
        int n = Width * Height;
        if (destination.Length != n) throw new ArgumentException($"destination holds {destination.Length} values, a frame has {n}", nameof(destination));
        var page = _pages[index];
        bool direct = page.Compression == Compression.NONE && !page.Tiled;

        if (direct && page.DataType == "float32" && !_swap)
        {
            ReadStrips(page, MemoryMarshal.AsBytes(destination));
            return;
        }
        int bytes = n * page.BytesPerPixel;
        byte[] raw = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            var span = raw.AsSpan(0, bytes);
            if (direct)
            {
                ReadStrips(page, span);
                if (_swap && page.BytesPerPixel > 1) Reverse(span, page.BytesPerPixel);
            }
            else
            {
                lock (_client) Decode(page, span);
            }
            Convert(page.DataType!, span, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Uncompressed strips copied in file order; strips that follow each other in the file are read at once.</summary>
    private void ReadStrips(TiffPage page, Span<byte> frame)
    {
        long rowBytes = (long)page.Width * page.BytesPerPixel;
        int strips = (page.Height + page.RowsPerStrip - 1) / page.RowsPerStrip;
        if (strips > page.StripOffsets.Length)
            throw new TemKitFormatException(Path, $"page {page.Directory}: {page.StripOffsets.Length} strips, {page.Height} rows of {page.RowsPerStrip} need {strips}");
        int s = 0;
        while (s < strips)
        {
            long start = page.StripOffsets[s];
            long at = s * page.RowsPerStrip * rowBytes, length = 0;
            int e = s;
            while (e < strips)
            {
                long rows = Math.Min(page.RowsPerStrip, page.Height - (long)e * page.RowsPerStrip);
                if (page.StripOffsets[e] != start + length || page.StripByteCounts[e] < rows * rowBytes) break;
                length += rows * rowBytes;
                e++;
            }
            if (e == s)
                throw new TemKitFormatException(Path, $"page {page.Directory}: strip {s} holds {page.StripByteCounts[s]} bytes, fewer than its rows need");
            ReadExactly(frame.Slice((int)at, (int)length), start);
            s = e;
        }
    }

    private void ReadExactly(Span<byte> destination, long offset)
    {
        while (destination.Length > 0)
        {
            int n = RandomAccess.Read(_client.Stream.SafeFileHandle, destination, offset);
            if (n <= 0) throw new TemKitFormatException(Path, $"file ended at offset {offset} while reading pixels (file shrank?)");
            destination = destination[n..];
            offset += n;
        }
    }

    /// <summary>Compressed or tiled pages decoded by LibTiff (which also swaps bytes and undoes predictors).</summary>
    private void Decode(TiffPage page, Span<byte> frame)
    {
        var t = _client.Handle;
        _client.ClearError();
        if (!t.SetDirectory(page.Directory))
            throw new TemKitFormatException(Path, $"page {page.Directory}: cannot read the image directory: {_client.LastError}");
        int bpp = page.BytesPerPixel;
        if (!page.Tiled)
        {
            int stripSize = t.StripSize();
            byte[] strip = new byte[stripSize];
            int rowBytes = page.Width * bpp;
            for (int s = 0, row = 0; row < page.Height; s++, row += page.RowsPerStrip)
            {
                int got = t.ReadEncodedStrip(s, strip, 0, -1);
                int want = Math.Min(page.RowsPerStrip, page.Height - row) * rowBytes;
                if (got < want)
                    throw new TemKitFormatException(Path, $"page {page.Directory}: strip {s} decodes to {Math.Max(got, 0)} of {want} bytes ({page.Compression}): {_client.LastError ?? "data corrupt or truncated"}");
                strip.AsSpan(0, want).CopyTo(frame[(row * rowBytes)..]);
            }
            return;
        }
        int tw = t.GetField(TiffTag.TILEWIDTH)[0].ToInt(), th = t.GetField(TiffTag.TILELENGTH)[0].ToInt();
        if (tw <= 0 || th <= 0 || (long)tw * th * bpp > int.MaxValue)
            throw new TemKitFormatException(Path, $"page {page.Directory}: tile size {tw} x {th}");
        byte[] tile = new byte[t.TileSize()];
        int tilesAcross = (page.Width + tw - 1) / tw;
        for (int ty = 0; ty < page.Height; ty += th)
            for (int tx = 0; tx < page.Width; tx += tw)
            {
                int index = ty / th * tilesAcross + tx / tw;
                int got = t.ReadEncodedTile(index, tile, 0, -1);
                if (got < tw * th * bpp)
                    throw new TemKitFormatException(Path, $"page {page.Directory}: tile {index} decodes to {Math.Max(got, 0)} of {tw * th * bpp} bytes: {_client.LastError ?? "data corrupt or truncated"}");
                int cols = Math.Min(tw, page.Width - tx) * bpp;
                for (int r = 0; r < th && ty + r < page.Height; r++)
                    tile.AsSpan(r * tw * bpp, cols).CopyTo(frame[(((ty + r) * page.Width + tx) * bpp)..]);
            }
    }

    private static void Reverse(Span<byte> data, int size)
    {
        switch (size)
        {
            case 2: BinaryPrimitivesReverse(MemoryMarshal.Cast<byte, ushort>(data)); break;
            case 4: System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(data), MemoryMarshal.Cast<byte, uint>(data)); break;
            case 8: System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(data), MemoryMarshal.Cast<byte, ulong>(data)); break;
        }
    }

    private static void BinaryPrimitivesReverse(Span<ushort> data) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(data, data);

    private static void Convert(string type, ReadOnlySpan<byte> raw, Span<float> dst)
    {
        switch (type)
        {
            case "uint8": PixelConvert.ToSingle(raw, dst); break;
            case "int8": PixelConvert.ToSingle(MemoryMarshal.Cast<byte, sbyte>(raw), dst); break;
            case "uint16": PixelConvert.ToSingle(MemoryMarshal.Cast<byte, ushort>(raw), dst); break;
            case "int16": PixelConvert.ToSingle(MemoryMarshal.Cast<byte, short>(raw), dst); break;
            case "uint32": TensorPrimitives.ConvertTruncating<uint, float>(MemoryMarshal.Cast<byte, uint>(raw), dst); break;
            case "int32": TensorPrimitives.ConvertTruncating<int, float>(MemoryMarshal.Cast<byte, int>(raw), dst); break;
            case "float16": TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(raw), dst); break;
            case "float32": MemoryMarshal.Cast<byte, float>(raw).CopyTo(dst); break;
            case "float64": TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<byte, double>(raw), dst); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "no conversion for this TIFF sample type");
        }
    }

    public void Dispose() => _client.Dispose();
}
