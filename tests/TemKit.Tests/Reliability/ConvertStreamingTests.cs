using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tests.Cli;
using Xunit.Abstractions;

namespace TemKit.Tests.Reliability;

/// <summary>Issue 18.5 and 18.2 for `temkit convert`: stacks streamed frame by frame, volume stacks written, outputs checked.</summary>
[Collection("cli")]
public sealed class ConvertStreamingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Stack(int frames, int size, StackKind kind = StackKind.Image, int? sections = null)
    {
        var data = new float[frames * size * size];
        var rng = new Random(4);
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 100);
        string path = _dir[$"stack{frames}.mrc"];
        MrcFile.Write(path, new ImageStack(size, size, frames, data, kind, VoxelSize.Isotropic(1.5)), new MrcWriteOptions { SectionsPerVolume = sections });
        return path;
    }

    [Fact]
    public void AStackIsConvertedWithMemoryBoundedByAFewFramesAndTheSameValues()
    {
        const int frames = 128, size = 256; // 32 MiB of float32
        string input = Stack(frames, size), converted = _dir["out.mrc"];
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (var source = ImageFile.Open(input)) MrcFile.Write(converted, source, new MrcWriteOptions { Mode = MrcMode.Float16 });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long frameBytes = size * size * sizeof(float);
        output.WriteLine($"allocated {allocated:N0} bytes converting a {frames * frameBytes:N0}-byte stack");
        Assert.True(allocated < 4 * frameBytes + (1 << 20), $"allocated {allocated:N0} bytes converting a {frames * frameBytes:N0}-byte stack");
        var a = MrcFile.Read(input);
        var b = MrcFile.Read(converted);
        Assert.Equal(frames, b.Nz);
        for (int i = 0; i < a.Array.Length; i += 997) Assert.Equal(a.Array[i], b.Array[i], 0.05f); // float16 keeps ~3 digits of 0..100
    }

    [Fact]
    public void AVolumeStackIsConvertedAndStaysAVolumeStack()
    {
        string input = Stack(8, 16, StackKind.VolumeStack, sections: 4), output = _dir["vs.mrc"];
        var (code, _, stderr) = CliRunner.Run("convert", input, output);
        Assert.True(code == 0, stderr);
        var header = MrcFile.ReadHeader(output);
        Assert.Equal(401, header.Ispg);
        Assert.Equal(4, header.SectionsPerVolume);
        Assert.Equal(MrcFile.Read(input).Array, MrcFile.Read(output).Array);
    }

    [Fact]
    public void AnExistingFileOfAnotherTypeIsOnlyReplacedWithForce()
    {
        string input = Stack(2, 16), output = _dir["notes.png"];
        File.WriteAllText(output, "my notes");
        var (code, _, stderr) = CliRunner.Run("convert", input, output);
        Assert.Equal(2, code);
        Assert.Contains("exists and is not a PNG image", stderr);
        Assert.Equal("my notes", File.ReadAllText(output));
        Assert.Equal(0, CliRunner.Run("convert", input, output, "--force").ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", input, output).ExitCode); // now a PNG: converting again replaces it
    }
}
