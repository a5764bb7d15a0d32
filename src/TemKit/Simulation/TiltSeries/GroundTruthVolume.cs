using TemKit.Imaging;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.TiltSeries;

/// <summary>
/// The ground-truth volume of a tilt series on the reconstruction grid: every atom a normalised 3D Gaussian of
/// standard deviation s weighted by its detector cross-section σ(Z) (Å²), so the volume's projection along the beam at
/// tilt 0 is the incoherent image of a Gaussian probe of width s (in detector fraction per Å² of probe intensity).
/// </summary>
public static class GroundTruthVolume
{
    /// <summary>n³ voxels of <paramref name="stepAngstrom"/>; voxel (i, j, k) centred at ((i − c)·step, (j − c)·step,
    /// (k − c)·step) Å with c = (n − 1)/2 (the volume's centre, as in the reconstruction); atoms given about the origin.
    /// Values in 1/Å (Å² per Å³).</summary>
    public static ImageStack Render(IReadOnlyList<Atom> atoms, Func<int, double> crossSectionSquareAngstrom, int n, double stepAngstrom, double blobSigmaAngstrom)
    {
        var data = new float[(long)n * n * n];
        double s2 = blobSigmaAngstrom * blobSigmaAngstrom, norm = Math.Pow(2 * Math.PI * s2, -1.5);
        int reach = (int)Math.Ceiling(3.5 * blobSigmaAngstrom / stepAngstrom);
        var byZ = atoms.Select(a => (a, Voxel(a.ZAngstrom, n, stepAngstrom))).GroupBy(t => t.Item2).ToDictionary(g => g.Key, g => g.Select(t => t.a).ToArray());
        double c = 0.5 * (n - 1);
        Parallel.For(0, n, k =>
        {
            double z = (k - c) * stepAngstrom;
            var slab = data.AsSpan((int)((long)k * n * n), n * n);
            for (int kz = k - reach; kz <= k + reach; kz++)
            {
                if (!byZ.TryGetValue(kz, out var group)) continue;
                foreach (var a in group)
                {
                    double weight = crossSectionSquareAngstrom(a.AtomicNumber) * norm, dz = z - a.ZAngstrom;
                    double ez = Math.Exp(-0.5 * dz * dz / s2);
                    int ci = Voxel(a.XAngstrom, n, stepAngstrom), cj = Voxel(a.YAngstrom, n, stepAngstrom);
                    for (int j = Math.Max(0, cj - reach); j <= Math.Min(n - 1, cj + reach); j++)
                    {
                        double dy = (j - c) * stepAngstrom - a.YAngstrom, ey = ez * Math.Exp(-0.5 * dy * dy / s2);
                        for (int i = Math.Max(0, ci - reach); i <= Math.Min(n - 1, ci + reach); i++)
                        {
                            double dx = (i - c) * stepAngstrom - a.XAngstrom;
                            slab[j * n + i] += (float)(weight * ey * Math.Exp(-0.5 * dx * dx / s2));
                        }
                    }
                }
            }
        });
        return new ImageStack(n, n, n, data, StackKind.Volume, new VoxelSize(stepAngstrom, stepAngstrom, stepAngstrom));
    }

    private static int Voxel(double coordinateAngstrom, int n, double step) => (int)Math.Round(coordinateAngstrom / step + 0.5 * (n - 1));
}
