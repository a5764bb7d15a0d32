using System.Buffers.Binary;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Png;

namespace TemKit.Tests.Output;

public class PngTests
{
    private static byte[] RandomBytes(int n, int seed)
    {
        var rng = new Random(seed);
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    /// <summary>A smooth pattern plus noise: gives every filter a chance to win on some row.</summary>
    private static byte[] Pattern(int w, int h, int channels, int seed)
    {
        var rng = new Random(seed);
        var b = new byte[w * h * channels];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < channels; c++)
                    b[(y * w + x) * channels + c] = (byte)((y % 3 == 0 ? rng.Next(256) : 3 * x + 5 * y + 40 * c + (y % 5 == 1 ? rng.Next(3) : 0)) & 0xFF);
        return b;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 17)]
    [InlineData(17, 3)]
    [InlineData(129, 31)]
    public void Gray8RoundTripsThroughReader(int w, int h)
    {
        byte[] pixels = Pattern(w, h, 1, w * 100 + h);
        var img = PngReader.Decode(PngWriter.EncodeGray8(pixels, w, h));
        Assert.Equal((w, h, PngColorType.Gray, 8), (img.Width, img.Height, img.ColorType, img.BitDepth));
        Assert.Equal(pixels.Select(p => (ushort)p), img.Samples);
    }

    [Fact]
    public void Gray16RoundTripsEveryBit()
    {
        var rng = new Random(7);
        var pixels = new ushort[37 * 23];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)(i % 4 == 0 ? rng.Next(65536) : 1000 * (i % 37) + i / 37);
        pixels[0] = 0;
        pixels[1] = 65535;
        var img = PngReader.Decode(PngWriter.EncodeGray16(pixels, 37, 23));
        Assert.Equal(16, img.BitDepth);
        Assert.Equal(65535, img.MaxValue);
        Assert.Equal(pixels, img.Samples);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void ColourRoundTrips(int channels)
    {
        byte[] pixels = Pattern(45, 12, channels, channels);
        byte[] png = channels == 3 ? PngWriter.EncodeRgb8(pixels, 45, 12) : PngWriter.EncodeRgba8(pixels, 45, 12);
        var img = PngReader.Decode(png);
        Assert.Equal(channels == 3 ? PngColorType.Rgb : PngColorType.Rgba, img.ColorType);
        Assert.Equal(pixels.Select(p => (ushort)p), img.Samples);
    }

    [Fact]
    public void ChunksCrcsAndZlibCheckOutWithIndependentCode()
    {
        const int w = 61, h = 40;
        byte[] pixels = Pattern(w, h, 3, 11);
        byte[] png = PngWriter.EncodeRgb8(pixels, w, h);
        var chunks = PngTestCodec.Chunks(png);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        foreach (var c in chunks) Assert.Equal(PngTestCodec.ExpectedCrc(c), c.StoredCrc);

        byte[] ihdr = chunks[0].Data;
        Assert.Equal(w, BinaryPrimitives.ReadInt32BigEndian(ihdr));
        Assert.Equal(h, BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, ihdr[8..]);

        byte[] zlib = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        byte[] filtered = PngTestCodec.InflateZlib(zlib);
        Assert.Equal((w * 3 + 1) * h, filtered.Length);
        var (raw, filters) = PngTestCodec.Unfilter(filtered, w * 3, 3, h);
        Assert.Equal(pixels, raw);
        Assert.True(filters.Distinct().Count() >= 2, "the heuristic should pick different filters for noisy and smooth rows");
    }

    [Fact]
    public void FilterHeuristicPicksSubForARampAndUpForRepeatedRows()
    {
        const int w = 50, h = 6;
        var pixels = new byte[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) pixels[y * w + x] = (byte)(7 * x);
        byte[] png = PngWriter.EncodeGray8(pixels, w, h);
        byte[] zlib = PngTestCodec.Chunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        var (_, filters) = PngTestCodec.Unfilter(PngTestCodec.InflateZlib(zlib), w, 1, h);
        // Row 0: Sub leaves the constant 7 (Paeth ties and loses on order); later rows equal the one above: Up leaves zeros.
        Assert.Equal(new byte[] { 1, 2, 2, 2, 2, 2 }, filters);
    }

    [Fact]
    public void LargeImagesSpanSeveralIdatChunks()
    {
        byte[] pixels = RandomBytes(400 * 400, 3);
        byte[] png = PngWriter.EncodeGray8(pixels, 400, 400);
        Assert.True(PngTestCodec.Chunks(png).Count(c => c.Type == "IDAT") > 1);
        Assert.Equal(pixels.Select(p => (ushort)p), PngReader.Decode(png).Samples);
    }

    [Fact]
    public void WriteImageScalesMinToBlackAndMaxToWhite()
    {
        string dir = TempDir();
        var image = new Image2D(100, 3);
        for (int i = 0; i < 300; i++) image.Pixels[i] = (i % 100) * 2f - 50f;
        string path = Path.Combine(dir, "ramp.png");
        PngWriter.WriteImage(path, image, DisplayScale.MinMax);
        var png = PngReader.Read(path);
        for (int x = 0; x < 100; x++)
            Assert.Equal(Math.Round(x / 99.0 * 255, MidpointRounding.AwayFromZero), png.Samples[x]);
        Assert.Equal(["ramp.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ReadsOneBitGreyAndPaletteWithTransparency()
    {
        // 10x2, 1 bit: row 0 alternates 1,0,...; row 1 all ones. Two bytes per row, padded.
        byte[] rows = [0, 0b1010_1010, 0b1000_0000, 0, 0xFF, 0xC0];
        var mask = PngReader.Decode(PngTestCodec.Build(PngTestCodec.Ihdr(10, 2, 1, 0), rows));
        Assert.Equal(1, mask.BitDepth);
        Assert.Equal(new float[] { 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, mask.ToGray());

        // 3x1 palette, 4 bits per index: indices 2, 0, 1.
        byte[] plte = [255, 0, 0, 0, 255, 0, 0, 0, 255];
        byte[] trns = [128];
        var pal = PngReader.Decode(PngTestCodec.Build(PngTestCodec.Ihdr(3, 1, 4, 3), [0, 0x20, 0x10], ("PLTE", plte), ("tRNS", trns)));
        Assert.Equal(PngColorType.Rgba, pal.ColorType);
        Assert.Equal(new ushort[] { 0, 0, 255, 255, 255, 0, 0, 128, 0, 255, 0, 255 }, pal.Samples);
    }

    [Fact]
    public void GreyConversionUsesRec601Luma()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30];
        var img = PngReader.Decode(PngWriter.EncodeRgb8(rgb, 4, 1));
        float[] g = img.ToGray();
        Assert.Equal(0.299 * 255, g[0], 3);
        Assert.Equal(0.587 * 255, g[1], 3);
        Assert.Equal(0.114 * 255, g[2], 3);
        Assert.Equal(0.299 * 10 + 0.587 * 20 + 0.114 * 30, g[3], 3);
    }

    [Fact]
    public void BrokenFilesAreRefusedWithTheFieldNamed()
    {
        byte[] good = PngWriter.EncodeGray8(RandomBytes(64, 1), 8, 8);

        byte[] badCrc = (byte[])good.Clone();
        badCrc[8 + 8 + 3] ^= 0x01; // a byte of the IHDR width
        Assert.Contains("CRC mismatch in chunk IHDR", Refuse(badCrc, "crc.png"));

        Assert.Contains("not a PNG", Refuse([1, 2, 3, 4, 5, 6, 7, 8, 9], "sig.png"));
        Assert.Contains("no IEND", Refuse(good[..^12], "cut.png"));
        Assert.Contains("claims", Refuse(good[..^20], "short.png"));

        byte[] interlaced = PngTestCodec.Build(PngTestCodec.Ihdr(2, 2, 8, 0, interlace: 1), [0, 1, 2, 0, 3, 4]);
        Assert.Equal("adam.png: interlaced (Adam7) PNG is not supported; re-save it without interlacing", Refuse(interlaced, "adam.png"));

        byte[] tooFewRows = PngTestCodec.Build(PngTestCodec.Ihdr(4, 3, 8, 0), [0, 1, 2, 3, 4]);
        Assert.Contains("IDAT data holds 5 bytes", Refuse(tooFewRows, "rows.png"));

        byte[] badFilter = PngTestCodec.Build(PngTestCodec.Ihdr(2, 1, 8, 0), [9, 1, 2]);
        Assert.Contains("row 0 has filter type 9", Refuse(badFilter, "filter.png"));

        byte[] badDepth = PngTestCodec.Build(PngTestCodec.Ihdr(2, 1, 4, 2), [0, 1, 2]);
        Assert.Contains("colour type 2 with bit depth 4", Refuse(badDepth, "depth.png"));
    }

    [Fact]
    public void MissingFileIsAFormatError()
    {
        var e = Assert.Throws<TemKitFormatException>(() => PngReader.Read(Path.Combine(TempDir(), "absent.png")));
        Assert.Equal("absent.png: file not found", e.Message);
    }

    private static string Refuse(byte[] png, string name) =>
        Assert.Throws<TemKitFormatException>(() => PngReader.Decode(png, name)).Message;

    internal static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "temkit-output-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
