using TemKit.Neural.Convolution.Winograd;

namespace TemKit.Tests.Neural.Winograd;

public class ChannelBlocksTests
{
    [Theory]
    [InlineData(16, 3, 16, 3, 16)]
    [InlineData(32, 5, 37, 8, 40)]
    [InlineData(7, 4, 5, 6, 8)]
    [InlineData(20, 9, 33, 9, 36)]
    public unsafe void PackMovesEveryChannelIntoItsLaneAndZeroFills(int channels, int h, int w, int dh, int dw)
    {
        var rng = new Random(channels * 10 + w);
        var src = Enumerable.Range(0, channels * h * w).Select(_ => (float)rng.NextDouble() + 1f).ToArray();
        int sets = (channels + 15) / 16;
        var dst = Enumerable.Repeat(float.NaN, sets * dh * dw * 16).ToArray();
        fixed (float* s = src, d = dst) ChannelBlocks.Pack(s, channels, h, w, d, dh, dw);
        for (int set = 0; set < sets; set++)
            for (int y = 0; y < dh; y++)
                for (int x = 0; x < dw; x++)
                    for (int j = 0; j < 16; j++)
                    {
                        int c = set * 16 + j;
                        float expected = c < channels && y < h && x < w ? src[(c * h + y) * w + x] : 0f;
                        Assert.Equal(expected, dst[((set * dh + y) * dw + x) * 16 + j]);
                    }
    }
}
