using TemKit.IO;

namespace TemKit.Tests.IO.Mrc;

/// <summary>A folder where an image file is expected (convert, fft, species, tomo) is called a folder, not "not found".</summary>
public sealed class ImageFileFolderTests : IDisposable
{
    private readonly MrcTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void AFolderGivenAsAnImageIsNamedAsAFolder()
    {
        string folder = _files.PathFor("series");
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<TemKitFormatException>(() => ImageFile.Open(folder));
        Assert.Equal("series: is a folder, not an image file; give the files in it", e.Message);
    }
}
