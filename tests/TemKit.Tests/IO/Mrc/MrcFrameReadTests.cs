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

    [Theory]
    [InlineData(MrcMode.Int16, true)]
    [InlineData(MrcMode.UInt16, false)]
    [InlineData(MrcMode.Float32, true)]
    public void LargeSectionsReadInParallelChunksMatchTheData(MrcMode mode, bool bigEndian)
    {
        const int nx = 1030, ny = 1101; // > 4 chunks of 1 MiB, rows not a multiple of the chunk
        var data = new float[nx * ny * 2];
        var rng = new Random(12);
        for (int i = 0; i < data.Length; i++) data[i] = mode == MrcMode.Float32 ? (float)rng.NextDouble() : rng.Next(0, 30000);
        string path = _files.PathFor("large.mrc");
        MrcFile.Write(path, new ImageStack(nx, ny, 2, data), new MrcWriteOptions(mode, BigEndian: bigEndian));
        using var reader = MrcFile.Open(path);
        var frame = new float[nx * ny];
        reader.ReadFrame(1, frame);
        Assert.Equal(data.AsSpan(nx * ny).ToArray(), frame);
        Assert.Equal(MrcModes.RowBytes(mode, nx) * ny, reader.BytesRead);
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
