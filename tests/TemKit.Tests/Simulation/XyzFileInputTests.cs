using TemKit.IO;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

/// <summary>A wrong file given as an XYZ structure or a ranges YAML (an image, a long line) gives one short readable line.</summary>
public sealed class XyzFileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tk-xyz").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ABinaryFileIsRefusedAsNotText()
    {
        string path = Path.Combine(_dir, "image.mrc");
        var bytes = new byte[4096];
        bytes[0] = 64;
        bytes[208] = (byte)'M';
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<TemKitFormatException>(() => XyzFile.Read(path));
        Assert.Equal("image.mrc: not a text XYZ file (byte 1 is a NUL byte; is it an image?)", e.Message);
    }

    [Fact]
    public void ALongBadTokenIsCutInTheMessage()
    {
        string path = Path.Combine(_dir, "long.xyz");
        File.WriteAllText(path, new string('x', 500) + "\ncomment\n");
        var e = Assert.Throws<TemKitFormatException>(() => XyzFile.Read(path));
        Assert.Equal($"long.xyz: line 1: atom count '{new string('x', 40)}…' is not a non-negative integer", e.Message);
    }

    [Fact]
    public void ABinaryFileGivenAsRangesIsRefusedAsNotText()
    {
        string path = Path.Combine(_dir, "image.mrc");
        File.WriteAllBytes(path, [1, 2, 0, 4]);
        var e = Assert.Throws<TemKitFormatException>(() => DatasetRangesYaml.Read(path));
        Assert.Equal("image.mrc: not a text YAML file (byte 2 is a NUL byte; is it an image?)", e.Message);
    }
}
