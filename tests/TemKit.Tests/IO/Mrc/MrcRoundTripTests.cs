using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

public class MrcRoundTripTests : IDisposable
{
    private readonly MrcTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static float[] Noise(int n, int seed, float scale = 1f, bool integers = false, float offset = 0f)
    {
        var rng = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            float x = offset + scale * (float)(rng.NextDouble() * 2 - 1);
            v[i] = integers ? MathF.Round(x) : x;
        }
        return v;
    }

    /// <summary>dmin, dmax, dmean, rms (population standard deviation) by a plain double loop.</summary>
    private static (double Min, double Max, double Mean, double Rms) NaiveStats(IReadOnlyList<float> v)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (float x in v) { min = Math.Min(min, x); max = Math.Max(max, x); sum += x; }
        double mean = sum / v.Count, ss = 0;
        foreach (float x in v) ss += (x - mean) * (x - mean);
        return (min, max, mean, Math.Sqrt(ss / v.Count));
    }

    private static void AssertHeaderStats(MrcHeader h, IReadOnlyList<float> stored)
    {
        var s = NaiveStats(stored);
        Assert.Equal(s.Min, h.DMin, 1e-6);
        Assert.Equal(s.Max, h.DMax, 1e-6);
        Assert.Equal(s.Mean, h.DMean, 1e-5 * Math.Max(1, Math.Abs(s.Max)));
        Assert.Equal(s.Rms, h.Rms, 1e-5 * Math.Max(1, s.Rms));
    }

    [Theory]
    [InlineData(MrcMode.Float32, false)]
    [InlineData(MrcMode.Float32, true)]
    [InlineData(MrcMode.Float16, false)]
    [InlineData(MrcMode.Float16, true)]
    [InlineData(MrcMode.UInt16, false)]
    [InlineData(MrcMode.UInt16, true)]
    [InlineData(MrcMode.Int16, false)]
    [InlineData(MrcMode.Int8, true)]
    public void ImageRoundTripsWithCorrectHeader(MrcMode mode, bool bigEndian)
    {
        const int nx = 37, ny = 23;
        float[] pixels = mode switch
        {
            MrcMode.UInt16 => Noise(nx * ny, 3, 30000, integers: true, offset: 32000),
            MrcMode.Int16 => Noise(nx * ny, 4, 30000, integers: true),
            MrcMode.Int8 => Noise(nx * ny, 5, 127, integers: true),
            _ => Noise(nx * ny, 6, 3),
        };
        var image = new Image2D(nx, ny, pixels, new VoxelSize(1.34, 1.34, 1.34), new ImageMetadata { OriginAngstrom = (10, -20, 0) });
        string path = _files.PathFor($"rt_{mode}_{bigEndian}.mrc");
        MrcFile.Write(path, image, new MrcWriteOptions(mode, BigEndian: bigEndian, Labels: ["round trip"]));

        using var reader = MrcFile.Open(path);
        var back = reader.ReadImage(0);
        // float16 stores the nearest half; every other mode stores these values exactly.
        float[] expected = mode == MrcMode.Float16 ? pixels.Select(p => (float)(Half)p).ToArray() : pixels;
        Assert.Equal(expected, back.Pixels.ToArray());
        if (mode == MrcMode.Float16) Assert.Equal(pixels, back.Pixels.ToArray(), (a, b) => Math.Abs(a - b) <= 3 * 0.001f);

        var h = reader.Header;
        Assert.Equal((int)mode, h.Mode);
        Assert.Equal((nx, ny, 1), (h.Nx, h.Ny, h.Nz));
        Assert.Equal(bigEndian, h.IsBigEndian);
        Assert.Equal(bigEndian ? new byte[] { 0x11, 0x11, 0, 0 } : [0x44, 0x44, 0, 0], h.MachineStamp.ToArray());
        Assert.Equal("MAP ", h.Map);
        Assert.Equal(20140, h.NVersion);
        Assert.Equal(0, h.Ispg);
        Assert.Equal(0, h.Nsymbt);
        Assert.Equal((float)(1.34 * nx), h.CellLengthsAngstrom.X);
        Assert.Equal(1.34, reader.VoxelSize.XAngstrom, 1e-6);
        Assert.Equal((10f, -20f, 0f), h.OriginAngstrom);
        Assert.Equal(2, h.NLabl);
        Assert.Equal("round trip", h.Labels[1]);
        Assert.Equal("round trip", reader.Metadata.Fields["label[1]"]);
        AssertHeaderStats(h, expected);
        Assert.Equal(MrcModes.DataTypeName(mode), reader.Metadata.DataType);
    }

    [Theory]
    [InlineData(StackKind.ImageStack, 0)]
    [InlineData(StackKind.Volume, 1)]
    [InlineData(StackKind.VolumeStack, 401)]
    public void StacksVolumesAndVolumeStacksRoundTrip(StackKind kind, int ispg)
    {
        const int nx = 12, ny = 10, nz = 6;
        var data = Noise(nx * ny * nz, 7);
        var stack = new ImageStack(nx, ny, nz, data, kind, new VoxelSize(2, 3, 4));
        string path = _files.PathFor($"kind_{kind}.mrc");
        MrcFile.Write(path, stack, new MrcWriteOptions(SectionsPerVolume: kind == StackKind.VolumeStack ? 3 : null));

        var back = MrcFile.Read(path);
        Assert.Equal(kind, back.Kind);
        Assert.Equal(data, back.Array);
        Assert.Equal(new VoxelSize(2, 3, 4), back.VoxelSize);
        var h = MrcFile.ReadHeader(path);
        Assert.Equal(ispg, h.Ispg);
        Assert.Equal(kind == StackKind.VolumeStack ? 3 : nz, h.Sampling.Z);
        Assert.Equal(kind == StackKind.VolumeStack ? 2 : 1, h.VolumeCount);
        AssertHeaderStats(h, data);
    }

    [Fact]
    public void VolumeStackWithoutDepthIsRefused()
    {
        var stack = new ImageStack(4, 4, 6, StackKind.VolumeStack);
        string path = _files.PathFor("vs.mrc");
        var e = Assert.Throws<ArgumentException>(() => MrcFile.Write(path, stack));
        Assert.Contains("SectionsPerVolume", e.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ComplexRoundTripsAndFramesGiveModulus(bool bigEndian)
    {
        const int nx = 9, ny = 5, nz = 2;
        var rng = new Random(8);
        var data = new ComplexF[nx * ny * nz];
        for (int i = 0; i < data.Length; i++) data[i] = new ComplexF((float)rng.NextDouble() - 0.5f, (float)rng.NextDouble() - 0.5f);
        string path = _files.PathFor($"complex_{bigEndian}.mrc");
        MrcFile.WriteComplex(path, data, nx, ny, nz, VoxelSize.Isotropic(1.5), new MrcWriteOptions(BigEndian: bigEndian));

        var back = MrcFile.ReadComplex(path, out var header);
        Assert.Equal(data, back);
        Assert.Equal(4, header.Mode);
        using var reader = MrcFile.Open(path);
        Assert.True(reader.IsComplex);
        Assert.Equal("complex64", reader.Metadata.DataType);
        var frame = new float[nx * ny];
        reader.ReadFrame(1, frame);
        for (int i = 0; i < frame.Length; i++)
        {
            var z = data[nx * ny + i];
            Assert.Equal(Math.Sqrt((double)z.Re * z.Re + (double)z.Im * z.Im), frame[i], 1e-6);
        }
        AssertHeaderStats(header, data.Select(z => MathF.Sqrt(z.Re * z.Re + z.Im * z.Im)).ToArray());
    }

    [Fact]
    public void IntegerModesRefuseValuesThatWouldNotSurvive()
    {
        var image = new Image2D(3, 1, new float[] { 1, 2.5f, 3 });
        string path = _files.PathFor("frac.mrc");
        var e = Assert.Throws<ArgumentException>(() => MrcFile.Write(path, image, new MrcWriteOptions(MrcMode.UInt16)));
        Assert.Contains("2.5 at index 1 is not a whole number", e.Message);
        Assert.False(File.Exists(path));

        var negative = new Image2D(2, 1, new float[] { 5, -1 });
        e = Assert.Throws<ArgumentException>(() => MrcFile.Write(path, negative, new MrcWriteOptions(MrcMode.UInt16)));
        Assert.Contains("outside the mode 6 range", e.Message);

        var huge = new Image2D(2, 1, new float[] { 1, 70000 });
        Assert.Throws<ArgumentException>(() => MrcFile.Write(path, huge, new MrcWriteOptions(MrcMode.Float16)));

        MrcFile.Write(path, image, new MrcWriteOptions(MrcMode.UInt16, RoundToIntegers: true));
        Assert.Equal([1f, 2f, 3f], MrcFile.Read(path).Array); // banker's rounding: 2.5 -> 2
    }

    [Fact]
    public void ImodUnsignedBytesAreReadUnsigned()
    {
        byte[] data = [0, 1, 127, 128, 200, 255];
        var signedFile = _files.Create("signed.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(6, 1, 1, 0), data));
        var imodUnsigned = _files.Create("imod_unsigned.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(6, 1, 1, 0, imodStamp: 1146047817, imodFlags: 0), data));
        var imodSigned = _files.Create("imod_signed.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(6, 1, 1, 0, imodStamp: 1146047817, imodFlags: 1), data));
        Assert.Equal([0f, 1, 127, -128, -56, -1], MrcFile.Read(signedFile).Array);
        Assert.Equal([0f, 1, 127, 128, 200, 255], MrcFile.Read(imodUnsigned).Array);
        Assert.Equal("uint8", MrcFile.Read(imodUnsigned).Metadata.DataType);
        Assert.Equal([0f, 1, 127, -128, -56, -1], MrcFile.Read(imodSigned).Array);
    }

    [Fact]
    public void WrongHeaderStatisticsAreAnErrorInStrictModeAndAWarningInPermissive()
    {
        string path = _files.PathFor("stats.mrc");
        MrcFile.Write(path, new Image2D(8, 8, Noise(64, 9)));
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(99f).CopyTo(bytes, 80);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<TemKitFormatException>(() => MrcFile.Read(path));
        Assert.Contains("stats.mrc: dmin/dmax/dmean: header says", e.Message);
        var warnings = new List<string>();
        var stack = MrcFile.Read(path, new ReadOptions(Permissive: true, Warn: warnings.Add));
        Assert.Single(warnings);
        Assert.Equal(warnings, stack.Metadata.Warnings);
        Assert.Equal(64, stack.Array.Length);
    }
}
