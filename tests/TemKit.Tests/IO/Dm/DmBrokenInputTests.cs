using System.Buffers.Binary;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Dm;

namespace TemKit.Tests.IO.Dm;

/// <summary>Broken and hostile files must fail with a TemKitFormatException naming the file and the field.</summary>
public sealed class DmBrokenInputTests : IDisposable
{
    private readonly DmTempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly ReadOptions Permissive = new(Permissive: true);

    /// <summary>A valid 2 x 2 int16 image with a thumbnail entry, as the writer builds it.</summary>
    private static (DmTestWriter W, DmTestWriter.Group Root) Valid(int version = 3, int dataType = 1, long[]? dims = null,
        DmTestWriter.Data? data = null, int pixelDepth = 2)
    {
        var w = new DmTestWriter(version);
        var payload = new byte[8];
        for (int i = 0; i < 4; i++) w.Put(payload.AsSpan(2 * i), i + 1, 2);
        var image = w.Image(dataType, pixelDepth, dims ?? [2, 2], data ?? DmTestWriter.Array("Data", 2, 4, payload));
        var thumbnail = w.Image(23, 4, [1, 1], DmTestWriter.Array("Data", 3, 1, new byte[4]));
        return (w, w.File([thumbnail, image], [0]));
    }

    private string Write(string name, byte[] bytes) => _files.Write(name, bytes);

    private static string Fails(string path, ReadOptions? options = null)
    {
        var e = Assert.Throws<TemKitFormatException>(() =>
        {
            using var source = DmFile.Open(path, options);
            source.ReadAll();
        });
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(Path.GetFileName(path) + ": ", e.Message);
        return e.Message;
    }

    [Fact]
    public void ValidFileReads()
    {
        var (w, root) = Valid();
        var stack = DmFile.Read(Write("valid.dm3", w.Serialize(root)));
        Assert.Equal([1f, 2f, 3f, 4f], stack.Data.ToArray());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryTruncationFailsInStrictAndPermissiveMode(int version)
    {
        var (w, root) = Valid(version);
        var bytes = w.Serialize(root);
        string path = Path.Combine(Path.GetDirectoryName(Write("probe", []))!, $"cut.dm{version}");
        // Every cut through the header, then a cut every 7 bytes (so through every kind of field);
        // the last 8 bytes are DM's zero trailer, outside the root group: cutting them loses nothing.
        for (int length = 0; length < bytes.Length - 8; length += length < 64 ? 1 : 7)
        {
            File.WriteAllBytes(path, bytes[..length]);
            string strict = Fails(path);
            if (length >= 16) Assert.Contains("truncated", strict);
            Fails(path, Permissive);
        }
        File.WriteAllBytes(path, bytes[..^8]);
        Assert.Equal(4, DmFile.Read(path).Data.Length);
    }

    [Fact]
    public void RandomCorruptionNeverEscapesAsAnotherException()
    {
        var (w, root) = Valid(4);
        var bytes = w.Serialize(root);
        var rng = new Random(20261121);
        string path = Write("fuzz.dm4", bytes);
        for (int trial = 0; trial < 200; trial++)
        {
            var copy = (byte[])bytes.Clone();
            int flips = 1 + rng.Next(4);
            for (int k = 0; k < flips; k++) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            File.WriteAllBytes(path, copy);
            foreach (var options in new[] { ReadOptions.Strict, Permissive })
            {
                try
                {
                    using var source = DmFile.Open(path, options);
                    source.ReadAll();
                }
                catch (TemKitFormatException e)
                {
                    Assert.StartsWith("fuzz.dm4: ", e.Message);
                }
            }
        }
    }

    [Fact]
    public void BadVersionIsRefused()
    {
        var (w, root) = Valid();
        string path = Write("v5.dm3", w.Serialize(root, versionOverride: 5));
        Assert.Equal("v5.dm3: header.version: unsupported DM version 5 (expected 3 or 4)", Fails(path));
    }

    [Fact]
    public void TinyFileIsRefused() =>
        Assert.Equal("tiny.dm3: header: file is 5 bytes, shorter than the 12-byte DM3 header", Fails(Write("tiny.dm3", [0, 0, 0, 3, 0])));

    [Fact]
    public void MissingFileIsRefused() =>
        Assert.Equal("nothere.dm4: file not found", Fails(Path.Combine(Path.GetTempPath(), "nothere.dm4")));

    [Fact]
    public void ByteOrderFlagIsCheckedStrictAndWarnedPermissive()
    {
        var (w, root) = Valid();
        string path = Write("order.dm3", w.Serialize(root, byteOrderOverride: 7));
        Assert.Equal("order.dm3: header.byte_order: byte-order flag is 7, expected 0 (big-endian) or 1 (little-endian)", Fails(path));
        var seen = new List<string>();
        var stack = DmFile.Read(path, new ReadOptions(true, seen.Add));
        Assert.Equal([1f, 2f, 3f, 4f], stack.Data.ToArray());
        Assert.Single(stack.Metadata.Warnings);
        Assert.Equal(["order.dm3: " + stack.Metadata.Warnings[0]], seen);
    }

    [Fact]
    public void RootLengthBeyondTheFileIsTruncation()
    {
        var (w, root) = Valid(4);
        string path = Write("rootlen.dm4", w.Serialize(root, rootLengthOverride: 4_000_000_000_000_000));
        Assert.Contains("header.root_length: root tag group claims 4000000000000000 bytes", Fails(path));
        Assert.Contains("truncated", Fails(path));
        Assert.Single(DmFile.Read(path, Permissive).Metadata.Warnings);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void HugeClaimedArrayFailsBeforeAllocating(int version)
    {
        var (w, root) = Valid(version, data: new DmTestWriter.Data("Data", [20, 2, 2_000_000_000_000_000 / (version == 3 ? 1_000_000_000 : 1)], new byte[8]));
        string path = Write($"huge.dm{version}", w.Serialize(root));
        string message = Fails(path);
        Assert.Contains("ImageList[1].ImageData.Data", message);
        Assert.Contains(version == 4 ? "needs 4000000000000000 bytes" : "needs 4000000 bytes", message);
    }

    [Fact]
    public void ArraySizeOverflowIsRefused()
    {
        var (w, root) = Valid(4, data: new DmTestWriter.Data("Data", [20, 11, 1L << 62], new byte[8]));
        Assert.Contains("ImageList[1].ImageData.Data: array of 4611686018427387904 elements of 8 bytes overflows 64 bits", Fails(Write("overflow.dm4", w.Serialize(root))));
    }

    [Fact]
    public void HugeTagCountIsRefused()
    {
        var (w, root) = Valid(4);
        var bytes = w.Serialize(root);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(16 + 2), 1L << 40);
        Assert.StartsWith($"count.dm4: root: claims {1L << 40} tags, but only", Fails(Write("count.dm4", bytes)));
    }

    [Fact]
    public void HugeTagLengthIsRefused()
    {
        var (w, root) = Valid(4);
        var bytes = w.Serialize(root);
        // First tag after the root group header: kind (1), name length (2), "ImageList" (9), then the int64 tag length.
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(16 + 10 + 12), long.MaxValue);
        Assert.StartsWith($"taglen.dm4: ImageList: tag length {long.MaxValue} exceeds the", Fails(Write("taglen.dm4", bytes)));
    }

