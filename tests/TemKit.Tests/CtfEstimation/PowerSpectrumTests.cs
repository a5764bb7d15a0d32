using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;

namespace TemKit.Tests.CtfEstimation;

public class PowerSpectrumTests
{
    private static Image2D Make(int w, int h, Func<int, int, float> f, double pixel = 1.0)
    {
        var img = new Image2D(w, h, VoxelSize.Isotropic(pixel));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) img[x, y] = f(x, y);
        return img;
    }

    [Fact]
    public void CosineGratingPeaksAtItsFrequencyOnBothSidesOfDc()
    {
        // 256/16 = 16 cycles per tile along x and 256/32 = 8 along y (y up): peaks at (c+16, c+8) and (c-16, c-8).
        var img = Make(512, 512, (x, y) => MathF.Cos(2 * MathF.PI * (x / 16f + y / 32f)));
        var ps = PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { TileSizePx = 256, BinFactor = 1 });
        Assert.Equal(256, ps.Size);
        int c = ps.Centre;
        var (bx, by) = ArgMax(ps.Image);
        Assert.True((bx, by) == (c + 16, c + 8) || (bx, by) == (c - 16, c - 8), $"peak at ({bx},{by})");
        Assert.Equal(ps.Image[c + 16, c + 8], ps.Image[c - 16, c - 8], 3);
        Assert.Equal(1.0 / 256, ps.FrequencyStepInverseAngstrom, 12);
    }

    [Fact]
    public void WhiteNoiseSpectrumLevelEqualsPixelVarianceWhateverTheTaper()
    {
        // Parseval for a tapered periodogram normalised by Σw²: E[P(k)] = σ² for white noise of variance σ².
        var rng = new Random(5);
        var img = Make(768, 768, (_, _) => (float)(3.0 * Gaussian(rng)));
        var ps = PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { TileSizePx = 256, BinFactor = 1, TaperFraction = 0.2 });
        double sum = 0;
        int n = 0, c = ps.Centre;
        for (int y = 0; y < ps.Size; y++)
            for (int x = 0; x < ps.Size; x++)
                if (Math.Abs(x - c) > 4 && Math.Abs(y - c) > 4) { sum += ps.Image[x, y]; n++; }
        Assert.Equal(9.0, sum / n, 0.3);
        Assert.Equal(25, ps.TileCount);
    }

    [Fact]
    public void RepeatedRunsAgreeWhateverTheThreadScheduling()
    {
        // Tile rows are accumulated separately and summed in order; only the FFT backend's own rounding may differ.
        var rng = new Random(8);
        var img = Make(1024, 768, (_, _) => (float)Gaussian(rng));
        var o = new PowerSpectrumOptions { TileSizePx = 256, BinFactor = 1 };
        var a = PowerSpectrumEstimator.Estimate(img, o).Image.Pixels.ToArray();
        for (int run = 0; run < 3; run++)
        {
            var b = PowerSpectrumEstimator.Estimate(img, o).Image.Pixels.ToArray();
            for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], Math.Abs(a[i]) * 1e-5);
        }
    }

    [Fact]
    public void CentralCrossAndDcAreReplacedByTheirNeighbours()
    {
        // Horizontal stripes (constant along x) put all their power on the kx = 0 column.
        var rng = new Random(1);
        var rows = Enumerable.Range(0, 512).Select(_ => (float)Gaussian(rng) * 10).ToArray();
        var img = Make(512, 512, (x, y) => rows[y] + (float)Gaussian(rng) + 100);
        var ps = PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { TileSizePx = 256, BinFactor = 1, CentralCrossHalfWidthPx = 1 });
        int c = ps.Centre;
        for (int y = 0; y < ps.Size; y += 17)
            Assert.Equal(0.5 * (ps.Image[c - 2, y] + ps.Image[c + 2, y]), ps.Image[c, y], 3);
        var raw = PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { TileSizePx = 256, BinFactor = 1, CentralCrossHalfWidthPx = 0 });
        Assert.True(raw.Image[c, c + 20] > 20 * raw.Image[c + 20, c + 20]);
    }

    [Fact]
    public void HotPixelsDoNotChangeTheSpectrum()
    {
        var rng = new Random(2);
        var clean = Make(512, 512, (_, _) => (float)Gaussian(rng) + 50);
        var hot = clean.Clone();
        hot[100, 200] = 1e6f;
        hot[300, 33] = -1e6f;
        var o = new PowerSpectrumOptions { TileSizePx = 256, BinFactor = 1 };
        var a = PowerSpectrumEstimator.Estimate(clean, o).Image.Pixels.ToArray();
        var b = PowerSpectrumEstimator.Estimate(hot, o).Image.Pixels.ToArray();
        double ma = a.Average(), mb = b.Average();
        Assert.Equal(ma, mb, ma * 0.01);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void HotAndNonFinitePixelsBecomeTheMeanOfTheFinitePixels(int tile)
    {
        var rng = new Random(3);
        var img = Make(256, 256, (_, _) => (float)Gaussian(rng) + 50);
        img[10, 20] = float.NaN;
        img[30, 40] = float.PositiveInfinity;
        img[50, 60] = 1e6f;
        double sum = 0;
        int count = 0;
        foreach (float v in img.Pixels)
            if (float.IsFinite(v)) { sum += v; count++; }
        var cleaned = img.Clone();
        cleaned[10, 20] = cleaned[30, 40] = cleaned[50, 60] = (float)(sum / count);
        var o = new PowerSpectrumOptions { TileSizePx = tile, BinFactor = 1 };
        // The cleaned copy is transformed without replacement (its filled pixels lie outside its own, narrower limits).
        var expected = PowerSpectrumEstimator.Estimate(cleaned, o with { HotPixelSigma = 0 }).Image.Pixels.ToArray();
        var actual = PowerSpectrumEstimator.Estimate(img, o).Image.Pixels.ToArray();
        Assert.All(actual, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(16, 0)]
    [InlineData(16, 1)]
    [InlineData(32, 2)]
    [InlineData(64, 1)]
    public void CrossRemovalOnTheHalfPlaneEqualsRemovalOnTheCentredSpectrum(int n, int width)
    {
        var rng = new Random(n + width);
        var half = Enumerable.Range(0, n * (n / 2 + 1)).Select(_ => (float)rng.NextDouble()).ToArray();
        var expected = new float[n * n];
        PowerSpectrumEstimator.Centre(half, expected, n, 1f);
        RemoveCentralCrossCentred(expected, n, width);
        PowerSpectrumEstimator.RemoveCentralCrossHalfPlane(half, n, width);
        var actual = new float[n * n];
        PowerSpectrumEstimator.Centre(half, actual, n, 1f);
        Assert.Equal(expected, actual);
    }

    /// <summary>Reference: the cross removal done on the centred spectrum, pixel by pixel (the DC pixel and the lines
    /// |kx| ≤ w, then |ky| ≤ w, replaced by the mean of the lines just outside them; w = 0: DC by its 8 neighbours).</summary>
    private static void RemoveCentralCrossCentred(Span<float> s, int n, int w)
    {
        int c = n / 2;
        if (w > 0 && c - w - 1 >= 0 && c + w + 1 < n)
        {
            for (int y = 0; y < n; y++)
            {
                var row = s.Slice(y * n, n);
                float v = 0.5f * (row[c - w - 1] + row[c + w + 1]);
                for (int x = c - w; x <= c + w; x++) row[x] = v;
            }
            for (int x = 0; x < n; x++)
            {
                float v = 0.5f * (s[(c - w - 1) * n + x] + s[(c + w + 1) * n + x]);
                for (int y = c - w; y <= c + w; y++) s[y * n + x] = v;
            }
        }
        else
        {
            float ring = 0;
            int count = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if ((dx != 0 || dy != 0) && c + dy < n && c + dx < n) { ring += s[(c + dy) * n + c + dx]; count++; }
            s[c * n + c] = ring / count;
        }
    }

    [Theory]
    [InlineData(256, 256, false)]
    [InlineData(256, 64, true)]
    [InlineData(200, 200, true)]
    public void ProfileFromTheHalfPlaneEqualsProfileOfTheCentredImage(int size, int tile, bool amplitude)
    {
        var rng = new Random(size + tile);
        var img = Make(size, size, (x, y) => (float)(Gaussian(rng) + 0.3 * Math.Sin(0.4 * x + 0.1 * y)), pixel: 1.5);
        var estimated = PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { TileSizePx = tile, BinFactor = 1 });
        var centred = new PowerSpectrum(estimated.Image.Clone(), estimated.PixelSizeAngstrom, estimated.BinFactor, estimated.TileCount);
        var options = new TemKit.CtfEstimation.Profile.RadialProfileOptions { Amplitude = amplitude };
        var fromHalf = TemKit.CtfEstimation.Profile.RadialProfile.Compute(estimated, options);
        var fromCentred = TemKit.CtfEstimation.Profile.RadialProfile.Compute(centred, options);
        Assert.Equal(fromCentred.Length, fromHalf.Length);
        for (int i = 0; i < fromHalf.Length; i++)
        {
            Assert.Equal(fromCentred.Count[i], fromHalf.Count[i]);
            Assert.Equal(fromCentred.Value[i], fromHalf.Value[i], Math.Abs(fromCentred.Value[i]) * 1e-6 + 1e-12);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(4096)]
    public void RowMomentsMatchDoubleSums(int length)
    {
        var rng = new Random(length);
        var row = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 20 - 5)).ToArray();
        var ramp = Enumerable.Range(0, length).Select(x => (float)(x - 0.5 * (length - 1))).ToArray();
        var m = PowerSpectrumEstimator.RowMoments(row, ramp);
        Assert.Equal(row.Sum(v => (double)v), m.Sum, 1e-5 * length);
        Assert.Equal(row.Sum(v => (double)v * v), m.SumSq, 1e-4 * length);
        Assert.Equal(row.Select((v, x) => (double)v * ramp[x]).Sum(), m.Dot, 1e-3 * length);
        Assert.Equal(row.Min(), m.Min);
        Assert.Equal(row.Max(), m.Max);
        row[length / 2] = float.NaN;
        var withNaN = PowerSpectrumEstimator.RowMoments(row, null);
        Assert.True(double.IsNaN(withNaN.Sum) && float.IsNaN(withNaN.Min) && float.IsNaN(withNaN.Max));
    }

    [Fact]
    public void BinningAveragesBlocksAndScalesThePixelSize()
    {
        var img = Make(7, 5, (x, y) => x + 10 * y, pixel: 0.5);
        var binned = PowerSpectrumEstimator.Bin(img, 2);
        Assert.Equal((3, 2), (binned.Width, binned.Height));
        Assert.Equal(1.0, binned.PixelSizeAngstrom);
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 3; x++)
            {
                double naive = (img[2 * x, 2 * y] + img[2 * x + 1, 2 * y] + img[2 * x, 2 * y + 1] + img[2 * x + 1, 2 * y + 1]) / 4.0;
                Assert.Equal(naive, binned[x, y], 5);
            }
    }

    [Theory]
    [InlineData(4096, 1.0, 1)]    // 3 Å at 1 Å/px: Nyquist 2 Å already needed
    [InlineData(4096, 0.2, 6)]    // 3/(2.5·0.2) = 6
    [InlineData(1024, 0.1, 2)]    // limited by keeping one 512 px tile
    [InlineData(4096, 0.0, 1)]    // uncalibrated: no automatic binning
    public void AutomaticBinningKeepsTheFinestRingInsideNyquist(int size, double pixel, int expected)
    {
        Assert.Equal(expected, PowerSpectrumEstimator.ChooseBinFactor(size, size, pixel, new PowerSpectrumOptions()));
    }

    [Fact]
    public void TilesCoverTheImageSymmetrically()
    {
        Assert.Equal([0, 256, 512], PowerSpectrumEstimator.TileStarts(1024, 512, 0.5));
        Assert.Equal([3], PowerSpectrumEstimator.TileStarts(518, 512, 0.5));
        var w = PowerSpectrumEstimator.TukeyWindow(100, 0.1);
        Assert.Equal(1f, w[50]);
        Assert.True(w[0] < 0.05f);
        Assert.Equal(w[3], w[96], 6);
    }

    [Fact]
    public void PrecomputedAmplitudeSpectraAreSquaredAndNonSquareOnesRefused()
    {
        var amp = Make(64, 64, (x, y) => x == 40 ? -2f : 3f);
        var ps = PowerSpectrum.FromCentredImage(amp, 1.5, isAmplitude: true);
        Assert.Equal(9f, ps.Image[0, 0]);
        Assert.Equal(0f, ps.Image[40, 3]);
        Assert.Equal(1.5, ps.PixelSizeAngstrom);
        var ex = Assert.Throws<ArgumentException>(() => PowerSpectrum.FromCentredImage(Make(64, 32, (_, _) => 1f), 1, false));
        Assert.Contains("square", ex.Message);
    }

    [Fact]
    public void BadOptionsAreRefusedByName()
    {
        var img = Make(64, 64, (_, _) => 1f);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { TileSizePx = 63 }));
        Assert.Equal("TileSizePx", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerSpectrumEstimator.Estimate(img, new PowerSpectrumOptions { OverlapFraction = 1 }));
        Assert.Throws<ArgumentException>(() => PowerSpectrumEstimator.Estimate(Make(12, 12, (_, _) => 1f)));
    }

    private static (int X, int Y) ArgMax(Image2D img)
    {
        float best = float.NegativeInfinity;
        (int, int) at = (0, 0);
        for (int y = 0; y < img.Height; y++)
            for (int x = 0; x < img.Width; x++)
                if (img[x, y] > best) { best = img[x, y]; at = (x, y); }
        return at;
    }

    internal static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
