using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Cli;

/// <summary>`convert` options that only mean something for one output type are refused for the others, instead of
/// being ignored (`--frame 2` to an MRC wrote every frame).</summary>
[Collection("cli")]
public sealed class ConvertOptionScopeTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("out.mrc", "--frame", "2", "--frame 2: applies to a PNG preview only; out.mrc would get every frame")]
    [InlineData("out.tif", "--scale", "1,99", "--scale 1,99: applies to a PNG preview only")]
    [InlineData("out.mrc", "--log", null, "--log: applies to a PNG preview only")]
    [InlineData("out.png", "--mode", "12", "--mode 12: a PNG preview is always 8-bit; --mode is for .mrc and .tif")]
    [InlineData("out.png", "--round", null, "--round: applies to --mode 6 only")]
    public void AnOptionOfAnotherOutputTypeIsAUsageError(string output, string option, string? value, string expected)
    {
        MrcFile.Write(_dir["stack.mrc"], new ImageStack(8, 8, 3, voxelSize: VoxelSize.Isotropic(1.0)));
        string[] args = value is null ? ["convert", _dir["stack.mrc"], _dir[output], option] : ["convert", _dir["stack.mrc"], _dir[output], option, value];
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal($"temkit: {expected}", stderr.Trim());
        Assert.False(File.Exists(_dir[output]));
    }
}
