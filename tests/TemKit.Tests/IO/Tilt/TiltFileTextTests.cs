using TemKit.IO;
using TemKit.IO.Tilt;
using TemKit.Tests.Cli;

namespace TemKit.Tests.IO.Tilt;

/// <summary>An image given where a text list is expected (--tilts, --input-list) gives one readable line.</summary>
[Collection("cli")]
public sealed class TiltFileTextTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ABinaryTiltFileIsRefusedAsNotText()
    {
        File.WriteAllBytes(_dir["stack.mrc"], [128, 0, 0, 0, 64, 0]);
        var e = Assert.Throws<TemKitFormatException>(() => TiltAngleFiles.ReadTlt(_dir["stack.mrc"]));
        Assert.Equal("stack.mrc: not a text tilt-angle file (byte 1 is a NUL byte; is it an image?)", e.Message);
    }

    [Fact]
    public void ABinaryInputListIsAUsageErrorNamingIt()
    {
        File.WriteAllBytes(_dir["stack.mrc"], [128, 0, 0, 0, 64, 0]);
        var (code, _, stderr) = CliRunner.Run("defocus", "--input-list", _dir["stack.mrc"], "-o", _dir["run"]);
        Assert.Equal(2, code);
        Assert.Equal($"temkit: --input-list {_dir["stack.mrc"]}: not a text list file (byte 1 is a NUL byte; is it an image?)", stderr.Trim());
        (code, _, stderr) = CliRunner.Run("particles", "--input-list", _dir["stack.mrc"], "--masks", _dir["stack.mrc"], "-o", _dir["prun"]);
        Assert.Equal(2, code);
        Assert.Contains($"--input-list {_dir["stack.mrc"]}: not a text list file", stderr);
    }
}
