using TemKit.Detector;

namespace TemKit.Tests.Detector;

public class NoiseSpectrumTests
{
    [Theory]
    [InlineData(48, 40)]
    [InlineData(37, 29)]
    [InlineData(17, 64)]
    public void ParsevalHoldsOverAllBins(int w, int h)
    {
        var rng = new Random(4);
        var img = new float[w * h];
        for (int i = 0; i < img.Length; i++) img[i] = (float)(rng.NextDouble() * 3 + 10);
        var s = NoiseSpectrum.Compute(img, w, h, [PixelRegion.Whole(w, h)], SpectrumKind.Power);
        double sum = 0;
        for (int b = 0; b < s.Length; b++) if (s.Counts[b] > 0) sum += s.Values[b] * s.Counts[b];
        double mean = img.Average(v => (double)v), ss = img.Sum(v => (v - mean) * (v - mean));
        Assert.Equal(ss, sum, ss * 1e-5);
        Assert.Equal((long)w * h, s.Counts.Sum());
    }

    [Fact]
    public void CosineLandsInItsBin()
    {
        const int n = 64;
        var img = new float[n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                img[y * n + x] = (float)Math.Cos(2 * Math.PI * (8.0 * x + 6.0 * y) / n);
        var s = NoiseSpectrum.Compute(img, n, n, [PixelRegion.Whole(n, n)], SpectrumKind.Amplitude);
        int peak = 0;
        for (int b = 1; b < s.Length; b++) if (s.Counts[b] > 0 && s.Values[b] > s.Values[peak]) peak = b;
        // q~ = 2·sqrt(8² + 6²)/64 = 0.3125
        Assert.InRange(s.QNormalised[peak], 0.3125 - s.BinWidth / 2, 0.3125 + s.BinWidth / 2);
        Assert.Equal(2.0 / n, s.BinWidth, 12);
    }

    [Fact]
    public void WhiteNoiseIsFlatAndTilesAverage()
    {
        const int n = 256;
        var rng = new Random(9);
        var img = new float[n * n];
        for (int i = 0; i < img.Length; i++) img[i] = (float)(2.0 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        var tiles = PixelRegion.Whole(n, n).Tiles(64);
        Assert.Equal(16, tiles.Count);
        var s = NoiseSpectrum.Compute(img, n, n, tiles, SpectrumKind.Amplitude);
        Assert.Equal(16, s.Tiles);
        for (int b = 3; b < s.Length; b++)
        {
            if (s.QNormalised[b] > 1) break;
            Assert.InRange(s.Values[b], 2.0 * (1 - 3 / Math.Sqrt(s.Counts[b])), 2.0 * (1 + 3 / Math.Sqrt(s.Counts[b])));
        }
    }

    [Theory]
    [InlineData("0,0,600,10", "outside")]
    [InlineData("-1,0,10,10", "outside")]
    [InlineData("0,0,4,4", "smaller")]
    public void RegionProblemsAreNamed(string region, string word)
    {
        Assert.Contains(word, PixelRegion.Parse(region).ProblemWithin(512, 512));
    }

    [Fact]
    public void RegionParseRejectsGarbage()
    {
        Assert.Equal(new PixelRegion(1, 2, 30, 40), PixelRegion.Parse("1, 2,30,40"));
        Assert.Contains("x,y,w,h", Assert.Throws<FormatException>(() => PixelRegion.Parse("1,2,3")).Message);
        Assert.Contains("'a'", Assert.Throws<FormatException>(() => PixelRegion.Parse("1,2,3,a")).Message);
    }
}
