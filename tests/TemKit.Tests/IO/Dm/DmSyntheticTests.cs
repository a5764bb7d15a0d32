using TemKit.IO;
using TemKit.IO.Dm;

namespace TemKit.Tests.IO.Dm;

/// <summary>Files written by the test writer in every type, byte order and version, read back pixel by pixel.</summary>
public sealed class DmSyntheticTests : IDisposable
{
    private readonly DmTempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>DM DataType, bytes per pixel, the info array of its Data tag (count appended), the value of pixel i, and its bytes.</summary>
    private sealed record PixelCase(int DataType, int Bytes, long[] Info, Func<int, double> Value, Action<DmTestWriter, Span<byte>, int> Put, Func<int, float> Expected);

    private static PixelCase Case(string name) => name switch
    {
        "int8" => Simple(9, 1, 9, i => i - 3),
        "uint8" => Simple(6, 1, 10, i => 200 + i),
        "int16" => Simple(1, 2, 2, i => -30000 + 1000 * i),
        "uint16" => Simple(10, 2, 4, i => 60000 + i),
        "int32" => Simple(7, 4, 3, i => -2_000_000 + 12345 * i),
        "uint32" => Simple(11, 4, 5, i => 4_000_000_000 + 7 * i),
        "float32" => new(2, 4, [20, 6], i => i * 0.5 - 1.25, (w, s, i) => w.Put(s, BitConverter.SingleToInt32Bits((float)(i * 0.5 - 1.25)), 4), i => (float)(i * 0.5 - 1.25)),
        "float64" => new(12, 8, [20, 7], i => i * 1e-3 - 0.01, (w, s, i) => w.Put(s, BitConverter.DoubleToInt64Bits(i * 1e-3 - 0.01), 8), i => (float)(i * 1e-3 - 0.01)),
        "bool" => Simple(14, 1, 8, i => i % 3 == 0 ? 1 : 0),
        // complex: (3i, 4i) has modulus 5i
        "complex64" => new(3, 8, [20, 15, 0, 2, 0, 6, 0, 6], i => 5 * i,
            (w, s, i) => { w.Put(s, BitConverter.SingleToInt32Bits(3f * i), 4); w.Put(s[4..], BitConverter.SingleToInt32Bits(4f * i), 4); }, i => 5f * i),
        "complex128" => new(13, 16, [20, 15, 0, 2, 0, 7, 0, 7], i => 5 * i,
            (w, s, i) => { w.Put(s, BitConverter.DoubleToInt64Bits(3.0 * i), 8); w.Put(s[8..], BitConverter.DoubleToInt64Bits(-4.0 * i), 8); }, i => 5f * i),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static PixelCase Simple(int dataType, int bytes, int code, Func<int, long> value) =>
        new(dataType, bytes, [20, code], i => value(i), (w, s, i) => w.Put(s, value(i), bytes), i => (float)value(i));

    private string WriteImage(DmTestWriter w, PixelCase c, long[] dims, string name)
    {
        long n = dims.Aggregate(1L, (a, b) => a * b);
        var payload = new byte[n * c.Bytes];
        for (int i = 0; i < n; i++) c.Put(w, payload.AsSpan(i * c.Bytes, c.Bytes), i);
        var data = new DmTestWriter.Data("Data", [.. c.Info, n], payload);
        var image = w.Image(c.DataType, c.Bytes, dims, data, null, new DmTestWriter.Group("Microscope Info", w.Float64("Voltage", 300000)));
        return _files.Write(name, w.Serialize(w.File([image])));
    }

    public static TheoryData<string, int, bool> AllTypes()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var t in new[] { "int8", "uint8", "int16", "uint16", "int32", "uint32", "float32", "float64", "bool", "complex64", "complex128" })
            foreach (int version in new[] { 3, 4 })
                foreach (bool little in new[] { true, false })
                    data.Add(t, version, little);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void EveryTypeByteOrderAndVersionReadsBack(string type, int version, bool little)
    {
        var c = Case(type);
        string path = WriteImage(new DmTestWriter(version, little), c, [5, 3, 2], $"{type}_{version}_{little}.dm{version}");
        using var source = DmFile.Open(path);
        Assert.Equal((5, 3, 2), (source.Width, source.Height, source.FrameCount));
        Assert.Equal(type, source.Metadata.DataType);
        Assert.Equal(type.StartsWith("complex"), source.IsComplex);
        Assert.Equal(300, source.Metadata.VoltageKilovolts);
        Assert.Equal(version == 4 ? "DM4" : "DM3", source.Metadata.Format);
        Assert.Equal(little ? "little-endian" : "big-endian", source.Metadata.Fields["dm.byte_order"]);
        var frame = new float[15];
        foreach (int z in new[] { 1, 0 })
        {
            source.ReadFrame(z, frame);
            for (int i = 0; i < 15; i++) Assert.Equal(c.Expected(15 * z + i), frame[i]);
        }
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void LargeFrameIsConvertedInChunks(int version, bool little)
    {
        // 1100 x 500 int16 pixels span two of the reader's 1 MiB chunks.
        var c = new PixelCase(1, 2, [20, 2], i => (short)i, (w, s, i) => w.Put(s, (short)i, 2), i => (short)i);
        string path = WriteImage(new DmTestWriter(version, little), c, [1100, 500], $"large.dm{version}");
        var image = DmFile.Read(path).FrameImage(0);
        for (int i = 0; i < 1100 * 500; i += 997) Assert.Equal((short)i, image.Pixels[i]);
        Assert.Equal(unchecked((short)(1100 * 500 - 1)), image.Pixels[^1]);
    }

    [Fact]
    public void FramesOfAStackReadInAnyOrderFromSeveralThreads()
    {
        var c = Case("uint16");
        string path = WriteImage(new DmTestWriter(4, true), c, [8, 4, 40], "stack.dm4");
        using var source = DmFile.Open(path);
        Assert.Equal(TemKit.Imaging.StackKind.ImageStack, source.Kind);
        var bad = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 40, z =>
        {
            var frame = new float[32];
            source.ReadFrame(39 - z, frame);
            for (int i = 0; i < 32; i++)
                if (frame[i] != c.Expected(32 * (39 - z) + i)) bad.Add(39 - z);
        });
        Assert.Empty(bad);
    }

