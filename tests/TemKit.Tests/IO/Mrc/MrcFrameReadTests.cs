using System.Runtime.InteropServices;
using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

/// <summary>Reading a few sections of a huge stack touches only those sections.</summary>
public class MrcFrameReadTests : IDisposable
{
    private readonly MrcTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TwoFramesOfAFourGigabyteSparseStackReadOnlyThoseFrames()
    {
        const int nx = 512, ny = 512, nz = 4096; // 4 GiB of float32 sections, almost all of it a sparse hole
        const long frameBytes = 4L * nx * ny;
        string path = _files.PathFor("huge_sparse.mrcs");
        var frame7 = new float[nx * ny];
        var frame4000 = new float[nx * ny];
        var rng = new Random(11);
        for (int i = 0; i < frame7.Length; i++) { frame7[i] = (float)rng.NextDouble(); frame4000[i] = -i; }
        using (var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(MrcTestFiles.Header(nx, ny, nz, 2));
            fs.SetLength(1024 + frameBytes * nz);
            fs.Position = 1024 + 7 * frameBytes;
            fs.Write(MemoryMarshal.AsBytes(frame7.AsSpan()));
            fs.Position = 1024 + 4000 * frameBytes;
            fs.Write(MemoryMarshal.AsBytes(frame4000.AsSpan()));
        }

        using var reader = MrcFile.Open(path);
        Assert.Equal(StackKind.ImageStack, reader.Kind);
        Assert.Equal(0, reader.BytesRead);
        var buffer = new float[nx * ny];
        reader.ReadFrame(7, buffer);
        Assert.Equal(frame7, buffer);
        reader.ReadFrame(4000, buffer);
        Assert.Equal(frame4000, buffer);
        Assert.Equal(2 * frameBytes, reader.BytesRead);
    }

    [Fact]
    public void FramesReadFromSeveralThreadsAtOnceAreCorrect()
    {
        const int nx = 64, ny = 48, nz = 16;
        var data = new float[nx * ny * nz];
        for (int i = 0; i < data.Length; i++) data[i] = i % 9973;
        string path = _files.PathFor("threads.mrc");
        MrcFile.Write(path, new ImageStack(nx, ny, nz, data), new MrcWriteOptions(MrcMode.UInt16));
        using var reader = MrcFile.Open(path);
        var frames = new float[nz][];
        Parallel.For(0, nz * 4, k =>
        {
            int z = k % nz;
            var f = new float[nx * ny];
            reader.ReadFrame(z, f);
            frames[z] = f;
        });
        for (int z = 0; z < nz; z++) Assert.Equal(data.AsSpan(z * nx * ny, nx * ny).ToArray(), frames[z]);
    }

    [Fact]
    public void FrameIndexAndBufferLengthAreChecked()
    {
        string path = _files.PathFor("small.mrc");
        MrcFile.Write(path, new ImageStack(4, 3, 2));
        using var reader = MrcFile.Open(path);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadFrame(2, new float[12]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadFrame(-1, new float[12]));
        Assert.Throws<ArgumentException>(() => reader.ReadFrame(0, new float[11]));
    }
}
