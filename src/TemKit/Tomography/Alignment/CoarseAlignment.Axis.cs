using TemKit.Imaging;

namespace TemKit.Tomography.Alignment;

public static partial class CoarseAlignment
{
    /// <summary>Axis angle (degrees) maximising the agreement of the profiles along the axis; coarse 1° grid, then 0.1°, then a parabola.</summary>
    private static double EstimateAxis(ImageStack series, int reference, AlignmentOptions options)
    {
        double centre = options.TiltAxisDegrees, range = options.TiltAxisSearchDegrees;
        if (range == 0) return centre;
        double Score(double psi) => ProfileAgreement(series, reference, psi);
        double best = centre;
        double bestScore = double.NegativeInfinity;
        for (double psi = centre - range; psi <= centre + range + 1e-9; psi += 1)
        {
            double s = Score(psi);
            if (s > bestScore) { bestScore = s; best = psi; }
        }
        double coarse = best;
        var fine = new List<(double Psi, double Score)>();
        for (double psi = coarse - 1; psi <= coarse + 1 + 1e-9; psi += 0.1) fine.Add((psi, Score(psi)));
        // A least-squares parabola through all fine points is steadier under noise than the three around the maximum.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        foreach (var (psi, score) in fine)
        {
            double d = psi - coarse, d2 = d * d;
            s0 += 1; s1 += d; s2 += d2; s3 += d2 * d; s4 += d2 * d2;
            t0 += score; t1 += score * d; t2 += score * d2;
        }
        var m = new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(3, 3, [s0, s1, s2, s1, s2, s3, s2, s3, s4]);
        var q = m.Solve(new MathNet.Numerics.LinearAlgebra.Double.DenseVector([t0, t1, t2]));
        double vertex = q[2] < 0 ? -q[1] / (2 * q[2]) : double.NaN;
        return double.IsFinite(vertex) && Math.Abs(vertex) <= 1 ? coarse + vertex : fine.MaxBy(f => f.Score).Psi;
    }

    /// <summary>Mean over frames of the best normalised correlation (over shifts along the axis) of its axis profile with the reference frame's.</summary>
    private static double ProfileAgreement(ImageStack series, int reference, double psiDegrees)
    {
        int n = series.Nz, w = series.Nx, h = series.Ny;
        var profiles = new double[n][];
        Parallel.For(0, n, i => profiles[i] = AxisProfile(series.Frame(i), w, h, psiDegrees));
        int maxLag = h / 4;
        double total = 0;
        var reference0 = profiles[reference];
        for (int i = 0; i < n; i++)
        {
            if (i == reference) continue;
            int bestLag = 0;
            double best = double.NegativeInfinity;
            for (int lag = -maxLag; lag <= maxLag; lag++)
            {
                double c = Ncc(reference0, profiles[i], lag);
                if (c > best) { best = c; bestLag = lag; }
            }
            // The shift along the axis is fractional: take the parabola's peak, or integer lags would favour some angles.
            double m = Ncc(reference0, profiles[i], bestLag - 1), p = Ncc(reference0, profiles[i], bestLag + 1), den = m - 2 * best + p;
            total += den < 0 ? best - (m - p) * (m - p) / (8 * den) : best;
        }
        return total / Math.Max(1, n - 1);
    }

    /// <summary>
    /// Projection of the image onto the axis direction a = (−sin ψ, cos ψ): each pixel's value, less the background
    /// (mean of the outermost rows and columns), is added at s = (p − c)·a with linear weights; length 2·max(w, h).
    /// The whole image is used, so an object that stays inside the field of view gives a tilt-invariant profile.
    /// </summary>
    internal static double[] AxisProfile(ReadOnlySpan<float> image, int w, int h, double psiDegrees)
    {
        double psi = psiDegrees * Math.PI / 180, ax = -Math.Sin(psi), ay = Math.Cos(psi), cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        int off = Math.Max(w, h), bins = 2 * off;
        var profile = new double[bins];
        double background = 0;
        for (int x = 0; x < w; x++) background += image[x] + image[(h - 1) * w + x];
        for (int y = 0; y < h; y++) background += image[y * w] + image[y * w + w - 1];
        background /= 2.0 * (w + h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double s = (x - cx) * ax + (y - cy) * ay + off;
                int i = (int)Math.Floor(s);
                if (i < 0 || i >= bins - 1) continue;
                double f = s - i, v = image[y * w + x] - background;
                profile[i] += (1 - f) * v;
                profile[i + 1] += f * v;
            }
        return profile;
    }

    private static double Ncc(double[] a, double[] b, int lag)
    {
        double sab = 0, saa = 0, sbb = 0;
        for (int i = Math.Max(0, -lag); i < a.Length && i + lag < b.Length; i++)
        {
            double p = a[i], q = b[i + lag];
            sab += p * q; saa += p * p; sbb += q * q;
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }
}
