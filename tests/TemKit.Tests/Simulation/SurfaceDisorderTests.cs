using TemKit.Simulation.Datasets;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class SurfaceDisorderTests
{
    private static Specimen Particle() =>
        SupportedParticleBuilder.Build(new FccParticleParameters("Au", null, 2.0, MaxTiltDegrees: 0), 40, 40, new Random(3)).Specimen;

    /// <summary>Naive reference: a column is at the surface when fewer than 6 other columns are within 3 Å.</summary>
    private static HashSet<(double, double)> Surface(AtomicColumn[] columns) =>
        [.. columns.Where(c => columns.Count(q => q != c && double.Hypot(q.XAngstrom - c.XAngstrom, q.YAngstrom - c.YAngstrom) < 3.0) < 6)
            .Select(c => (Math.Round(c.XAngstrom, 6), Math.Round(c.YAngstrom, 6)))];

    [Fact]
    public void NoDisorderReturnsTheSpecimenAndDrawsNothing()
    {
        var s = Particle();
        var rng = new Random(1);
        Assert.Same(s, SurfaceDisorder.Apply(s, new SurfaceDisorderParameters(), rng));
        Assert.Equal(new Random(1).Next(), rng.Next());
    }

    [Fact]
    public void FullVacancyRemovesExactlyTheSurfaceColumns()
    {
        var s = Particle();
        var before = ColumnGrouping.Group(s.Particle, 1.0);
        var surface = Surface(before);
        var after = ColumnGrouping.Group(SurfaceDisorder.Apply(s, new SurfaceDisorderParameters(VacancyFraction: 1), new Random(2)).Particle, 1.0);
        Assert.True(surface.Count > 10 && surface.Count < before.Length, $"{surface.Count} of {before.Length}");
        Assert.Equal(before.Length - surface.Count, after.Length);
        Assert.All(after, c => Assert.DoesNotContain((Math.Round(c.XAngstrom, 6), Math.Round(c.YAngstrom, 6)), surface));
    }

    [Fact]
    public void ThinningKeepsOneToNMinusOneAtomsOfEverySurfaceColumnAndMovingShiftsItByTheDrawnLength()
    {
        var s = Particle();
        var before = ColumnGrouping.Group(s.Particle, 1.0);
        var surface = Surface(before);
        var thinned = ColumnGrouping.Group(SurfaceDisorder.Apply(s, new SurfaceDisorderParameters(ThinningFraction: 1), new Random(2)).Particle, 1.0);
        Assert.Equal(before.Length, thinned.Length);
        for (int i = 0; i < before.Length; i++)
        {
            bool atSurface = surface.Contains((Math.Round(before[i].XAngstrom, 6), Math.Round(before[i].YAngstrom, 6)));
            var t = thinned.MinBy(c => double.Hypot(c.XAngstrom - before[i].XAngstrom, c.YAngstrom - before[i].YAngstrom))!;
            if (!atSurface || before[i].AtomCount == 1) Assert.Equal(before[i].AtomCount, t.AtomCount);
            else Assert.InRange(t.AtomCount, 1, before[i].AtomCount - 1);
        }
        var moved = ColumnGrouping.Group(SurfaceDisorder.Apply(s, new SurfaceDisorderParameters(DisplacementFraction: 1, DisplacementAngstrom: ParameterRange.Fixed(0.6)), new Random(2)).Particle, 1.0);
        Assert.Equal(before.Length, moved.Length);
        foreach (var c in before)
        {
            double d = moved.Min(m => double.Hypot(m.XAngstrom - c.XAngstrom, m.YAngstrom - c.YAngstrom));
            bool atSurface = surface.Contains((Math.Round(c.XAngstrom, 6), Math.Round(c.YAngstrom, 6)));
            Assert.Equal(atSurface ? 0.6 : 0, d, 1e-9);
        }
        Assert.Contains("surface_vacancy_fraction", Assert.Throws<ArgumentException>(() => new SurfaceDisorderParameters(VacancyFraction: 1.5).Validate()).Message);
    }
}
