using TemKit.Imaging;
using TemKit.Imaging.Components;

namespace TemKit.Tests.Imaging.Components;

public class ConnectedComponentsTests
{
    /// <summary>Naive reference: scan in raster order, flood-fill (breadth first) each unlabelled foreground pixel.</summary>
    private static (int[] Labels, int Count) FloodFill(byte[] mask, int w, int h, bool diagonal)
    {
        var labels = new int[mask.Length];
        int count = 0;
        var queue = new Queue<(int X, int Y)>();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                if (mask[y * w + x] == 0 || labels[y * w + x] != 0) continue;
                labels[y * w + x] = ++count;
                queue.Enqueue((x, y));
                while (queue.Count > 0)
                {
                    var (cx, cy) = queue.Dequeue();
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            if (dx == 0 && dy == 0 || !diagonal && dx != 0 && dy != 0) continue;
                            int nx = cx + dx, ny = cy + dy;
                            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                            int j = ny * w + nx;
                            if (mask[j] == 0 || labels[j] != 0) continue;
                            labels[j] = count;
                            queue.Enqueue((nx, ny));
                        }
                }
            }
        return (labels, count);
    }

    private static byte[] RandomMask(int w, int h, double density, int seed)
    {
        var rng = new Random(seed);
        var mask = new byte[w * h];
        for (int i = 0; i < mask.Length; i++) mask[i] = rng.NextDouble() < density ? (byte)1 : (byte)0;
        return mask;
    }

    [Theory]
    [InlineData(1, 1), InlineData(1, 17), InlineData(17, 1), InlineData(3, 3), InlineData(31, 29), InlineData(64, 48)]
    public void MatchesFloodFillOnRandomMasks(int w, int h)
    {
        foreach (double density in new[] { 0.0, 0.2, 0.45, 0.6, 1.0 })
            foreach (var connectivity in new[] { Connectivity.Four, Connectivity.Eight })
            {
                var mask = RandomMask(w, h, density, seed: w * 1000 + h + (int)(density * 100));
                var labels = new int[w * h];
                int count = ConnectedComponents.Label(mask, w, h, labels, connectivity);
                var (expected, expectedCount) = FloodFill(mask, w, h, connectivity == Connectivity.Eight);
                Assert.Equal(expectedCount, count);
                Assert.Equal(expected, labels);
            }
    }

    [Fact]
    public void DiagonalNeighboursJoinOnlyWithEightConnectivity()
    {
        // A U shape whose arms meet the base only through a corner on the right: 2 parts with 4-, 1 with 8-connectivity.
        byte[] mask =
        [
            1, 0, 0, 1,
            1, 0, 1, 0,
            1, 1, 1, 0,
        ];
        var labels = new int[12];
        Assert.Equal(2, ConnectedComponents.Label(mask, 4, 3, labels, Connectivity.Four));
        Assert.Equal([1, 0, 0, 2, 1, 0, 1, 0, 1, 1, 1, 0], labels);
        Assert.Equal(1, ConnectedComponents.Label(mask, 4, 3, labels, Connectivity.Eight));
    }

    [Fact]
    public void MeasurementsMatchANaiveSumAndTheDiscGeometry()
    {
        int w = 60, h = 50;
        var mask = new byte[w * h];
        var prob = new float[w * h];
        // Disc of radius 10 px at (20, 25), a 5x3 rectangle touching the right edge.
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                prob[i] = (x + 2 * y) / 200f;
                if ((x - 20) * (x - 20) + (y - 25) * (y - 25) <= 100) mask[i] = 1;
                if (x >= 55 && y >= 4 && y < 7) mask[i] = 1;
            }
        var labels = new int[w * h];
        int count = ConnectedComponents.Label(mask, w, h, labels);
        Assert.Equal(2, count);
        var m = ComponentMeasurements.Measure(labels, count, w, h, prob, VoxelSize.Isotropic(2));
        // Label 1 is the rectangle (its first pixel, row 4, comes before the disc's first row, 15).
        var rect = m[0];
        Assert.Equal(15, rect.AreaPx);
        Assert.Equal(15 * 0.04, rect.AreaNm2, 12);
        Assert.Equal((55, 4, 59, 6), (rect.MinXPx, rect.MinYPx, rect.MaxXPx, rect.MaxYPx));
        Assert.Equal(57, rect.CentroidXPx, 12);
        Assert.Equal(5, rect.CentroidYPx, 12);
        Assert.Equal(5 * 0.2, rect.CentroidYNm, 12);
        Assert.True(rect.TouchesEdge);
        // Mean probability of the rectangle: mean of (x + 2y)/200 = (57 + 10)/200.
        Assert.Equal(67 / 200.0, rect.MeanProbability, 6);
        var disc = m[1];
        Assert.False(disc.TouchesEdge);
        Assert.Equal(20, disc.CentroidXPx, 12);
        Assert.Equal(25, disc.CentroidYPx, 12);
        Assert.Equal(317, disc.AreaPx); // lattice points with x² + y² ≤ 100 (Gauss circle problem, r = 10)
        Assert.Equal(2 * Math.Sqrt(317 / Math.PI) * 0.2, disc.EquivalentDiameterNm, 12);
        Assert.InRange(disc.EquivalentDiameterPx, 19.8, 20.3); // ≈ 2r
        var unknown = ComponentMeasurements.Measure(labels, count, w, h, [], VoxelSize.Unknown);
        Assert.True(double.IsNaN(unknown[1].AreaNm2) && double.IsNaN(unknown[1].MeanProbability));
    }
}
