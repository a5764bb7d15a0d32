using TemKit.Imaging;
using TemKit.Tomography;
using TemKit.Tomography.Alignment;
using TemKit.Tomography.Phantoms;
using Xunit;

namespace TemKit.Tests.Tomography;

public class AlignmentTests
{
    /// <summary>
    /// Analytic projections of blobs (TiltGeometry) with the tilt axis rotated by <paramref name="axisDegrees"/>
    /// (counter-clockwise from +y) and each frame's content moved by a known shift, plus Gaussian noise.
    /// </summary>
    internal static (ImageStack Series, (double X, double Y)[] Shifts) Misaligned(GaussianBlob[] blobs, int size, double[] tilts, double axisDegrees, int seed, double noise)
    {
        var rng = new Random(seed);
        var shifts = tilts.Select(_ => (X: rng.NextDouble() * 20 - 10, Y: rng.NextDouble() * 20 - 10)).ToArray();
        var stack = new ImageStack(size, size, tilts.Length);
        double psi = axisDegrees * Math.PI / 180, c = (size - 1) / 2.0;
        for (int a = 0; a < tilts.Length; a++)
        {
            var f = stack.Frame(a);
            foreach (var b in blobs)
            {
                double u = TiltGeometry.ProjectedX(b.X, b.Z, tilts[a]), v = b.Y;
                double px = Math.Cos(psi) * u - Math.Sin(psi) * v + shifts[a].X, py = Math.Sin(psi) * u + Math.Cos(psi) * v + shifts[a].Y;
                double peak = b.Amplitude * b.SigmaPx * Math.Sqrt(2 * Math.PI), s2 = 2 * b.SigmaPx * b.SigmaPx;
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                    {
                        double dx = x - c - px, dy = y - c - py;
                        f[y * size + x] += (float)(peak * Math.Exp(-(dx * dx + dy * dy) / s2));
                    }
            }
            for (int i = 0; i < f.Length; i++) f[i] += (float)(noise * Gaussian(rng));
        }
        return (stack, shifts);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Blobs with their mass centred at z = 0 (cross-correlation aligns the mass centre).</summary>
    internal static GaussianBlob[] CentredBlobs(int seed)
    {
        var blobs = GaussianBlobs.Random(10, 44, 30, seed);
        double m = blobs.Sum(b => b.Amplitude * Math.Pow(b.SigmaPx, 3)), zc = blobs.Sum(b => b.Amplitude * Math.Pow(b.SigmaPx, 3) * b.Z) / m;
        return blobs.Select(b => b with { Z = b.Z - zc }).ToArray();
    }

    [Theory]
    [InlineData(3.7, 11)]
    [InlineData(-4.6, 12)]
    [InlineData(0.0, 13)]
    public void RecoversShiftsAndTiltAxis(double axis, int seed)
    {
        const int N = 96;
        var tilts = Enumerable.Range(0, 41).Select(i => -60.0 + 3 * i).ToArray();
        var (series, shifts) = Misaligned(CentredBlobs(seed), N, tilts, axis, seed, noise: 0.05);
        var result = CoarseAlignment.Align(series, tilts, new AlignmentOptions());
        Assert.InRange(result.TiltAxisDegrees, axis - 0.5, axis + 0.5);
        // Expected: the true shifts relative to the zero tilt, in the frame rotated by −axis.
        int r = result.ReferenceIndex;
        double psi = -result.TiltAxisDegrees * Math.PI / 180;
        var dx = new double[tilts.Length];
        var dy = new double[tilts.Length];
        for (int i = 0; i < tilts.Length; i++)
        {
            double tx = shifts[i].X - shifts[r].X, ty = shifts[i].Y - shifts[r].Y;
            dx[i] = result.ShiftsPx[i].X - (Math.Cos(psi) * tx - Math.Sin(psi) * ty);
            dy[i] = result.ShiftsPx[i].Y - (Math.Sin(psi) * tx + Math.Cos(psi) * ty);
        }
        // A series fixes the object only up to its 3D position: moving it by (a, b) in (x, z) moves frame i by
        // a (cos θ − 1) + b sin θ relative to the zero tilt, so that two-parameter family is removed before the residual.
        var (a, b) = FitPosition(tilts, dx);
        double sumSq = 0;
        for (int i = 0; i < tilts.Length; i++)
        {
            double t = tilts[i] * Math.PI / 180, ex = dx[i] - a * (Math.Cos(t) - 1) - b * Math.Sin(t);
            sumSq += ex * ex + dy[i] * dy[i];
        }
        double rms = Math.Sqrt(sumSq / tilts.Length);
        Assert.True(rms <= 0.5, $"residual shift {rms:F2} px RMS (axis {result.TiltAxisDegrees:F2}° vs {axis}°, object moved by {a:F2}, {b:F2} px)");
    }

    /// <summary>Least squares of d ≈ a (cos θ − 1) + b sin θ.</summary>
    private static (double A, double B) FitPosition(double[] tilts, double[] d)
    {
        double s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0;
        for (int i = 0; i < tilts.Length; i++)
        {
            double t = tilts[i] * Math.PI / 180, u = Math.Cos(t) - 1, v = Math.Sin(t);
            s11 += u * u; s12 += u * v; s22 += v * v; r1 += u * d[i]; r2 += v * d[i];
        }
        double det = s11 * s22 - s12 * s12;
        return ((r1 * s22 - r2 * s12) / det, (s11 * r2 - s12 * r1) / det);
    }
}
