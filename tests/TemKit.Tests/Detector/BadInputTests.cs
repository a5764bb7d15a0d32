using TemKit.Detector;
using TemKit.Imaging;

namespace TemKit.Tests.Detector;

public class BadInputTests
{
    private static readonly DetectorModel Camera = new(0.25, 2.5, 0, 0.01);

    /// <summary>Vacuum with a disc of crystal (lattice fringes, 30 % darker) centred at (cx, cy).</summary>
    internal static Image2D SpecimenFrame(int n, double cx, double cy, double radius, double dosePerPixel, int seed)
    {
        var clean = new Image2D(n, n);
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                bool inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius;
                clean[x, y] = inside ? (float)(0.7 + 0.5 * Math.Cos(2 * Math.PI * (x * 0.06 + y * 0.03)) * Math.Cos(2 * Math.PI * y * 0.05)) : 1f;
            }
        return DetectorSimulator.Apply(clean, dosePerPixel, Camera, new Random(seed));
    }

    [Fact]
    public void AllZeroFrameIsAnError()
    {
        var a = MtfAnalysis.Analyse(new Image2D(64, 64), new MtfAnalysisOptions());
        Assert.Equal(FrameStatus.Error, a.Status);
        Assert.Equal("frame is all zero", a.Message);
    }

    [Fact]
    public void SaturatedFrameIsAnError()
    {
        var frame = DetectorSimulator.Vacuum(128, 128, 50, DetectorModel.Ideal, new Random(1));
        var p = frame.Pixels;
        for (int i = 0; i < p.Length; i++) p[i] = Math.Min(p[i], 55f);
        var a = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions());
        Assert.Equal(FrameStatus.Error, a.Status);
        Assert.StartsWith("frame is saturated:", a.Message);
        Assert.Contains("at the maximum 55", a.Message);
    }

    [Fact]
    public void SparseCountingFrameIsNotSaturated()
    {
        // λ = 0.01: pixels are 0 or 1, and the 1s are the maximum; that is not saturation.
        var frame = DetectorSimulator.Vacuum(256, 256, 0.01, DetectorModel.Ideal, new Random(2));
        Assert.Null(FrameChecks.Problem(frame.Pixels));
    }

    [Fact]
    public void NonGainNormalisedFrameIsAnError()
    {
        var frame = DetectorSimulator.Vacuum(256, 256, 2.0, Camera, new Random(3));
        var p = frame.Pixels;
        for (int i = 0; i < p.Length; i++) p[i] = 23.5f * p[i] + 100;
        var a = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions());
        Assert.Equal(FrameStatus.Error, a.Status);
        Assert.Contains("cannot be a dose in e/px", a.Message);
        // Given the dose, the same frame fits, and the MTF does not depend on the gain.
        var given = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(DoseElectronsPerPixel: 2.0));
        Assert.True(given.Ok, given.Message);
        Assert.InRange(given.Fit!.C0, 0.225, 0.275);
        Assert.Equal(2.0, given.DoseElectronsPerPixel);
    }

    [Fact]
    public void DarkOffsetIsAnError()
    {
        var frame = DetectorSimulator.Vacuum(256, 256, 2.0, Camera, new Random(3));
        var p = frame.Pixels;
        for (int i = 0; i < p.Length; i++) p[i] += 100;
        var a = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions());
        Assert.Equal(FrameStatus.Error, a.Status);
        Assert.Contains("cannot be a dose in e/px", a.Message);
    }

    [Fact]
    public void NegativeMeanIsAnError()
    {
        var frame = DetectorSimulator.Vacuum(64, 64, 1.0, Camera, new Random(4));
        var p = frame.Pixels;
        for (int i = 0; i < p.Length; i++) p[i] -= 5;
        var a = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions());
        Assert.Equal(FrameStatus.Error, a.Status);
        Assert.Contains("cannot be a dose", a.Message);
    }

    [Fact]
    public void RegionOutsideImageIsAnError()
    {
        var frame = DetectorSimulator.Vacuum(128, 128, 1.0, Camera, new Random(5));
        var a = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(Region: new PixelRegion(100, 0, 64, 64)));
        Assert.Equal(FrameStatus.Error, a.Status);
        Assert.Equal("region 100,0,64,64 lies outside the 128x128 image", a.Message);
    }

    [Fact]
    public void RegionOnSpecimenIsFlagged()
    {
        var frame = SpecimenFrame(512, 128, 128, 120, 2.0, 6);
        var onSpecimen = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(Region: new PixelRegion(32, 32, 192, 192)));
        Assert.Equal(FrameStatus.Flagged, onSpecimen.Status);
        Assert.Contains("may contain specimen", onSpecimen.Message);
        var inVacuum = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(Region: new PixelRegion(256, 256, 256, 256)));
        Assert.True(inVacuum.Ok, inVacuum.Message);
        Assert.True(inVacuum.Fit!.RSquared > 0.98);
    }

    [Fact]
    public void AutoVacuumAvoidsTheSpecimen()
    {
        const double cx = 150, cy = 170, radius = 130;
        var frame = SpecimenFrame(512, cx, cy, radius, 2.0, 7);
        var a = MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(AutoVacuum: true, Vacuum: new VacuumOptions(TileSizePx: 64)));
        Assert.True(a.Ok, a.Message);
        Assert.True(a.Tiles.Count >= 20, $"{a.Tiles.Count} vacuum tiles");
        foreach (var t in a.Tiles)
        {
            // A sliver of specimen in a tile corner (≤ 2 % of it) is below what its statistics can show.
            int inside = 0;
            for (int y = t.Y; y < t.Y + t.Height; y++)
                for (int x = t.X; x < t.X + t.Width; x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius) inside++;
            Assert.True(inside <= t.Area / 50, $"tile {t} has {inside} specimen pixels");
        }
        Assert.InRange(a.Fit!.C0, 0.225, 0.275);
        // Apply scales the clean image to mean 2 e/px overall; the bright vacuum gets 2 / mean(clean).
        double cleanMean = 0;
        for (int y = 0; y < 512; y++)
            for (int x = 0; x < 512; x++)
                cleanMean += (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius
                    ? 0.7 + 0.5 * Math.Cos(2 * Math.PI * (x * 0.06 + y * 0.03)) * Math.Cos(2 * Math.PI * y * 0.05) : 1;
        cleanMean /= 512 * 512;
        Assert.InRange(a.DoseElectronsPerPixel, 0.98 * 2 / cleanMean, 1.02 * 2 / cleanMean);
    }
}