    [Fact]
    public void DimensionsLargerThanTheDataAreRefused()
    {
        var (w, root) = Valid(dims: [40000, 40000]);
        Assert.Equal("dims.dm3: ImageList[1].ImageData.Data: holds 8 bytes, but 40000 x 40000 int16 pixels need 3200000000",
            Fails(Write("dims.dm3", w.Serialize(root))));
    }

    [Fact]
    public void ZeroDimensionIsRefused()
    {
        var (w, root) = Valid(dims: [2, 0]);
        Assert.Equal("zero.dm3: ImageList[1].ImageData.Dimensions[1]: dimension 0 must be positive", Fails(Write("zero.dm3", w.Serialize(root))));
    }

    [Fact]
    public void ExtraDataIsStrictErrorAndPermissiveWarning()
    {
        var (w, root) = Valid(dims: [2, 1]);
        string path = Write("extra.dm3", w.Serialize(root));
        Assert.Equal("extra.dm3: ImageList[1].ImageData.Data: holds 8 bytes, 2 x 1 int16 pixels need only 4", Fails(path));
        var stack = DmFile.Read(path, Permissive);
        Assert.Equal([1f, 2f], stack.Data.ToArray());
        Assert.Contains("reading the first bytes", stack.Metadata.Warnings[0]);
    }

    [Fact]
    public void PixelDepthMismatchIsStrictErrorAndPermissiveWarning()
    {
        var (w, root) = Valid(pixelDepth: 4);
        string path = Write("depth.dm3", w.Serialize(root));
        Assert.Equal("depth.dm3: ImageList[1].ImageData.PixelDepth: is 4 bytes, but DataType 1 (int16) has 2", Fails(path));
        Assert.Equal([1f, 2f, 3f, 4f], DmFile.Read(path, Permissive).Data.ToArray());
    }

    [Theory]
    [InlineData(8, "RGB images (DataType 8) are not supported; TemKit reads greyscale data only")]
    [InlineData(23, "RGBA images (DataType 23) are not supported; TemKit reads greyscale data only")]
    [InlineData(99, "unknown DM data type 99")]
    public void UnsupportedDataTypesAreRefusedByName(int dataType, string problem)
    {
        var (w, root) = Valid(dataType: dataType, dims: [2, 1]);
        Assert.Equal($"type{dataType}.dm3: ImageList[1].ImageData.DataType: {problem}", Fails(Write($"type{dataType}.dm3", w.Serialize(root))));
    }

