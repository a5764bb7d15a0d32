using System.Buffers.Binary;
using System.Text;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

public class MrcPackedAndExtendedHeaderTests : IDisposable
{
    private readonly MrcTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(7, 3, 2)]
    [InlineData(8, 2, 1)]
    [InlineData(1, 5, 1)]
    public void Mode101PacksTwoPixelsPerByteWithRowsPaddedToWholeBytes(int nx, int ny, int nz)
    {
        var rng = new Random(nx * 100 + ny);
        var values = new int[nx * ny * nz];
        for (int i = 0; i < values.Length; i++) values[i] = rng.Next(16);
        int rowBytes = (nx + 1) / 2;
        var data = new byte[rowBytes * ny * nz];
        for (int row = 0; row < ny * nz; row++)
            for (int x = 0; x < nx; x++)
            {
                int v = values[row * nx + x];
                data[row * rowBytes + x / 2] |= (byte)(x % 2 == 0 ? v : v << 4);
            }
        if (nx % 2 == 1)
            for (int row = 0; row < ny * nz; row++) data[row * rowBytes + rowBytes - 1] |= 0xA0; // padding nibble must be ignored
        string path = _files.Create("packed.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(nx, ny, nz, 101), data));
        var stack = MrcFile.Read(path);
        Assert.Equal(values.Select(v => (float)v).ToArray(), stack.Array);
        Assert.Equal("uint4", stack.Metadata.DataType);
    }

    [Fact]
    public void Mode101FileOneByteShortIsRefused()
    {
        string path = _files.Create("short4.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(7, 3, 1, 101), new byte[11]));
        var e = Assert.Throws<TemKitFormatException>(() => MrcFile.Open(path));
        Assert.Contains("need 12 bytes after the headers, the file has 11", e.Message);
    }

    /// <summary>An FEI1 record written at the offsets of Thermo Fisher's table (packed, little-endian).</summary>
    private static byte[] FeiRecord(int size, double defocusMetres, double dosePerM2, double alphaDegrees, double pixelMetres, double oleDays, double htVolts)
    {
        var r = new byte[size];
        var s = r.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, size);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 1);
        uint mask1 = 1u << 0 | 1u << 1 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 14 | 1u << 22 | 1u << 31;
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], mask1);
        BinaryPrimitives.WriteDoubleLittleEndian(s[12..], oleDays);
        Encoding.ASCII.GetBytes("Krios").CopyTo(r, 20);
        BinaryPrimitives.WriteDoubleLittleEndian(s[84..], htVolts);
        BinaryPrimitives.WriteDoubleLittleEndian(s[92..], dosePerM2);
        BinaryPrimitives.WriteDoubleLittleEndian(s[100..], alphaDegrees);
        BinaryPrimitives.WriteDoubleLittleEndian(s[108..], 77.0); // beta tilt, not flagged: must not appear
        BinaryPrimitives.WriteDoubleLittleEndian(s[156..], pixelMetres);
        BinaryPrimitives.WriteDoubleLittleEndian(s[220..], defocusMetres);
        BinaryPrimitives.WriteDoubleLittleEndian(s[289..], 105000);
        BinaryPrimitives.WriteUInt32LittleEndian(s[297..], 1u << 16);
        BinaryPrimitives.WriteDoubleLittleEndian(s[419..], 2.5); // integration time, s
        return r;
    }

    [Fact]
    public void Fei1ExtendedHeaderGivesPerFrameDefocusDoseTiltPixelSizeAndTime()
    {
        const int record = 768, nx = 4, ny = 4, nz = 2;
        // 2024-01-02 12:00 UTC as an OLE date: 45293.5 days after 1899-12-30.
        var ext = MrcTestFiles.Concat(
            FeiRecord(record, -1.5e-6, 2.0e20, -30.0, 1.1e-10, 45293.5, 300000),
            FeiRecord(record, -2.5e-6, 3.0e20, 30.0, 1.1e-10, 45293.75, 300000));
        var data = new byte[4 * nx * ny * nz];
        string path = _files.Create("fei.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(nx, ny, nz, 2, nsymbt: ext.Length, exttyp: "FEI1"), ext, data));

        using var reader = MrcFile.Open(path);
        var m = reader.Metadata;
        Assert.Equal(15000, m.DefocusAngstrom!.Value, 1e-6);
        Assert.Equal(2.0, m.DoseElectronsPerAngstrom2!.Value, 1e-12);
        Assert.Equal(-30.0, m.TiltAngleDegrees);
        Assert.Equal(300.0, m.VoltageKilovolts);
        Assert.Equal(105000, m.Magnification);
        Assert.Equal(2.5, m.ExposureSeconds);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 12, 0, 0, TimeSpan.Zero), m.Acquired);
        Assert.Equal("Krios", m.Fields["FEI.Microscope type"]);
        Assert.Equal(2, m.FrameFields.Count);
        Assert.Equal(25000, m.FrameFields[1]["DefocusAngstrom"], 1e-6);
        Assert.Equal(3.0, m.FrameFields[1]["DoseElectronsPerAngstrom2"], 1e-12);
        Assert.Equal(30.0, m.FrameFields[1]["TiltAngleDegrees"]);
        Assert.Equal(1.1, m.FrameFields[0]["PixelSizeXAngstrom"], 1e-9);
        Assert.False(m.FrameFields[0].ContainsKey("FEI.Beta tilt"));
        Assert.Equal(1024 + 2 * record, reader.Header.DataOffset);
    }

    [Fact]
    public void FeiRecordSizeLargerThanTheExtendedHeaderIsAnOddity()
    {
        var ext = FeiRecord(768, 0, 0, 0, 0, 0, 0);
        BinaryPrimitives.WriteInt32LittleEndian(ext, 5000);
        string path = _files.Create("fei_bad.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(2, 2, 1, 2, nsymbt: ext.Length, exttyp: "FEI2"), ext, new byte[16]));
        var e = Assert.Throws<TemKitFormatException>(() => MrcFile.Open(path));
        Assert.Contains("fei_bad.mrc: extended header: FEI metadata size 5000", e.Message);
        using var reader = MrcFile.Open(path, new ReadOptions(Permissive: true));
        Assert.Empty(reader.Metadata.FrameFields);
        Assert.Single(reader.Metadata.Warnings);
    }

    [Fact]
    public void FeiLayoutOffsetsMatchThermoFisherTable()
    {
        int Offset(string name) => FeiExtendedHeaderLayout.Offsets[Array.FindIndex(FeiExtendedHeaderLayout.Fields, f => f.Name == name)];
        Assert.Equal(12, Offset("Timestamp"));
        Assert.Equal(84, Offset("HT"));
        Assert.Equal(220, Offset("Defocus"));
        Assert.Equal(289, Offset("Magnification"));
        Assert.Equal(297, Offset("Bitmask 2"));
        Assert.Equal(419, Offset("Integration time"));
    }
}
