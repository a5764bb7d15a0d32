using System.Buffers.Binary;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tests.IO.Dm;
using TemKit.Tests.IO.Mrc;

namespace TemKit.Tests.IO.Tilt;

/// <summary>Tilt angles from companion files and headers, on small stacks written here.</summary>
public sealed class TiltAngleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-tilt-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Stack(string name, int frames)
    {
        string path = Path.Combine(_dir, name);
        MrcFile.Write(path, new ImageStack(4, 3, frames, StackKind.ImageStack, VoxelSize.Isotropic(2)));
        return path;
    }

    [Fact]
    public void RawtltBesideTheStackGivesOneAnglePerFrame()
    {
        string path = Stack("ts.mrc", 3);
        File.WriteAllText(Path.Combine(_dir, "ts.rawtlt"), "-60.0\n  0.5\n\n60\n");
        using var source = ImageFile.Open(path);
        Assert.Equal([-60.0, 0.5, 60.0], source.Metadata.TiltAnglesDegrees);
        Assert.Equal("IMOD tilt file ts.rawtlt", source.Metadata.TiltAnglesSource);
    }

    [Fact]
    public void MdocGivesTheTiltAngleOfEachZValue()
    {
        string path = Stack("ts.st", 2);
        File.WriteAllText(Path.Combine(_dir, "ts.st.mdoc"),
            "PixelSpacing = 2\nImageFile = ts.st\n\n[ZValue = 1]\nTiltAngle = 3.01\nMagnification = 1000\n\n[ZValue = 0]\nTiltAngle = -2.99\n");
        using var source = ImageFile.Open(path);
        Assert.Equal([-2.99, 3.01], source.Metadata.TiltAnglesDegrees);
        Assert.Equal("SerialEM .mdoc ts.st.mdoc", source.Metadata.TiltAnglesSource);
    }

    [Fact]
    public void CompanionWithTheWrongCountIsNotUsedAndSaysWhy()
    {
        string path = Stack("short.mrc", 3);
        File.WriteAllText(Path.Combine(_dir, "short.tlt"), "1\n2\n");
        using var source = ImageFile.Open(path);
        Assert.Empty(source.Metadata.TiltAnglesDegrees);
        Assert.Equal("short.tlt holds 2 angle(s) for 3 frame(s); not used", source.Metadata.Fields["tilt.companion"]);
    }

    [Fact]
    public void BadLineInATiltFileIsRefusedNamingTheLine()
    {
        string path = Stack("bad.mrc", 2);
        File.WriteAllText(Path.Combine(_dir, "bad.rawtlt"), "1\nabc\n");
        var e = Assert.Throws<TemKitFormatException>(() => ImageFile.Open(path));
        Assert.Equal("bad.rawtlt: line 2: 'abc' is not a tilt angle in degrees", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SerialEmExtendedHeaderHoldsTiltTimes100(bool bigEndian)
    {
        const int nint = 4, nz = 3;
        var header = MrcTestFiles.Header(2, 2, nz, 0, bigEndian, nsymbt: nint * nz, exttyp: "SERI");
        void I16(int offset, short v) { if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(offset), v); else BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(offset), v); }
        I16(128, nint);
        I16(130, 1 | 8); // tilt angle and magnification present
        var ext = new byte[nint * nz];
        short[] hundredths = [-4550, 0, 1275];
        for (int z = 0; z < nz; z++)
            if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(ext.AsSpan(z * nint), hundredths[z]);
            else BinaryPrimitives.WriteInt16LittleEndian(ext.AsSpan(z * nint), hundredths[z]);
        string path = Path.Combine(_dir, $"seri{bigEndian}.mrc");
        File.WriteAllBytes(path, MrcTestFiles.Concat(header, ext, new byte[2 * 2 * nz]));
        using var source = ImageFile.Open(path);
        Assert.Equal([-45.5, 0.0, 12.75], source.Metadata.TiltAnglesDegrees);
        Assert.StartsWith("SerialEM extended header", source.Metadata.TiltAnglesSource);
    }

    [Fact]
    public void DmZAxisInDegreesGivesTheAngles()
    {
        var w = new DmTestWriter(4);
        var payload = new byte[2 * 2 * 3 * 4];
        var image = w.Image(7, 4, [2, 2, 3], new DmTestWriter.Data("Data", [20, 3, 12], payload), [(1, 0, "nm"), (1, 0, "nm"), (2.5, 1, "°")]);
        using var files = new DmTempFiles();
        string path = files.Write("tilt.dm4", w.Serialize(w.File([image])));
        using var source = ImageFile.Open(path);
        Assert.Equal([-2.5, 0.0, 2.5], source.Metadata.TiltAnglesDegrees);
    }
}