    [Fact]
    public void LengthCalibrationsGiveVoxelSizeAndOriginInAngstrom()
    {
        var w = new DmTestWriter();
        var c = Case("float32");
        var payload = new byte[4 * 4 * 2 * 3];
        for (int i = 0; i < 24; i++) c.Put(w, payload.AsSpan(4 * i, 4), i);
        var image = w.Image(2, 4, [4, 2, 3], new DmTestWriter.Data("Data", [20, 6, 24], payload),
            [(0.25, 8, "nm"), (0.5, 0, "µm"), (2, 0, "Å")]);
        using var source = DmFile.Open(_files.Write("calibrated.dm3", w.Serialize(w.File([image]))));
        Assert.Equal(2.5, source.VoxelSize.XAngstrom, 6);
        Assert.Equal(5000, source.VoxelSize.YAngstrom, 6);
        Assert.Equal(2, source.VoxelSize.ZAngstrom, 6);
        Assert.Equal(TemKit.Imaging.StackKind.Volume, source.Kind);
        // Pixel 0 sits at -origin * scale = -8 * 0.25 nm = -20 Å.
        Assert.Equal(-20, source.Metadata.OriginAngstrom.X, 6);
        Assert.Equal("8", source.Metadata.Fields["axis.x.origin"]);
        Assert.Equal("-2", source.Metadata.Fields["axis.x.offset"]);
    }

    [Fact]
    public void ReciprocalUnitsLeaveVoxelSizeUnknownButKeepTheCalibration()
    {
        var w = new DmTestWriter();
        var payload = new byte[4];
        var image = w.Image(6, 1, [2, 2], DmTestWriter.Array("Data", 10, 4, payload), [(0.125, 1, "1/nm"), (0.125, 1, "1/nm")]);
        using var source = DmFile.Open(_files.Write("diffraction.dm3", w.Serialize(w.File([image]))));
        Assert.False(source.VoxelSize.IsKnown);
        Assert.Equal("0.125", source.Metadata.Fields["axis.y.scale"]);
        Assert.Equal("1/nm", source.Metadata.Fields["axis.y.units"]);
        Assert.Equal(0, source.Metadata.OriginAngstrom.X);
    }

