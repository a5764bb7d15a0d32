using System.Diagnostics;
using TemKit.Bench.Infrastructure;
using TemKit.Imaging;
using TemKit.Tomography;
using TemKit.Tomography.Alignment;
using TemKit.Tomography.Phantoms;

namespace TemKit.Bench.Tomography;

/// <summary>
/// tomo-align: the alignment validation of issue 16 on exact projections of Gaussian-blob phantoms (mass centred at
/// z = 0) with random shifts of ±10 px per frame and tilt axes rotated by ±5°, plus Poisson noise. Residual shift =
/// RMS over frames of (found − true) after removing the two-parameter family a (cos θ − 1) + b sin θ that any 3D
/// position of the object leaves free.
/// </summary>
internal sealed class TomoAlignBench : IBench
{
    public string Name => "tomo-align";

    public string Description => "Coarse alignment on blob series with ±10 px shifts and ±5° axes: axis error, residual shift RMS. Args: [series=10] [size=128]";

    public int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
        int n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 128;
        var tilts = Enumerable.Range(0, 61).Select(i => -60.0 + 2 * i).ToArray();
        Console.WriteLine($"{count} series of {tilts.Length} tilts ±60°/2°, {n}² px, 12 blobs, Poisson noise at ~200 counts at the blob peaks");
        Console.WriteLine("| seed | true axis (°) | found (°) | axis error (°) | residual shift RMS (px) | seconds |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var axisErrors = new List<double>();
        var residuals = new List<double>();
        for (int seed = 1; seed <= count; seed++)
        {
            var rng = new Random(seed);
            double axis = rng.NextDouble() * 10 - 5;
            var blobs = GaussianBlobs.Random(12, n * 0.45, n * 0.3, seed);
            double m = blobs.Sum(b => b.Amplitude * Math.Pow(b.SigmaPx, 3)), zc = blobs.Sum(b => b.Amplitude * Math.Pow(b.SigmaPx, 3) * b.Z) / m;
            blobs = blobs.Select(b => b with { Z = b.Z - zc }).ToArray();
            var shifts = tilts.Select(_ => (X: rng.NextDouble() * 20 - 10, Y: rng.NextDouble() * 20 - 10)).ToArray();
            var series = Render(blobs, n, tilts, axis, shifts, rng);
            var watch = Stopwatch.StartNew();
            var result = CoarseAlignment.Align(series, tilts, new AlignmentOptions());
            double seconds = watch.Elapsed.TotalSeconds;
            double residual = Residual(result, tilts, shifts);
            axisErrors.Add(result.TiltAxisDegrees - axis);
            residuals.Add(residual);
            Console.WriteLine($"| {seed} | {axis:F2} | {result.TiltAxisDegrees:F2} | {result.TiltAxisDegrees - axis:F2} | {residual:F2} | {seconds:F1} |");
        }
        Console.WriteLine($"largest |axis error| {axisErrors.Max(Math.Abs):F2}°, largest residual {residuals.Max():F2} px RMS, mean residual {residuals.Average():F2} px RMS");
        return 0;
    }

    private static ImageStack Render(GaussianBlob[] blobs, int n, double[] tilts, double axis, (double X, double Y)[] shifts, Random rng)
    {
        var stack = new ImageStack(n, n, tilts.Length);
        double psi = axis * Math.PI / 180, c = (n - 1) / 2.0, scale = 0;
        for (int a = 0; a < tilts.Length; a++)
        {
            var f = stack.Frame(a);
            foreach (var b in blobs)
            {
                double u = TiltGeometry.ProjectedX(b.X, b.Z, tilts[a]), v = b.Y;
                double px = Math.Cos(psi) * u - Math.Sin(psi) * v + shifts[a].X, py = Math.Sin(psi) * u + Math.Cos(psi) * v + shifts[a].Y;
                double peak = b.Amplitude * b.SigmaPx * Math.Sqrt(2 * Math.PI), s2 = 2 * b.SigmaPx * b.SigmaPx;
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++)
                    {
                        double dx = x - c - px, dy = y - c - py;
                        f[y * n + x] += (float)(peak * Math.Exp(-(dx * dx + dy * dy) / s2));
                    }
            }
            if (a == 0) scale = 200 / f.ToArray().Max();
            for (int i = 0; i < f.Length; i++) f[i] = Poisson(rng, f[i] * scale + 2);
        }
        return stack;
    }

    private static float Poisson(Random rng, double mean)
    {
        if (mean > 30) return (float)Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())));
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }

    private static double Residual(AlignmentResult result, double[] tilts, (double X, double Y)[] shifts)
    {
        int r = result.ReferenceIndex, n = tilts.Length;
        double psi = -result.TiltAxisDegrees * Math.PI / 180;
        var dx = new double[n];
        var dy = new double[n];
        for (int i = 0; i < n; i++)
        {
            double tx = shifts[i].X - shifts[r].X, ty = shifts[i].Y - shifts[r].Y;
            dx[i] = result.ShiftsPx[i].X - (Math.Cos(psi) * tx - Math.Sin(psi) * ty);
            dy[i] = result.ShiftsPx[i].Y - (Math.Sin(psi) * tx + Math.Cos(psi) * ty);
        }
        double s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0;
        for (int i = 0; i < n; i++)
        {
            double t = tilts[i] * Math.PI / 180, u = Math.Cos(t) - 1, v = Math.Sin(t);
            s11 += u * u; s12 += u * v; s22 += v * v; r1 += u * dx[i]; r2 += v * dx[i];
        }
        double det = s11 * s22 - s12 * s12, a = (r1 * s22 - r2 * s12) / det, b = (s11 * r2 - s12 * r1) / det, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = tilts[i] * Math.PI / 180, ex = dx[i] - a * (Math.Cos(t) - 1) - b * Math.Sin(t);
            sum += ex * ex + dy[i] * dy[i];
        }
        return Math.Sqrt(sum / n);
    }
}
