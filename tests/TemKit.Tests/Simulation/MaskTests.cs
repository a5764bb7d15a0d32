using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class MaskTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 12)]
    [InlineData(3, 30)]
    public void ConvexHullMaskMatchesBruteForce(int seed, int count)
    {
        // Brute force (Carathéodory): a point is in the convex hull of a planar set iff it lies in a triangle of three of
        // its points.
        var rng = new Random(seed);
        const int n = 48;
        const double px = 0.25;
        var atoms = Enumerable.Range(0, count).Select(_ => new Atom(79, 2 + 8 * rng.NextDouble(), 2 + 8 * rng.NextDouble(), rng.NextDouble())).ToArray();
        var support = new Atom(58, 11.5, 11.5, 0);
        var mask = ParticleMask.Rasterise(atoms, n, n, px);
        int inside = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                bool expected = InSomeTriangle(atoms, i * px, j * px);
                Assert.True(expected == (mask[i, j] == 1f), $"pixel ({i}, {j}): brute force {expected}, mask {mask[i, j]}");
                if (expected) inside++;
            }
        Assert.True(inside > 0);
        Assert.Equal(0f, mask[(int)(support.XAngstrom / px), (int)(support.YAngstrom / px)]);
        Assert.All(mask.Pixels.ToArray(), v => Assert.True(v is 0f or 1f));
    }

    private static bool InSomeTriangle(Atom[] p, double x, double y)
    {
        for (int a = 0; a < p.Length; a++)
            for (int b = a + 1; b < p.Length; b++)
                for (int c = b + 1; c < p.Length; c++)
                {
                    double d1 = Side(p[a], p[b], x, y), d2 = Side(p[b], p[c], x, y), d3 = Side(p[c], p[a], x, y);
                    bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
                    if (!(neg && pos)) return true;
                }
        return false;
    }

    private static double Side(Atom a, Atom b, double x, double y) =>
        (b.XAngstrom - a.XAngstrom) * (y - a.YAngstrom) - (b.YAngstrom - a.YAngstrom) * (x - a.XAngstrom);

    [Fact]
    public void HullOfASquareWithInteriorPointsIsItsCorners()
    {
        var hull = ConvexHull2D.Compute([(0, 0), (2, 0), (2, 2), (0, 2), (1, 1), (1, 0), (0.5, 1.5)]);
        Assert.Equal(4, hull.Length);
        Assert.Equal(4.0, Area(hull), 12);
    }

    private static double Area((double X, double Y)[] h)
    {
        double s = 0;
        for (int i = 0; i < h.Length; i++) s += h[i].X * h[(i + 1) % h.Length].Y - h[(i + 1) % h.Length].X * h[i].Y;
        return 0.5 * s;
    }
}
