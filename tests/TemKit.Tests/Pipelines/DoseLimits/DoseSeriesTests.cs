using TemKit.Imaging;
using TemKit.Pipelines.Detector;
using TemKit.Pipelines.DoseLimits;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.DoseLimits;

/// <summary>The dose-series simulation: dose spacing, exact (drifted) masks, files that read back.</summary>
public class DoseSeriesTests
{
    private static readonly DoseSeriesParameters s_small = new()
    {
        Particle = new FccParticleParameters(DiameterNanometres: 1.0, WithSupport: false),
        Grid = new SimulationGrid(48, 48, 0.25),
        Frames = 7,
        Doses = new DoseSchedule(10, 1e4),
        DriftPxPerFrame = 2,
        Seed = 4,
    };

    private static readonly Lazy<DoseSeriesResult> s_result = new(() => DoseSeries.Simulate(s_small));

    [Fact]
    public void DosesAreLogSpacedFromFirstToLast()
    {
        var f = s_result.Value.Frames;
        Assert.Equal(7, f.Count);
        Assert.Equal(10, f[0].DoseElectronsPerAngstrom2, 9);
        Assert.Equal(1e4, f[^1].DoseElectronsPerAngstrom2, 6);
        double ratio = Math.Pow(1000, 1 / 6.0);
        for (int i = 1; i < f.Count; i++) Assert.Equal(ratio, f[i].DoseElectronsPerAngstrom2 / f[i - 1].DoseElectronsPerAngstrom2, 9);
        Assert.All(f, r => Assert.Equal(r.DoseElectronsPerAngstrom2 * 0.25 * 0.25, r.DoseElectronsPerPixel, 9));
    }

    [Fact]
    public void EveryMaskIsTheParticleMaskMovedByItsRecordedDrift()
    {
        var r = s_result.Value;
        Assert.Equal((48, 48, 7), (r.Masks.Nx, r.Masks.Ny, r.Masks.Nz));
        Assert.Equal((48, 48, 7), (r.Images.Nx, r.Images.Ny, r.Images.Nz));
        var mask = r.Case.Mask.Pixels.ToArray();
        Assert.Contains(r.Frames, f => f.DriftXPx != 0 || f.DriftYPx != 0);
        Assert.Equal((0, 0), (r.Frames[0].DriftXPx, r.Frames[0].DriftYPx));
        foreach (var f in r.Frames)
        {
            var frame = r.Masks.Frame(f.Frame);
            for (int y = 0; y < 48; y++)
                for (int x = 0; x < 48; x++)
                    Assert.Equal(mask[y * 48 + x], frame[(((y + f.DriftYPx) % 48 + 48) % 48) * 48 + ((x + f.DriftXPx) % 48 + 48) % 48]);
            Assert.Equal(mask.Average(), f.MaskFraction, 6);
        }
    }

    [Fact]
    public void WrittenSeriesReadsBackWithItsDoses()
    {
        using var dir = new TempFolder();
        DoseSeries.Write(dir.Root, s_result.Value);
        using var input = DoseSeriesInput.Open(dir[DoseSeries.ImagesFile], masksPath: dir[DoseSeries.MasksFile]);
        Assert.Equal(7, input.FrameCount);
        Assert.Equal(0.25, input.PixelSizeAngstrom, 6);
        Assert.True(input.HasMasks);
        for (int i = 0; i < 7; i++) Assert.Equal(s_result.Value.Frames[i].DoseElectronsPerAngstrom2, input.DoseElectronsPerAngstrom2[i], 6);
        var first = input.Frames().First();
        Assert.Equal(s_result.Value.Images.Frame(0).ToArray(), first.Image.Pixels.ToArray());
        Assert.Empty(dir.TempFiles());
    }

    [Fact]
    public void PeriodicShiftMatchesIndexArithmetic()
    {
        var src = Enumerable.Range(0, 5 * 3).Select(i => (float)i).ToArray();
        foreach (var (dx, dy) in new[] { (0, 0), (1, 0), (-2, 1), (7, -4) })
        {
            var dst = new float[15];
            PeriodicShift.Apply(src, dst, 5, 3, dx, dy);
            for (int y = 0; y < 3; y++)
                for (int x = 0; x < 5; x++)
                    Assert.Equal(src[y * 5 + x], dst[(((y + dy) % 3 + 3) % 3) * 5 + ((x + dx) % 5 + 5) % 5]);
        }
    }
}
