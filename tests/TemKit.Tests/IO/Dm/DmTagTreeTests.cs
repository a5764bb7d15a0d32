using System.Buffers.Binary;
using TemKit.IO.Dm;

namespace TemKit.Tests.IO.Dm;

/// <summary>The tag tree and typed metadata of the real fixtures, against values visible in the files.</summary>
public class DmTagTreeTests
{
    private static string Fixture(string name) => Path.Combine(DmManifestTests.FixtureDir, name);

    [SkippableFact]
    public void TagTreeExposesGroupsUnnamedEntriesStringsStructsAndArrays()
    {
        var root = DmFile.ReadTags(Fixture("2D_test_STEM_image.dm3"));
        var list = root.Group("ImageList")!;
        Assert.Equal(2, list.Tags.Count);
        Assert.All(list.Tags, t => Assert.Equal("", t.Name));

        var image = (DmTagGroup)list.Tags[1];
        Assert.Equal("ImageList[1]", image.Path);
        var voltage = (DmTagData)image.Find("ImageTags", "Microscope Info", "Voltage")!;
        Assert.Equal(DmTypeCode.Float64, voltage.Type.Code);
        Assert.Equal(200000.0, voltage.AsDouble());
        Assert.Equal("ImageList[1].ImageTags.Microscope Info.Voltage", voltage.Path);

        var x = (DmTagGroup)((DmTagGroup)image.Find("ImageData", "Calibrations", "Dimension")!).Tags[0];
        Assert.Equal("nm", x.Data("Units")!.Text);
        Assert.Equal(0.24853801727294922, x.Data("Scale")!.AsDouble()!.Value, 12);
        Assert.Equal(-207.0, x.Data("Origin")!.AsDouble());

        var dims = image.Find("ImageData", "Dimensions") as DmTagGroup;
        Assert.Equal([68L, 68L], dims!.Tags.Select(t => ((DmTagData)t).AsInt64()!.Value));

        // A struct (three int16 fields) and an array of structs, from the display settings.
        var color = root.Group("DocumentObjectList")!.Tags[0] as DmTagGroup;
        var background = color!.Data("BackgroundColor")!;
        Assert.Equal(DmTypeCode.Struct, background.Type.Code);
        Assert.Equal(3, background.Type.Fields.Count);
        Assert.Equal([(short)-1, (short)-1, (short)-1], (object[])background.Value!);
        var clut = color.Find("ImageDisplayInfo", "CLUT") as DmTagData;
        Assert.Equal(256, clut!.Type.Count);
        Assert.Equal(256, ((object[])clut.Value!).Length);
    }

    [SkippableFact]
    public void ImageDataStaysInTheFileAtItsOffset()
    {
        string path = Fixture("2D_test_STEM_image.dm3");
        var image = (DmTagGroup)DmFile.ReadTags(path).Group("ImageList")!.Tags[1];
        var data = (DmTagData)image.Find("ImageData", "Data")!;
        Assert.False(data.IsLoaded);
        Assert.Equal(68 * 68 * 4, data.ByteLength);
        Assert.Equal(DmTypeCode.UInt32, data.Type.Element!.Code);
        // First pixel read straight from the file (little-endian uint32) is the manifest's "first" value.
        var bytes = File.ReadAllBytes(path);
        Assert.True(data.Offset + data.ByteLength <= bytes.Length);
        Assert.Equal(33121u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)data.Offset)));
    }

    [SkippableFact]
    public void MicroscopeTagsBecomeTypedMetadata()
    {
        var stem = DmFile.Read(Fixture("2D_test_STEM_image.dm3")).Metadata;
        Assert.Equal(200, stem.VoltageKilovolts);
        Assert.Equal(225000, stem.Magnification);
        // FILETIME says 15:26:37 UTC; the DataBar's local time "4:26:37 PM" gives the +01:00 offset.
        Assert.Equal(new DateTimeOffset(2016, 8, 8, 16, 26, 37, TimeSpan.FromHours(1)), stem.Acquired!.Value.AddTicks(-(stem.Acquired.Value.Ticks % TimeSpan.TicksPerSecond)));
        Assert.Equal("200000", stem.Fields["ImageList[1].ImageTags.Microscope Info.Voltage"]);
        Assert.Equal("nm", stem.Fields["ImageList[1].ImageData.Calibrations.Dimension[0].Units"]);
        Assert.StartsWith("<array of 4624 uint32", stem.Fields["ImageList[1].ImageData.Data"]);

        var diffraction = DmFile.Read(Fixture("2D_test_diffraction_pattern.dm3")).Metadata;
        Assert.Equal(0.2, diffraction.ExposureSeconds);
        Assert.Null(diffraction.Magnification); // TEM diffraction: the indicated value is a camera length
        Assert.Equal(new DateTime(2014, 7, 9, 18, 56, 37), diffraction.Acquired!.Value.DateTime);
        Assert.Equal("1/nm", diffraction.Fields["axis.x.units"]);
        Assert.Contains("unknown", diffraction.Fields["dm.acquired_time_zone"]);
    }

    [SkippableFact]
    public void StackBuilderFileTakesMicroscopeTagsFromTagsAtCreation()
    {
        using var source = DmFile.Open(Fixture("test_stackbuilder_imagestack.dm3"));
        Assert.Equal(200, source.Metadata.VoltageKilovolts);
        Assert.Equal(200000, source.Metadata.Magnification);
        Assert.Equal(TemKit.Imaging.StackKind.ImageStack, source.Kind);
        Assert.Equal(0.05998290330171585 * 1e4, source.VoxelSize.XAngstrom, 6);
        Assert.Equal(0, source.VoxelSize.ZAngstrom);
        Assert.Equal("", source.Metadata.Fields["axis.z.units"]);
        Assert.Equal("e-", source.Metadata.Fields["intensity.units"]);
    }

    [SkippableFact]
    public void ThumbnailIsSkippedButCanBeAskedFor()
    {
        using var main = DmFile.Open(Fixture("2D_test-1.dm4"));
        Assert.Equal("1", main.Metadata.Fields["dm.image_index"]);
        Assert.Equal("1", main.Metadata.Fields["dm.image_count"]);
        var e = Assert.Throws<TemKit.IO.TemKitFormatException>(() => DmFile.Open(Fixture("2D_test-1.dm4"), imageIndex: 0));
        Assert.Equal("2D_test-1.dm4: ImageList[0].ImageData.DataType: RGBA images (DataType 23) are not supported; TemKit reads greyscale data only", e.Message);
    }
}
