using TemKit.Tomography;
using TemKit.Tomography.Projection;
using Xunit;

namespace TemKit.Tests.Tomography;

public class ProjectorTests
{
    private static float[] RandomArray(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() - 0.5);
        return a;
    }

    [Theory]
    [InlineData(33, 20, 33, 7)]
    [InlineData(17, 17, 24, 31)]
    public void BackProjectorIsTheAdjointOfTheProjector(int width, int thickness, int detector, int angles)
    {
        var tilts = Enumerable.Range(0, angles).Select(i => -80 + 160.0 * i / (angles - 1) + 0.37).ToArray();
        var g = new SliceGeometry(width, thickness, detector, tilts);
        var x = RandomArray(SlabProjector.VolumeLength(g), 1);
        var y = RandomArray(SlabProjector.SinogramLength(g), 2);
        SlabProjector.ClearGuards(g, y);
        var ax = new float[y.Length];
        SlabProjector.Forward(g, x, ax);
        SlabProjector.ClearGuards(g, ax);
        var aty = new float[x.Length];
        SlabProjector.Back(g, y, aty);
        double left = 0, right = 0;
        for (int i = 0; i < ax.Length; i++) left += (double)ax[i] * y[i];
        for (int i = 0; i < x.Length; i++) right += (double)x[i] * aty[i];
        Assert.True(Math.Abs(left - right) <= 1e-4 * Math.Abs(left), $"<Ax,y> = {left}, <x,A'y> = {right}");
    }

    [Fact]
    public void ProjectionOfAPointLandsWhereTiltGeometrySays()
    {
        // One voxel at (x, z) = (+5, −3) about the centre of a 31x31 slice; detector 31.
        double[] tilts = [-60, -20, 0, 35, 70];
        var g = new SliceGeometry(31, 31, 31, tilts);
        var v = new float[SlabProjector.VolumeLength(g)];
        int L = SlabProjector.Lanes;
        v[((15 - 3) * 31 + 15 + 5) * L] = 1;
        var p = new float[SlabProjector.SinogramLength(g)];
        SlabProjector.Forward(g, v, p);
        for (int a = 0; a < tilts.Length; a++)
        {
            double centroid = 0, mass = 0;
            for (int u = 0; u < 31; u++)
            {
                double w = p[(a * g.PaddedRow + 1 + u) * L];
                centroid += w * (u - 15);
                mass += w;
            }
            Assert.Equal(1, mass, 5);
            Assert.Equal(TiltGeometry.ProjectedX(5, -3, tilts[a]), centroid / mass, 4);
        }
    }

    [Fact]
    public void LanesAreIndependentSlices()
    {
        var g = new SliceGeometry(12, 9, 14, [-40.0, 0, 25]);
        int L = SlabProjector.Lanes;
        var v = RandomArray(SlabProjector.VolumeLength(g), 3);
        var p = new float[SlabProjector.SinogramLength(g)];
        SlabProjector.Forward(g, v, p);
        // Reference: lane 5 alone through a slab where every other lane is zero.
        var single = new float[v.Length];
        for (int i = 5; i < v.Length; i += L) single[i] = v[i];
        var q = new float[p.Length];
        SlabProjector.Forward(g, single, q);
        for (int i = 5; i < p.Length; i += L) Assert.Equal(q[i], p[i], 5);
    }
}
