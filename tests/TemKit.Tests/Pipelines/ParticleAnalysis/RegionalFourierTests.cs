using TemKit.Pipelines.ParticleAnalysis;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

public class RegionalFourierTests
{
    private static double AngleDifference(double a, double b)
    {
        double d = Math.Abs(a - b) % 180;
        return Math.Min(d, 180 - d);
    }

    [Fact]
    public void PlaneWavesGiveTheirSpacingsDirectionsAndSquaredAmplitudeRatio()
    {
        // Three lattice fringes of amplitudes 3, 2, 1 over white noise: peak power, integrated or at the maximum, goes as
        // amplitude² and the background is the same at every |g|, so the brightest/dimmest pair ratio is (3/1)² = 9 with
        // either brightness and the middle pair 4 times the dimmest.
        (double D, double Dir, double A)[] waves = [(2.355, 31.0, 3.0), (2.039, 101.5, 2.0), (2.355, 140.0, 1.0)];
        var image = LatticeImages.Waves(256, 0.1, waves, noise: 2.0, seed: 3);
        var mask = LatticeImages.Disc(256, 90);
        var result = RegionalFourier.Analyse(image, mask, new RegionalFourierOptions { Lattice = null });
        Assert.Equal(3, result.Pairs.Count);
        for (int i = 0; i < 3; i++)
        {
            var pair = result.Pairs[i];
            Assert.Equal(waves[i].D, pair.SpacingAngstrom, 0.01 * waves[i].D);
            Assert.True(AngleDifference(waves[i].Dir, pair.DirectionDegrees) < 0.5, $"pair {i}: {pair.DirectionDegrees}° vs {waves[i].Dir}°");
        }
        Assert.Equal(9, result.Ratio, 0.9);
        Assert.Equal(9, RegionalFourier.Analyse(image, mask, new RegionalFourierOptions { Lattice = null, RatioBrightness = RatioBrightness.Integrated }).Ratio, 0.9);
        Assert.Equal(4, result.Pairs[1].Brightness / result.Pairs[2].Brightness, 0.4);
        // Disc contrast: the same excess over the same background sum (white noise: equal at every |g|), so also 9.
        Assert.Equal(9, RegionalFourier.Analyse(image, mask, new RegionalFourierOptions { Lattice = null, RatioBrightness = RatioBrightness.DiscContrast }).Ratio, 0.9);
        Assert.Equal(4, result.Pairs[1].DiscContrast / result.Pairs[2].DiscContrast, 0.4);
        // The peak height is the spectrum's largest pixel, so it reads low when g falls between pixels (scalloping,
        // which the integrated power does not suffer; here 3.44 instead of 4): 20 % tolerance for the middle pair.
        Assert.Equal(4, (result.Pairs[1].Significance - 1) / (result.Pairs[2].Significance - 1), 0.8);
        Assert.Equal(1 / result.Ratio, result.Score, 12);
        // The disc (181 px) plus the 3σ = 60 px soft edge each side fills the 256 px image: 2 × 256 = 512 px FFT.
        Assert.Equal(512, result.FftSizePx);
        Assert.Equal(1 / (512 * 0.1), result.FrequencyStepPerAngstrom, 12);
    }

