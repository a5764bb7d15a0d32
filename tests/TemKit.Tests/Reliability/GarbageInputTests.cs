using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Pipelines.Defocus;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Reliability;

/// <summary>Issue 18.4: a micrograph without signal (all NaN, all zero, constant, partly non-finite) is never reported ok.</summary>
public sealed class GarbageInputTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("nan", "not finite")]
    [InlineData("zero", "constant image")]
    [InlineData("constant", "constant image")]
    [InlineData("one-inf", "not finite")]
    public void AMicrographWithoutSignalGetsAFailedRowWithAReason(string kind, string reason)
    {
        var image = new Image2D(256, 256, VoxelSize.Isotropic(1));
        var rng = new Random(5);
        for (int i = 0; i < image.Pixels.Length; i++)
            image.Pixels[i] = kind switch { "nan" => float.NaN, "zero" => 0f, "constant" => 7.5f, _ => (float)rng.NextDouble() };
        if (kind == "one-inf") image.Pixels[1234] = float.PositiveInfinity;
        string file = _dir[kind + ".mrc"];
        MrcFile.Write(file, image);
        var part = new DefocusAnalyzer(new DefocusRunOptions { TileSizePx = 128 }, null).Analyse(file);
        Assert.False(part.Result.IsOk);
        Assert.Contains(reason, part.Result.Error);
    }
}
