using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class ClusterTests
{
    private const double AuBond = 4.078 / 1.4142135623730951;

    [Theory]
    [InlineData(1, 13)]
    [InlineData(2, 55)]
    [InlineData(3, 147)]
    [InlineData(4, 309)]
    [InlineData(5, 561)]
    public void IcosahedronHasMagicNumbers(int shells, int expected)
    {
        var atoms = Clusters.Icosahedron(79, shells, AuBond);
        Assert.Equal(expected, atoms.Length);
        AssertBonds(atoms, AuBond, 0.999, 1.052);
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(2, 0, 6)]
    [InlineData(3, 0, 19)]
    [InlineData(4, 0, 44)]
    [InlineData(5, 0, 85)]
    [InlineData(6, 0, 146)]
    [InlineData(4, 1, 38)]
    [InlineData(5, 1, 79)]
    [InlineData(7, 2, 201)]
    public void OctahedraHaveMagicNumbers(int edge, int cut, int expected)
    {
        var atoms = Clusters.Octahedron(79, edge, cut, AuBond);
        Assert.Equal(expected, atoms.Length);
        if (atoms.Length > 1) AssertBonds(atoms, AuBond, 0.999, 1.001);
    }

    [Theory]
    [InlineData(2, 1, 0, 7)]     // pentagonal bipyramid (5m³ + m)/6
    [InlineData(3, 1, 0, 23)]
    [InlineData(4, 1, 0, 54)]
    [InlineData(5, 1, 0, 105)]
    [InlineData(2, 2, 0, 13)]    // 13-atom Ino decahedron
    public void DecahedraHaveMagicNumbers(int p, int q, int r, int expected)
    {
        var atoms = Clusters.Decahedron(79, p, q, r, AuBond);
        Assert.Equal(expected, atoms.Length);
        AssertBonds(atoms, AuBond, 0.985, 1.02);
    }

    [Fact]
    public void MarksDecahedronHasFivefoldSymmetryAndNotches()
    {
        var ino = Clusters.Decahedron(79, 5, 2, 0, AuBond);
        var marks = Clusters.Decahedron(79, 5, 2, 1, AuBond);
        Assert.True(marks.Length < ino.Length);
        AssertBonds(marks, AuBond, 0.985, 1.02);
        // Rotating by 72° about z maps the cluster onto itself.
        double c = Math.Cos(2 * Math.PI / 5), s = Math.Sin(2 * Math.PI / 5);
        foreach (var a in marks)
        {
            double x = c * a.XAngstrom - s * a.YAngstrom, y = s * a.XAngstrom + c * a.YAngstrom;
            Assert.Contains(marks, b => Math.Abs(b.XAngstrom - x) < 1e-6 && Math.Abs(b.YAngstrom - y) < 1e-6 && Math.Abs(b.ZAngstrom - a.ZAngstrom) < 1e-6);
        }
        // The notch: the atoms farthest from the axis in the Ino form (the pentagon's corners) are gone.
        double inoMax = ino.Max(a => Math.Sqrt(a.XAngstrom * a.XAngstrom + a.YAngstrom * a.YAngstrom));
        double marksMax = marks.Max(a => Math.Sqrt(a.XAngstrom * a.XAngstrom + a.YAngstrom * a.YAngstrom));
        Assert.True(marksMax < inoMax - 0.5);
    }

    // Every atom's nearest neighbour lies within [lo, hi]·d.
    private static void AssertBonds(Atom[] atoms, double d, double lo, double hi)
    {
        for (int i = 0; i < atoms.Length; i++)
        {
            double best = double.PositiveInfinity;
            for (int j = 0; j < atoms.Length; j++)
            {
                if (i == j) continue;
                double dx = atoms[i].XAngstrom - atoms[j].XAngstrom, dy = atoms[i].YAngstrom - atoms[j].YAngstrom, dz = atoms[i].ZAngstrom - atoms[j].ZAngstrom;
                best = Math.Min(best, Math.Sqrt(dx * dx + dy * dy + dz * dz));
            }
            Assert.InRange(best / d, lo, hi);
        }
    }
}
