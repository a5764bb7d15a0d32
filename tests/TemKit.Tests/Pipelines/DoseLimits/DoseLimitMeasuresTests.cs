using TemKit.Pipelines.DoseLimits;

namespace TemKit.Tests.Pipelines.DoseLimits;

/// <summary>The 50 % and convergence doses on synthetic area curves whose answers are known by construction.</summary>
public class DoseLimitMeasuresTests
{
    private const double Target = 1000;

    // 100 frames log-spaced over 10..1e4 e/Å²; 10 % of the target below 30 e/Å², 60 % up to 200 e/Å², then the target
    // ± 5 % (alternating) above.
    private static (double[] Dose, double[] Area) StepSeries()
    {
        var dose = Enumerable.Range(0, 100).Select(i => 10 * Math.Pow(1000, i / 99.0)).ToArray();
        var area = dose.Select((d, i) => d < 30 ? 0.1 * Target : d < 200 ? 0.6 * Target : Target * (i % 2 == 0 ? 1.05 : 0.95)).ToArray();
        return (dose, area);
    }

    [Fact]
    public void RawStepCurveGivesTheStepDoses()
    {
        var (dose, area) = StepSeries();
        var m = DoseLimitMeasures.Measure(dose, area, Enumerable.Repeat(Target, 100).ToArray(), new DoseLimitOptions { SmoothingFrames = 1 });
        Assert.Equal(dose.First(d => d >= 30), m.FiftyPercentDoseElectronsPerAngstrom2);
        Assert.Equal(dose.First(d => d >= 200), m.ConvergenceDoseElectronsPerAngstrom2);
        Assert.Equal(0.95 * Target, m.BandMinAreaPx, 9);
        Assert.Equal(1.05 * Target, m.BandMaxAreaPx, 9);
    }

    [Fact]
    public void FrameOrderDoesNotMatter()
    {
        var (dose, area) = StepSeries();
        var perm = Enumerable.Range(0, 100).OrderBy(i => (i * 37) % 101).ToArray();
        var options = new DoseLimitOptions { SmoothingFrames = 1 };
        var sorted = DoseLimitMeasures.Measure(dose, area, Enumerable.Repeat(Target, 100).ToArray(), options);
        var shuffled = DoseLimitMeasures.Measure(perm.Select(i => dose[i]).ToArray(), perm.Select(i => area[i]).ToArray(), Enumerable.Repeat(Target, 100).ToArray(), options);
        Assert.Equal(sorted, shuffled);
    }

    [Fact]
    public void OneDroppedHighDoseFrameDelaysRawConvergenceButNotTheMedian()
    {
        var (dose, area) = StepSeries();
        area[90] = 0.2 * Target; // one frame at ~5300 e/Å² loses the particle
        var target = Enumerable.Repeat(Target, 100).ToArray();
        var raw = DoseLimitMeasures.Measure(dose, area, target, new DoseLimitOptions { SmoothingFrames = 1 });
        var smooth = DoseLimitMeasures.Measure(dose, area, target, new DoseLimitOptions { SmoothingFrames = 9 });
        Assert.Equal(dose[91], raw.ConvergenceDoseElectronsPerAngstrom2);
        Assert.Equal(dose.First(d => d >= 200), smooth.ConvergenceDoseElectronsPerAngstrom2);
        // The band is the raw min/max beyond convergence: it shows the dropped frame.
        Assert.Equal(0.2 * Target, smooth.BandMinAreaPx, 9);
    }

    [Fact]
    public void LimitsNeverReachedAreNull()
    {
        var dose = new[] { 10.0, 100, 1000 };
        var m = DoseLimitMeasures.Measure(dose, [0, 100, 300], [1000, 1000, 1000], new DoseLimitOptions { SmoothingFrames = 1 });
        Assert.Null(m.FiftyPercentDoseElectronsPerAngstrom2);
        Assert.Null(m.ConvergenceDoseElectronsPerAngstrom2);
        Assert.True(double.IsNaN(m.BandMinAreaPx));
    }

    [Fact]
    public void RunningMedianMatchesSortingEachWindow()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 41).Select(_ => rng.NextDouble()).ToArray();
        foreach (int window in new[] { 1, 3, 9 })
        {
            var fast = DoseLimitMeasures.RunningMedian(values, window);
            for (int i = 0; i < values.Length; i++)
            {
                int lo = Math.Max(0, i - window / 2), hi = Math.Min(values.Length - 1, i + window / 2);
                var w = values[lo..(hi + 1)].Order().ToArray();
                double expected = w.Length % 2 == 1 ? w[w.Length / 2] : 0.5 * (w[w.Length / 2 - 1] + w[w.Length / 2]);
                Assert.Equal(expected, fast[i]);
            }
        }
    }
}