    [Fact]
    public void ThePeaksComeFromTheMaskedRegionOnly()
    {
        // Left half: fringes of 2.355 Å; right half: fringes of 3.12 Å (as a CeO2 substrate). The mask covers a disc
        // in the left half, so only the first spacing may be found.
        var left = LatticeImages.Waves(256, 0.1, [(2.355, 20, 3)], 1, seed: 1);
        var right = LatticeImages.Waves(256, 0.1, [(3.12, 70, 3)], 1, seed: 2);
        for (int y = 0; y < 256; y++)
            for (int x = 128; x < 256; x++) left[x, y] = right[x, y];
        var mask = LatticeImages.Disc(256, 45, cx: 60, cy: 128);
        var result = RegionalFourier.Analyse(left, mask, new RegionalFourierOptions { Lattice = null });
        Assert.True(result.Pairs.Count == 1, string.Join("; ", result.Pairs.Select(p => $"{p.SpacingAngstrom:F3} Å {p.DirectionDegrees:F1}° {p.Significance:F1} {p.Brightness:G3}")));
        var pair = result.Pairs[0];
        Assert.Equal(2.355, pair.SpacingAngstrom, 0.03);
        // A single set of fringes: the missing pairs count at the detection threshold, so the ratio is finite and large:
        // peak height over (threshold − 1) background units, or integrated power over the floor.
        Assert.True(result.Ratio > 5 && double.IsFinite(result.Ratio), $"ratio {result.Ratio}");
        Assert.Equal(12 - 1, result.DetectionFloor);
        Assert.Equal((pair.Significance - 1) / (12 - 1), result.Ratio, 1e-9);
        var integrated = RegionalFourier.Analyse(left, mask, new RegionalFourierOptions { Lattice = null, RatioBrightness = RatioBrightness.Integrated });
        Assert.Equal(integrated.Pairs[0].Brightness / integrated.DetectionFloor, integrated.Ratio, 1e-9);
    }

    [Fact]
    public void NoLatticeGivesNoPairsAndNaNRatio()
    {
        var image = LatticeImages.Waves(128, 0.1, [], 5, seed: 9);
        var result = RegionalFourier.Analyse(image, LatticeImages.Disc(128, 40), new RegionalFourierOptions { PeakSignificance = 14 });
        Assert.Empty(result.Pairs);
        Assert.True(double.IsNaN(result.Ratio));
        Assert.Equal(0, result.Score);
        Assert.Null(result.Zone);
        var empty = RegionalFourier.Analyse(image, new float[128 * 128]);
        Assert.Equal(0, empty.AreaPx);
        Assert.True(double.IsNaN(empty.Ratio));
    }

    [Fact]
    public void AnImageWithoutPixelSizeIsRefusedWithAClearMessage()
    {
        var image = new TemKit.Imaging.Image2D(32, 32);
        var e = Assert.Throws<ArgumentException>(() => RegionalFourier.Analyse(image, LatticeImages.Disc(32, 10)));
        Assert.StartsWith("the image has no pixel size", e.Message);
    }

    [Theory]
    [InlineData(1, 1, 0, "[110]")]
    [InlineData(1, 0, 0, "[100]")]
    [InlineData(1, 1, 1, "[111]")]
    [InlineData(2, 1, 1, "[211]")]
    public void ProjectedFccCrystalsIndexToTheirZoneAxis(int u, int v, int w, string expected)
    {
        const double a = 4.078;
        var image = LatticeImages.Fcc(320, 0.1, a, 14, (u, v, w), rotationDegrees: 17);
        var result = RegionalFourier.Analyse(image, LatticeImages.Disc(320, 120));
        Assert.NotNull(result.Zone);
        Assert.True(expected == result.Zone.Zone, $"indexed {result.Zone.Zone}, pairs: " + string.Join("; ", result.Pairs.Select(p => $"{p.SpacingAngstrom:F3} Å {p.DirectionDegrees:F1}°")));
        Assert.True(result.Zone.ResidualPercent < 1.5, $"residual {result.Zone.ResidualPercent} %");
        Assert.True(result.Zone.MatchedPairs >= 2);
        // Every indexed pair's spacing is that of its reflection, a/√(h²+k²+l²).
        for (int i = 0; i < result.Pairs.Count; i++)
        {
            string hkl = result.Zone.PairIndices[i];
            if (hkl.Length == 0) continue;
            var digits = System.Text.RegularExpressions.Regex.Matches(hkl, "-?\\d").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double d = a / Math.Sqrt(digits.Sum(x => x * x));
            Assert.Equal(d, result.Pairs[i].SpacingAngstrom, 0.015 * d);
            Assert.Equal(0, digits[0] * u + digits[1] * v + digits[2] * w);
        }
    }
}
