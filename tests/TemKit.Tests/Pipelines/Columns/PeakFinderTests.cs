using TemKit.Imaging;
using TemKit.Pipelines.Columns;

namespace TemKit.Tests.Pipelines.Columns;

public class PeakFinderTests
{
    /// <summary>Random points at least <paramref name="spacing"/> Å apart and 1.5 Å inside a square of <paramref name="size"/> Å.</summary>
    internal static List<(double X, double Y)> RandomPoints(int count, double size, double spacing, int seed)
    {
        var rng = new Random(seed);
        var points = new List<(double X, double Y)>();
        for (int attempt = 0; points.Count < count; attempt++)
        {
            if (attempt > 100_000) throw new InvalidOperationException($"cannot place {count} points {spacing} Å apart in {size} Å");
            double x = 1.5 + rng.NextDouble() * (size - 3), y = 1.5 + rng.NextDouble() * (size - 3);
            if (points.All(p => double.Hypot(p.X - x, p.Y - y) >= spacing)) points.Add((x, y));
        }
        return points;
    }

    /// <summary>Naive sum of Gaussians exp(−r²/2w²)·height on an n x n grid, plus Gaussian noise of sd <paramref name="noise"/>.</summary>
    internal static Image2D Blobs(IReadOnlyList<(double X, double Y)> points, int n, double px, double w, double noise, int seed, double height = 1, double background = 0)
    {
        var rng = new Random(seed);
        var image = new Image2D(n, n, new VoxelSize(px, px, 0));
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double v = background;
                foreach (var (x, y) in points) v += height * Math.Exp(-(Math.Pow(i * px - x, 2) + Math.Pow(j * px - y, 2)) / (2 * w * w));
                double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                image[i, j] = (float)(v + noise * g);
            }
        return image;
    }

    [Fact]
    public void FindsGaussianBlobsToSubPixelPrecision()
    {
        var truth = RandomPoints(12, 16, 2.5, seed: 1);
        var clean = Blobs(truth, 160, 0.1, 0.4, 0, seed: 2);
        var found = PeakFinder.Find(clean, new PeakFinderOptions());
        var match = ColumnMatching.Match(truth, [.. found.Select(f => (f.XAngstrom, f.YAngstrom))]);
        Assert.Equal((12, 12, 12), (found.Length, match.TruePositives, match.TruthCount));
        // The log-parabola is exact for an isolated Gaussian; neighbours ≥ 2.5 Å away change it by < 1e-3 Å.
        Assert.True(match.RmsErrorAngstrom < 2e-3, $"rms {match.RmsErrorAngstrom} Å");
        var whole = PeakFinder.Find(clean, new PeakFinderOptions(SubPixel: false));
        Assert.All(whole, p => Assert.Equal(Math.Round(p.XPx), p.XPx));
        Assert.True(ColumnMatching.Match(truth, [.. whole.Select(f => (f.XAngstrom, f.YAngstrom))]).RmsErrorAngstrom > 0.01);

        var noisy = Blobs(truth, 160, 0.1, 0.4, 0.05, seed: 3);
        var m = ColumnMatching.Match(truth, [.. PeakFinder.Find(noisy, new PeakFinderOptions()).Select(f => (f.XAngstrom, f.YAngstrom))]);
        Assert.Equal(1.0, m.F1);
        Assert.True(m.RmsErrorAngstrom < 0.1, $"rms {m.RmsErrorAngstrom} Å");
    }

    [Fact]
    public void MinimumSpacingKeepsTheHigherPeakAndThresholdDropsWeakOnes()
    {
        var image = Blobs([(3.0, 3.0)], 64, 0.1, 0.4, 0, seed: 1);
        var second = Blobs([(4.5, 3.0)], 64, 0.1, 0.4, 0, seed: 1, height: 0.8);
        var weak = Blobs([(3.0, 5.5)], 64, 0.1, 0.4, 0, seed: 1, height: 0.2);
        for (int k = 0; k < image.Pixels.Length; k++) image.Pixels[k] = Math.Max(image.Pixels[k], Math.Max(second.Pixels[k], weak.Pixels[k]));
        var p = Assert.Single(PeakFinder.Find(image, new PeakFinderOptions(MinSpacingAngstrom: 2.0, Threshold: 0.3)));
        Assert.Equal((3.0, 3.0), (Math.Round(p.XAngstrom, 6), Math.Round(p.YAngstrom, 6)));
        Assert.Equal(2, PeakFinder.Find(image, new PeakFinderOptions(MinSpacingAngstrom: 1.0, Threshold: 0.3)).Length);
        Assert.Equal(3, PeakFinder.Find(image, new PeakFinderOptions(MinSpacingAngstrom: 1.0, Threshold: 0.1)).Length);
    }

    [Fact]
    public void FlatTopGivesOnePeakAndEmptyMapNone()
    {
        var image = new Image2D(8, 8, new VoxelSize(0.5, 0.5, 0));
        image[3, 3] = image[4, 3] = image[3, 4] = image[4, 4] = 1;
        var p = Assert.Single(PeakFinder.Find(image, new PeakFinderOptions(MinSpacingAngstrom: 0)));
        // A 2x2 plateau's centre is half-way between its pixels.
        Assert.Equal((3.5, 3.5), (p.XPx, p.YPx));
        Assert.Empty(PeakFinder.Find(new Image2D(8, 8, new VoxelSize(0.5, 0.5, 0)), new PeakFinderOptions()));
    }

    [Fact]
    public void MatchingCountsByHand()
    {
        (double, double)[] truth = [(0, 0), (5, 0), (10, 0)];
        // (0.3, 0) matches (0, 0); (0.1, 0.1) is closer to it, so it wins and (0.3, 0) becomes a false positive;
        // (5.6, 0) is 0.6 Å off (no match); (20, 0) is extra.
        (double, double)[] detected = [(0.3, 0), (0.1, 0.1), (5.6, 0), (20, 0)];
        var m = ColumnMatching.Match(truth, detected, 0.5);
        Assert.Equal((1, 3, 2), (m.TruePositives, m.FalsePositives, m.FalseNegatives));
        Assert.Equal((1, 1), (m.Pairs[0].Truth + 1, m.Pairs[0].Detected));
        Assert.Equal(0.25, m.Precision);
        Assert.Equal(1 / 3.0, m.Recall, 12);
        Assert.Equal(2.0 / 7, m.F1, 12);
        Assert.Equal(Math.Sqrt(0.02), m.RmsErrorAngstrom, 12);
        Assert.Equal(2, ColumnMatching.Match(truth, detected, 0.7).TruePositives);
        Assert.Equal(1.0, ColumnMatching.Match([], [], 0.5).F1);
    }

    [Fact]
    public void BaselineFindsDarkColumnsOnlyWithTheRightContrast()
    {
        var truth = RandomPoints(12, 16, 2.5, seed: 4);
        var raw = Blobs(truth, 160, 0.1, 0.4, 0.08, seed: 5, height: -0.3, background: 1);
        var dark = BaselineColumns.Detect(raw, new BaselineOptions(FilterSigmaAngstrom: 0.3, ThresholdSigma: 1));
        var m = ColumnMatching.Match(truth, [.. dark.Select(f => (f.XAngstrom, f.YAngstrom))]);
        Assert.Equal(1.0, m.F1);
        var bright = BaselineColumns.Detect(raw, new BaselineOptions(FilterSigmaAngstrom: 0.3, Contrast: ColumnContrast.Bright, ThresholdSigma: 1));
        Assert.Equal(0, ColumnMatching.Match(truth, [.. bright.Select(f => (f.XAngstrom, f.YAngstrom))]).TruePositives);
        // The map is standardised: zero mean, unit standard deviation.
        var map = BaselineColumns.Map(raw, new BaselineOptions());
        var v = map.Pixels.ToArray();
        Assert.Equal(0, v.Average(), 4);
        Assert.Equal(1, Math.Sqrt(v.Average(x => (double)x * x)), 4);
    }
}
