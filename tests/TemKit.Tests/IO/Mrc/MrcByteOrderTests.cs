using System.Buffers.Binary;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

/// <summary>Machine stamps that lie or are blank, and a missing map id.</summary>
public class MrcByteOrderTests : IDisposable
{
    private readonly MrcTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static byte[] Int16Data(short[] values, bool bigEndian)
    {
        var bytes = new byte[2 * values.Length];
        for (int i = 0; i < values.Length; i++)
            if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * i), values[i]);
            else BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }

    private static readonly short[] Values = [1, -2, 300, -32768, 32767, 12345];

    [Theory]
    [InlineData(true, new byte[] { 0x44, 0x44, 0, 0 })] // big-endian data stamped little-endian
    [InlineData(false, new byte[] { 0x11, 0x11, 0, 0 })] // little-endian data stamped big-endian
    [InlineData(true, new byte[] { 0, 0, 0, 0 })] // blank stamp
    [InlineData(false, new byte[] { 0, 0, 0, 0 })]
    public void WrongOrBlankStampIsAnErrorInStrictModeAndRecoveredInPermissive(bool bigEndian, byte[] stamp)
    {
        string path = _files.Create("stamp.mrc", MrcTestFiles.Concat(
            MrcTestFiles.Header(3, 2, 1, 1, bigEndian, stamp: stamp), Int16Data(Values, bigEndian)));
        var e = Assert.Throws<TemKitFormatException>(() => MrcFile.Read(path));
        Assert.StartsWith("stamp.mrc: machst: machine stamp " + Convert.ToHexString(stamp), e.Message);
        Assert.Contains(bigEndian ? "makes sense big-endian" : "makes sense little-endian", e.Message);

        var warnings = new List<string>();
        using var reader = MrcFile.Open(path, new ReadOptions(Permissive: true, Warn: warnings.Add));
        Assert.Equal(bigEndian, reader.Header.IsBigEndian);
        Assert.Equal((3, 2, 1), (reader.Width, reader.Height, reader.FrameCount));
        Assert.Equal(Values.Select(v => (float)v).ToArray(), reader.ReadImage(0).Pixels.ToArray());
        Assert.Single(warnings);
        Assert.Equal(warnings, reader.Metadata.Warnings);
    }

    [Fact]
    public void CorrectBigEndianStampReadsWithoutWarnings()
    {
        string path = _files.Create("be.mrc", MrcTestFiles.Concat(MrcTestFiles.Header(3, 2, 1, 1, bigEndian: true), Int16Data(Values, true)));
        using var reader = MrcFile.Open(path);
        Assert.Equal(Values.Select(v => (float)v).ToArray(), reader.ReadImage(0).Pixels.ToArray());
        Assert.Empty(reader.Metadata.Warnings);
        Assert.Equal("big-endian", reader.Metadata.Fields["byte_order"]);
    }

    [Fact]
    public void MissingMapIdIsAnErrorInStrictModeAndAWarningInPermissive()
    {
        var header = MrcTestFiles.Header(3, 2, 1, 1);
        header.AsSpan(208, 4).Clear();
        string path = _files.Create("nomap.mrc", MrcTestFiles.Concat(header, Int16Data(Values, false)));
        var e = Assert.Throws<TemKitFormatException>(() => MrcFile.Open(path));
        Assert.Equal("nomap.mrc: map: expected 'MAP ' at byte 208, found 00000000 (not an MRC2014 file, or a pre-2000 one) (permissive mode accepts this)", e.Message);
        var stack = MrcFile.Read(path, new ReadOptions(Permissive: true));
        Assert.Single(stack.Metadata.Warnings);
        Assert.Equal(Values.Select(v => (float)v).ToArray(), stack.Array);
    }
}
