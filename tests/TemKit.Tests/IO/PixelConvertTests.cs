using TemKit.IO;

namespace TemKit.Tests.IO;

/// <summary>The vectorised widening kernels (used by the MRC and DM readers) against a plain cast, at lengths around every vector width.</summary>
public class PixelConvertTests
{
    public static TheoryData<int> Lengths() => [0, 1, 3, 15, 16, 17, 31, 32, 33, 129, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryWideningMatchesAPlainCast(int n)
    {
        var rng = new Random(n + 1);
        var bytes = new byte[2 * n];
        rng.NextBytes(bytes);
        var u8 = bytes[..n];
        var s8 = u8.Select(b => (sbyte)b).ToArray();
        var u16 = Enumerable.Range(0, n).Select(i => (ushort)(bytes[2 * i] | bytes[2 * i + 1] << 8)).ToArray();
        var s16 = u16.Select(v => (short)v).ToArray();
        // Extremes must survive: 0, 255, 65535, -32768, -128.
        if (n >= 3)
        {
            u8[0] = 255; s8[1] = -128; u16[2] = 65535; s16[0] = short.MinValue; s16[1] = short.MaxValue;
        }
        var dst = new float[n + 1];
        dst[n] = 42;

        PixelConvert.ToSingle(u8, dst);
        Assert.Equal(u8.Select(v => (float)v), dst[..n]);
        PixelConvert.ToSingle(s8, dst);
        Assert.Equal(s8.Select(v => (float)v), dst[..n]);
        PixelConvert.ToSingle(u16, dst);
        Assert.Equal(u16.Select(v => (float)v), dst[..n]);
        PixelConvert.ToSingle(s16, dst);
        Assert.Equal(s16.Select(v => (float)v), dst[..n]);
        Assert.Equal(42, dst[n]);
    }
}