    [Fact]
    public void OneDimensionalDataIsOneRow()
    {
        var w = new DmTestWriter(4);
        var c = Case("int32");
        var payload = new byte[4 * 7];
        for (int i = 0; i < 7; i++) c.Put(w, payload.AsSpan(4 * i, 4), i);
        var image = w.Image(7, 4, [7], new DmTestWriter.Data("Data", [20, 3, 7], payload), [(0.1, 0, "eV")]);
        string path = _files.Write("spectrum.dm4", w.Serialize(w.File([image])));
        // 1D data is a spectrum: listed, refused by image reading unless its ImageList entry is asked for explicitly.
        var signal = Assert.Single(DmFile.ListSignals(path));
        Assert.Equal(SignalKind.Spectrum, signal.Kind);
        var refused = Assert.Throws<TemKitFormatException>(() => ImageFile.Open(path));
        Assert.Equal("spectrum.dm4: holds no image signal, only 0: spectrum 'test' 7 int32; image commands read images only", refused.Message);
        int entry = DmFile.ReadTags(path).Group("ImageList")!.Tags.Count - 1;
        var stack = DmFile.Read(path, imageIndex: entry);
        Assert.Equal((7, 1, 1), (stack.Nx, stack.Ny, stack.Nz));
        Assert.Equal(c.Expected(6), stack.Data[6]);
        Assert.Null(stack.Metadata.VoltageKilovolts);
    }

    [Fact]
    public void ValuesOfEveryTagTypeDecodeInBothByteOrders()
    {
        foreach (bool little in new[] { true, false })
        {
            var w = new DmTestWriter(4, little);
            var i64 = new byte[8];
            w.Put(i64, -5_000_000_000L, 8);
            var shorts = new byte[6];
            for (int i = 0; i < 3; i++) w.Put(shorts.AsSpan(2 * i), (short)(i - 1), 2);
            var root = new DmTestWriter.Group("",
                w.Float64("double", Math.PI),
                w.Text("text", "µm Å"),
                new DmTestWriter.Data("int64", [11], i64),
                new DmTestWriter.Data("shorts", [20, 2, 3], shorts),
                new DmTestWriter.Data("string", [18, 3], "abc"u8.ToArray()),
                new DmTestWriter.Group("", w.UInt32("", 7)));
            var tags = DmFile.ReadTags(_files.Write($"tags{little}.dm4", w.Serialize(root)));
            Assert.Equal(Math.PI, tags.Data("double")!.AsDouble());
            Assert.Equal("µm Å", tags.Data("text")!.Text);
            Assert.Equal(-5_000_000_000L, tags.Data("int64")!.AsInt64());
            Assert.Equal(new short[] { -1, 0, 1 }, (short[])tags.Data("shorts")!.Value!);
            Assert.Equal("[-1, 0, 1]", tags.Data("shorts")!.FormatValue());
            Assert.Equal("abc", tags.Data("string")!.Text);
            Assert.Equal("[5]", tags.Tags[5].Path);
            Assert.Equal(7, ((DmTagData)((DmTagGroup)tags.Tags[5]).Tags[0]).AsInt64());
        }
    }

    [Fact]
    public void LongArraysAreCappedInMetadataFields()
    {
        var w = new DmTestWriter();
        var image = w.Image(6, 1, [2, 2], DmTestWriter.Array("Data", 10, 4, new byte[4]), null,
            DmTestWriter.Array("Histogram", 10, 1000, Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray()));
        using var source = DmFile.Open(_files.Write("long.dm3", w.Serialize(w.File([image]))));
        string value = source.Metadata.Fields["ImageList[0].ImageTags.Histogram"];
        Assert.StartsWith("[0, 1, 2, 3,", value);
        Assert.EndsWith("… (1000 values)]", value);
        Assert.True(value.Length < 120);
    }
}