    [Fact]
    public void RgbIsRefusedThroughImageFileToo()
    {
        var (w, root) = Valid(4, dataType: 23, dims: [2, 1]);
        string path = Write("rgb.dm4", w.Serialize(root));
        var e = Assert.Throws<TemKitFormatException>(() => ImageFile.Open(path));
        Assert.StartsWith("rgb.dm4: ", e.Message);
        Assert.Contains("RGBA", e.Message);
    }

    [Fact]
    public void FileWithoutImagesIsRefused()
    {
        var w = new DmTestWriter();
        string path = Write("empty.dm3", w.Serialize(new DmTestWriter.Group("", w.Int32("Something", 1))));
        Assert.Equal("empty.dm3: ImageList: missing: the file holds no images", Fails(path));
        Assert.Single(DmFile.ReadTags(path).Tags);
    }

    [Fact]
    public void OnlyThumbnailsIsRefused()
    {
        var w = new DmTestWriter();
        var thumbnail = w.Image(23, 4, [1, 1], DmTestWriter.Array("Data", 3, 1, new byte[4]));
        Assert.Equal("thumbs.dm3: ImageList: holds 1 entries but no image besides thumbnails",
            Fails(Write("thumbs.dm3", w.Serialize(w.File([thumbnail], [0])))));
    }

    [Fact]
    public void DeepNestingIsBounded()
    {
        var w = new DmTestWriter();
        DmTestWriter.Group g = new("leaf", w.Int32("x", 1));
        for (int i = 0; i < 100; i++) g = new DmTestWriter.Group("g", g);
        string path = Write("deep.dm3", w.Serialize(new DmTestWriter.Group("", g)));
        var e = Assert.Throws<TemKitFormatException>(() => DmFile.ReadTags(path));
        Assert.Contains("tag groups nested deeper than 64 levels", e.Message);
        Assert.StartsWith("deep.dm3: g.g.g.", e.Message);
    }

    [Fact]
    public void DeepTypeNestingIsBounded()
    {
        var info = Enumerable.Repeat(20L, 40).Append(2).Concat(Enumerable.Repeat(1L, 40)).ToArray();
        var w = new DmTestWriter();
        string path = Write("deeptype.dm3", w.Serialize(new DmTestWriter.Group("", new DmTestWriter.Data("nested", info, new byte[2]))));
        Assert.Equal("deeptype.dm3: nested: type definition nested deeper than 16 levels", Assert.Throws<TemKitFormatException>(() => DmFile.ReadTags(path)).Message);
    }

    [Fact]
    public void BadDataMarkerIsRefused()
    {
        var (w, root) = Valid();
        var bytes = w.Serialize(root);
        int at = bytes.AsSpan().IndexOf("%%%%"u8);
        bytes[at] = (byte)'#';
        Assert.Contains("expected the '%%%%' data marker, found 23252525", Fails(Write("marker.dm3", bytes)));
    }

    [Fact]
    public void UnknownTypeCodeIsRefused()
    {
        var w = new DmTestWriter(4);
        string path = Write("code.dm4", w.Serialize(new DmTestWriter.Group("", new DmTestWriter.Data("odd", [99], new byte[4]))));
        Assert.Equal("code.dm4: odd: unknown data type code 99 in the info array", Assert.Throws<TemKitFormatException>(() => DmFile.ReadTags(path)).Message);
    }

    [Fact]
    public void UnknownTagKindIsRefusedInDm3AndSkippedPermissiveInDm4()
    {
        foreach (int version in new[] { 3, 4 })
        {
            var w = new DmTestWriter(version);
            var bytes = w.Serialize(new DmTestWriter.Group("", w.Int32("a", 1), w.Int32("b", 2)));
            bytes[version == 4 ? 16 + 10 : 12 + 6] = 33;
            string path = Write($"kind.dm{version}", bytes);
            var e = Assert.Throws<TemKitFormatException>(() => DmFile.ReadTags(path));
            Assert.Contains("a: unknown tag kind 33", e.Message);
            if (version == 4)
            {
                var tags = DmFile.ReadTags(path, Permissive);
                Assert.Equal(2, ((DmTagData)tags.Tags.Single()).AsInt64());
            }
        }
    }

    [Fact]
    public void NameLongerThanTheFileIsRefused()
    {
        var w = new DmTestWriter();
        var bytes = w.Serialize(new DmTestWriter.Group("", w.Int32("a", 1)));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12 + 7), ushort.MaxValue);
        Assert.Contains("root[0] (name): needs 65535 bytes at offset", Assert.Throws<TemKitFormatException>(() => DmFile.ReadTags(Write("name.dm3", bytes))).Message);
    }

    [Fact]
    public void ImageIndexOutOfRangeIsRefused()
    {
        var (w, root) = Valid();
        string path = Write("index.dm3", w.Serialize(root));
        var e = Assert.Throws<TemKitFormatException>(() => DmFile.Open(path, imageIndex: 5));
        Assert.Equal("index.dm3: ImageList[5]: no such image (ImageList has 2 entries)", e.Message);
        Assert.Equal(StackKind.Image, DmFile.Open(path, imageIndex: 1).Kind);
    }
}
