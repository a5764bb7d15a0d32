using TemKit.Simulation.FocalSeries;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Datasets;

namespace TemKit.Tests.Simulation.Species;

public class FocalSeriesTests
{
    private static readonly FocalSeriesRanges s_small = FocalSeriesRanges.Default with { GridPixels = 64, PixelSizeAngstrom = ParameterRange.Fixed(0.2) };

    [Fact]
    public void DiscLabelsCoverPiR2AroundEveryColumnWithItsClass()
    {
        Mx2Column[] cols = [new(ColumnKind.Metal, 2.0, 2.0), new(ColumnKind.SingleChalcogen, 6.1, 3.3), new(ColumnKind.ChalcogenPair, 0.05, 9.0)];
        const double px = 0.1, r = 0.52;
        var map = ColumnClassDiscs.Rasterise(cols, 100, 100, px, r);
        foreach (var c in cols)
        {
            int i = (int)Math.Round(c.XAngstrom / px), j = (int)Math.Round(c.YAngstrom / px);
            Assert.Equal((float)c.Kind, map[j * 100 + i]);
            // Pixels counted by brute force: grid points within r of the column, periodic.
            int expected = 0;
            for (int y = 0; y < 100; y++)
                for (int x = 0; x < 100; x++)
                {
                    double dx = Math.Abs(x * px - c.XAngstrom), dy = Math.Abs(y * px - c.YAngstrom);
                    dx = Math.Min(dx, 10 - dx); dy = Math.Min(dy, 10 - dy);
                    if (dx * dx + dy * dy <= r * r) expected++;
                }
            Assert.Equal(expected, map.Count(v => v == (float)c.Kind));
            Assert.InRange(expected, 0.8 * Math.PI * 27, 1.2 * Math.PI * 27);
        }
    }

    [Fact]
    public void SameSeedSameTripletAndNoiseIsIndependentPerImage()
    {
        // Three images at the same defocus differ only by their noise n0, n1, n2. Independent noise of equal spectrum
        // gives corr(n0 − n2, n1 − n2) = σ² / 2σ² = 1/2 (shared noise would make the differences vanish).
        var ranges = s_small with { DefocusSeriesAngstrom = [30, 30, 30], BlurAngstrom = ParameterRange.Fixed(0.3), DoseElectronsPerAngstrom2 = ParameterRange.Fixed(1e4), MtfModel = 1 };
        var a = FocalSeriesSimulator.Simulate(ranges, new Random(7));
        var b = FocalSeriesSimulator.Simulate(ranges, new Random(7));
        Assert.Equal(a.Images.Data.ToArray(), b.Images.Data.ToArray());
        Assert.Equal(a.Labels.Pixels.ToArray(), b.Labels.Pixels.ToArray());
        int n = 64 * 64;
        var f0 = a.Images.Data.Slice(0, n).ToArray();
        var f1 = a.Images.Data.Slice(n, n).ToArray();
        var f2 = a.Images.Data.Slice(2 * n, n).ToArray();
        double r = Correlation(f0.Zip(f2, (x, y) => x - y).ToArray(), f1.Zip(f2, (x, y) => x - y).ToArray());
        Assert.Equal(0.5, r, 0.06);
        double mean = f0.Average();
        Assert.Equal(1e4 * 0.04, mean, 0.05 * mean);      // dose per pixel = 1e4 e/Å² · 0.2² Å²
    }

    [Fact]
    public void FocalSeriesImagesChangeWithDefocusAndLabelsFollowTheColumns()
    {
        var ranges = s_small with { DefocusSeriesAngstrom = [-50, 0, 50], DoseElectronsPerAngstrom2 = ParameterRange.Fixed(1e5) };
        var s = FocalSeriesSimulator.Simulate(ranges, new Random(3));
        Assert.Equal((-50.0, 0.0, 50.0), (s.Record.Defocus0Angstrom, s.Record.Defocus1Angstrom, s.Record.Defocus2Angstrom));
        Assert.Equal(3, s.Images.Nz);
        Assert.Equal(["background", "Mo", "S2", "S1"], s.ClassNames);
        // Opposite defoci reverse the phase contrast: −50 and +50 Å images are anti-correlated.
        int n = 64 * 64;
        double r = Correlation(s.Images.Data.Slice(0, n).ToArray(), s.Images.Data.Slice(2 * n, n).ToArray());
        Assert.True(r < -0.2, $"correlation of the −50 and +50 Å images {r:F2}");
        foreach (var c in s.Sheet.Columns)
        {
            int i = (int)Math.Round(c.XAngstrom / 0.2) % 64, j = (int)Math.Round(c.YAngstrom / 0.2) % 64;
            Assert.Equal((float)c.Kind, s.Labels.Pixels[j * 64 + i]);
        }
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Fact]
    public void RangesYamlRoundTripsAndNamesBadKeys()
    {
        var r = FocalSeriesRanges.Default with { DefocusSeriesAngstrom = [-40, 10, 60], Compound = "WSe2", GrapheneProbability = 0.5 };
        var back = FocalSeriesRangesYaml.Parse(FocalSeriesRangesYaml.Format(r));
        Assert.Equal(FocalSeriesRangesYaml.Format(r), FocalSeriesRangesYaml.Format(back));
        var e = Assert.Throws<ArgumentException>(() => FocalSeriesRangesYaml.Parse("compound: MoXe2\n"));
        Assert.Contains("compound", e.Message);
        Assert.Throws<ArgumentException>(() => FocalSeriesRangesYaml.Parse("defocus_series_angstrom: [1, 2]\n"));
    }
}
