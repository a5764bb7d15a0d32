using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

/// <summary>An MRC file holds one signal: asking for another must be refused, as for every multi-signal format.</summary>
public sealed class MrcSignalTests : IDisposable
{
    private readonly MrcTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SignalZeroOfAnMrcFileIsItsImage()
    {
        string path = _files.PathFor("one.mrc");
        var image = new Image2D(8, 4, VoxelSize.Isotropic(1.5));
        image[3, 2] = 7f;
        MrcFile.Write(path, image);
        using var source = ImageFile.Open(path, new ReadOptions(Signal: 0));
        Assert.Equal(7f, source.ReadAll().FrameImage(0)[3, 2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void AnyOtherSignalOfAnMrcFileIsRefusedNamingTheFile(int signal)
    {
        string path = _files.PathFor("one.mrc");
        MrcFile.Write(path, new Image2D(8, 4, VoxelSize.Isotropic(1.5)));
        var e = Assert.Throws<TemKitFormatException>(() => ImageFile.Open(path, new ReadOptions(Signal: signal)));
        Assert.Equal($"one.mrc: signal {signal} does not exist; the file holds 1 signal(s) (0: image 8x4x1 float32)", e.Message);
    }
}
