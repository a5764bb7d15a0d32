using TemKit.IO;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class StructureTests
{
    private const double Cell = 38.4;

    private static (Specimen Specimen, ParticleGeometry Geometry) Build(int seed, double tilt = 3, bool support = true) =>
        SupportedParticleBuilder.Build(new FccParticleParameters(DiameterNanometres: 2.5, MaxTiltDegrees: tilt, WithSupport: support), Cell, Cell, new Random(seed));

    [Fact]
    public void ZoneAxisParticleIsMadeOfColumnsAlongTheBeam()
    {
        // [110] along z: atoms stack in columns whose atoms are a/√2 = 2.884 Å apart along the beam.
        var (specimen, g) = Build(5, tilt: 0, support: false);
        Assert.Equal(0, g.TiltDegrees);
        var columns = specimen.Particle.GroupBy(a => (Math.Round(a.XAngstrom, 3), Math.Round(a.YAngstrom, 3))).ToList();
        Assert.True(columns.Count < specimen.Particle.Length / 3, $"{columns.Count} columns for {specimen.Particle.Length} atoms");
        foreach (var column in columns)
        {
            var z = column.Select(a => a.ZAngstrom).Order().ToArray();
            for (int i = 1; i < z.Length; i++) Assert.Equal(4.078 / Math.Sqrt(2), z[i] - z[i - 1], 1e-6);
        }
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(5.0, 0.0)]
    [InlineData(8.0, 90.0)]
    public void ExplicitTiltTurnsTheColumnsByThatAngleAboutThatAxis(double tilt, double axis)
    {
        // Without rotation, the [110] columns (neighbours a/√2 = 2.884 Å apart) point along the beam turned by the tilt
        // about the in-plane axis at azimuth `axis`: their direction is perpendicular to that axis, tilt° off z.
        var parameters = new FccParticleParameters(DiameterNanometres: 2.0, WithSupport: false, TiltDegrees: tilt, TiltAxisDegrees: axis, RotationDegrees: 0);
        var (specimen, g) = SupportedParticleBuilder.Build(parameters, Cell, Cell, new Random(4));
        Assert.Equal(tilt, g.TiltDegrees);
        Assert.Equal(axis, g.TiltAxisDegrees);
        double step = 4.078 / Math.Sqrt(2);
        var atoms = specimen.Particle;
        var directions = new List<(double X, double Y, double Z)>();
        foreach (var p in atoms)
            foreach (var q in atoms)
            {
                double dx = q.XAngstrom - p.XAngstrom, dy = q.YAngstrom - p.YAngstrom, dz = q.ZAngstrom - p.ZAngstrom;
                // nearest neighbours along the column: 2.884 Å apart and within 20° of the beam
                if (dz > 0 && Math.Abs(Math.Sqrt(dx * dx + dy * dy + dz * dz) - step) < 1e-6 && dz / step > Math.Cos(20 * Math.PI / 180))
                    directions.Add((dx / step, dy / step, dz / step));
            }
        Assert.True(directions.Count > atoms.Length / 2, $"{directions.Count} column bonds for {atoms.Length} atoms");
        double ux = Math.Cos(axis * Math.PI / 180), uy = Math.Sin(axis * Math.PI / 180);
        foreach (var (x, y, z) in directions)
        {
            Assert.Equal(tilt, Math.Acos(Math.Min(1, z)) * 180 / Math.PI, 1e-5);
            Assert.Equal(0, x * ux + y * uy, 1e-9);
        }
    }

    [Fact]
    public void ExplicitTiltKeepsTheOtherRandomChoicesOfTheSeed()
    {
        var random = SupportedParticleBuilder.Build(new FccParticleParameters(DiameterNanometres: 2.0, WithSupport: false), Cell, Cell, new Random(6)).Geometry;
        var fixedTilt = SupportedParticleBuilder.Build(new FccParticleParameters(DiameterNanometres: 2.0, WithSupport: false, TiltDegrees: 7), Cell, Cell, new Random(6)).Geometry;
        Assert.Equal(7, fixedTilt.TiltDegrees);
        Assert.Equal(random.TiltAxisDegrees, fixedTilt.TiltAxisDegrees);
        Assert.Equal(random.RotationDegrees, fixedTilt.RotationDegrees);
        Assert.Equal(random.TruncationLayers, fixedTilt.TruncationLayers);
        Assert.Throws<ArgumentException>(() => new FccParticleParameters(TiltDegrees: 91).Validate());
    }

    [Fact]
    public void ParticleSitsOnACeriaSlabWithoutOverlap()
    {
        var (specimen, g) = Build(9);
        Assert.InRange(g.TiltDegrees, 0, 3);
        Assert.Equal(specimen.Particle.Length, g.ParticleAtoms);
        Assert.All(specimen.Particle, a => Assert.Equal(79, a.AtomicNumber));
        // A 2.5 nm sphere of Au holds 4/3 π r³ · 4/a³ ≈ 482 atoms; truncation removes up to half.
        Assert.InRange(specimen.Particle.Length, 240, 500);
        int ce = specimen.Support.Count(a => a.AtomicNumber == 58), o = specimen.Support.Count(a => a.AtomicNumber == 8);
        Assert.True(ce > 100);
        Assert.InRange((double)o / ce, 1.8, 2.2);   // CeO2 stoichiometry, cut into whole O-Ce-O trilayers
        double closest = double.PositiveInfinity;
        foreach (var p in specimen.Particle)
            foreach (var s in specimen.Support)
            {
                double dx = p.XAngstrom - s.XAngstrom, dy = p.YAngstrom - s.YAngstrom, dz = p.ZAngstrom - s.ZAngstrom;
                closest = Math.Min(closest, Math.Sqrt(dx * dx + dy * dy + dz * dz));
            }
        Assert.InRange(closest, 2.0, 3.0);   // the Au face is 2.3 Å from the top O layer
        Assert.All(specimen.All, a => Assert.True(a.XAngstrom is >= 0 and < Cell && a.YAngstrom is >= 0 and < Cell && a.ZAngstrom >= 0));
        // The support lies on one side of the particle: its centroid is farther from the particle centre than the radius.
        double px = specimen.Particle.Average(a => a.XAngstrom), py = specimen.Particle.Average(a => a.YAngstrom);
        double sx = specimen.Support.Average(a => a.XAngstrom), sy = specimen.Support.Average(a => a.YAngstrom);
        Assert.True(Math.Sqrt((sx - px) * (sx - px) + (sy - py) * (sy - py)) > 5);
    }

    [Fact]
    public void SameSeedSameParticleDifferentSeedDifferentParticle()
    {
        var a = Build(1).Specimen;
        var b = Build(1).Specimen;
        var c = Build(2).Specimen;
        Assert.Equal(a.Particle, b.Particle);
        Assert.Equal(a.Support, b.Support);
        Assert.NotEqual(a.Particle, c.Particle);
    }

    [Fact]
    public void TooLargeParticleIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => SupportedParticleBuilder.Build(new FccParticleParameters(DiameterNanometres: 6), 30, 30, new Random(1)));
        Assert.Contains("does not fit", e.Message);
        Assert.Throws<ArgumentException>(() => new FccParticleParameters(Element: "Fe").ResolvedLatticeConstantAngstrom);
        Assert.Equal(3.5, new FccParticleParameters(Element: "Fe", LatticeConstantAngstrom: 3.5).ResolvedLatticeConstantAngstrom);
    }

    [Fact]
    public void XyzRoundTripsAndKeepsTheSupportTags()
    {
        var (specimen, _) = Build(4);
        string path = Path.Combine(Path.GetTempPath(), $"temkit-xyz-{Guid.NewGuid():N}.xyz");
        try
        {
            XyzFile.Write(path, specimen, 40);
            var back = XyzFile.Read(path);
            Assert.Equal(specimen.CellXAngstrom, back.CellXAngstrom, 9);
            Assert.Equal(specimen.Particle.Length, back.Particle.Length);
            Assert.Equal(specimen.Support.Length, back.Support.Length);
            for (int i = 0; i < back.Particle.Length; i++)
            {
                Assert.Equal(specimen.Particle[i].AtomicNumber, back.Particle[i].AtomicNumber);
                Assert.Equal(specimen.Particle[i].XAngstrom, back.Particle[i].XAngstrom, 1e-5);
                Assert.Equal(specimen.Particle[i].ZAngstrom, back.Particle[i].ZAngstrom, 1e-5);
            }
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("x\ncomment\n", "line 1: atom count 'x'")]
    [InlineData("2\ncomment\nAu 0 0 0\n", "header says 2 atoms")]
    [InlineData("1\ncomment\nQq 0 0 0\n", "line 3: unknown element 'Qq'")]
    [InlineData("1\ncomment\nAu 0 zero 0\n", "line 3: coordinate 'zero'")]
    [InlineData("1\nLattice=\"1 2 3\"\nAu 0 0 0\n", "Lattice needs 9 numbers")]
    public void BadXyzFilesNameTheProblem(string text, string problem)
    {
        string path = Path.Combine(Path.GetTempPath(), $"temkit-bad-{Guid.NewGuid():N}.xyz");
        File.WriteAllText(path, text);
        try
        {
            var e = Assert.Throws<TemKitFormatException>(() => XyzFile.Read(path));
            Assert.Contains(problem, e.Message);
            Assert.StartsWith(Path.GetFileName(path), e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void PlainXyzWithoutACellGetsOneAroundTheAtoms()
    {
        string path = Path.Combine(Path.GetTempPath(), $"temkit-plain-{Guid.NewGuid():N}.xyz");
        File.WriteAllText(path, "2\nplain\nAu -1 0 5\n79 3 4 6\n");
        try
        {
            var s = XyzFile.Read(path, marginAngstrom: 2);
            Assert.Equal(8, s.CellXAngstrom, 9);
            Assert.Equal(8, s.CellYAngstrom, 9);
            Assert.Equal(2, s.Particle.Length);
            Assert.Equal(2, s.Particle[0].XAngstrom, 9);
            Assert.Equal(2, s.Particle[0].ZAngstrom, 9);
        }
        finally { File.Delete(path); }
    }
}
