using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

/// <summary>The SIMD conversion kernels against a plain cast, at lengths around every vector width.</summary>
public class MrcConvertTests
{
    public static TheoryData<int> Lengths => new(0, 1, 3, 15, 16, 17, 33, 129, 1000);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void UInt16MatchesPlainCast(int n)
    {
        var rng = new Random(n);
        var src = new ushort[n];
        for (int i = 0; i < n; i++) src[i] = (ushort)rng.Next(0, 65536);
        if (n > 2) { src[0] = 0; src[1] = 65535; }
        var dst = new float[n + 1];
        dst[n] = 42;
        MrcConvert.UInt16ToSingle(src, dst);
        for (int i = 0; i < n; i++) Assert.Equal((float)src[i], dst[i]);
        Assert.Equal(42, dst[n]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Int16MatchesPlainCast(int n)
    {
        var rng = new Random(n + 7);
        var src = new short[n];
        for (int i = 0; i < n; i++) src[i] = (short)rng.Next(short.MinValue, short.MaxValue + 1);
        if (n > 2) { src[0] = short.MinValue; src[1] = short.MaxValue; }
        var dst = new float[n];
        MrcConvert.Int16ToSingle(src, dst);
        for (int i = 0; i < n; i++) Assert.Equal((float)src[i], dst[i]);
    }
}
