using MathNet.Numerics.LinearAlgebra;
using TemKit.Imaging;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// Calibration of <see cref="ColumnHeights"/>: atoms = <see cref="AtomsPerAngstromThickness"/> · g +
/// <see cref="AtomsPerContrastSigma"/> · c + <see cref="OffsetAtoms"/>, rounded, at least 1. The defaults are the least-squares
/// fit on the session-6 validation sets (80 simulated Au particles on [110] on CeO2, 1.5-3 nm, 0.15 Å/px, 1e2-1e4 e/Å²,
/// 3197 columns found by the shipped network and matched to the truth; docs/columns.md).
/// </summary>
/// <param name="AtomsPerAngstromThickness">Weight of the geometric thickness g (atoms per Å).</param>
/// <param name="AtomsPerContrastSigma">Weight of the signed column contrast c (atoms per standard deviation).</param>
/// <param name="OffsetAtoms">Offset (atoms).</param>
public sealed record ColumnHeightCalibration(double AtomsPerAngstromThickness = 0.1945, double AtomsPerContrastSigma = 0.6708, double OffsetAtoms = 3.2005)
{
    /// <summary>The calibration fitted by least squares to <paramref name="samples"/> (features of detected columns and the
    /// atom counts of the true columns they match).</summary>
    public static ColumnHeightCalibration Fit(IReadOnlyList<(ColumnHeightFeatures Features, int TrueAtoms)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 3) throw new ArgumentException($"a height calibration needs at least 3 matched columns, got {samples.Count}");
        // Least squares atoms ≈ a·g + b·c + d by QR.
        var x = Matrix<double>.Build.DenseOfRowArrays(samples.Select(t => new[] { t.Features.ThicknessAngstrom, t.Features.ContrastSigma, 1.0 }));
        var qr = x.QR();
        if (!qr.IsFullRank) throw new ArgumentException("the height features are degenerate (all columns alike)");
        var w = qr.Solve(Vector<double>.Build.Dense([.. samples.Select(t => (double)t.TrueAtoms)]));
        return new ColumnHeightCalibration(w[0], w[1], w[2]);
    }

    /// <summary>The estimated atom count of a column with features <paramref name="f"/>.</summary>
    public int Atoms(ColumnHeightFeatures f) =>
        Math.Max(1, (int)Math.Round(AtomsPerAngstromThickness * f.ThicknessAngstrom + AtomsPerContrastSigma * f.ContrastSigma + OffsetAtoms));
}

/// <summary>The two features a column's height is estimated from (<see cref="ColumnHeights.Features"/>).</summary>
/// <param name="ThicknessAngstrom">Thickness (Å) of a sphere with the area of the frame's column outline at the column's
/// distance from the outline.</param>
/// <param name="ContrastSigma">The column's band-passed image contrast, standardised over the frame's columns, with the sign
/// that makes it grow with the thickness in that frame.</param>
public readonly record struct ColumnHeightFeatures(double ThicknessAngstrom, double ContrastSigma);

/// <summary>
/// Column heights (atoms) without a height network: the simplest estimate that measured better than chance. A particle is
/// about as thick as it is wide, so a column's height follows its depth inside the outline of the frame's columns; the
/// image contrast at the column adds what the outline misses, with its sign taken per frame (phase contrast changes sign
/// with defocus) from its agreement with the geometry.
/// <list type="number">
/// <item>Outline: the convex hull of the frame's columns, pushed out by <see cref="OutlineMarginAngstrom"/> (the outer
/// columns sit half a column spacing inside the particle's edge); R = √(area/π) + margin.</item>
/// <item>g = 2√(e(2R − e)) with e = min(R, distance of the column inside the hull + margin): the chord of a sphere of radius R.</item>
/// <item>c: the raw image Gaussian-filtered at 0.3 Å minus at 3 Å, at the column's pixel, standardised over the frame's
/// columns and multiplied by the sign of its correlation with g over them.</item>
/// <item>atoms = round(a·g + b·c + d) ≥ 1 (<see cref="ColumnHeightCalibration"/>, fitted on validation sets).</item>
/// </list>
/// With fewer than 4 columns (no outline) both features are 0, so every column gets the calibration's offset.
/// </summary>
public static class ColumnHeights
{
    /// <summary>Half the Au [110] column spacing (Å): how far the particle's edge lies outside its outer columns.</summary>
    public const double OutlineMarginAngstrom = 1.25;

    /// <summary>The height features of <paramref name="columns"/> (positions in Å) in <paramref name="raw"/>.</summary>
    public static ColumnHeightFeatures[] Features(Image2D raw, IReadOnlyList<DetectedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(columns);
        int n = columns.Count;
        var result = new ColumnHeightFeatures[n];
        if (n < 4) return result;
        var hull = ConvexHull2D.Compute(columns.Select(c => (c.XAngstrom, c.YAngstrom)));
        if (hull.Length < 3) return result;
        double area = 0;
        for (int i = 0; i < hull.Length; i++)
        {
            var (p, q) = (hull[i], hull[(i + 1) % hull.Length]);
            area += p.X * q.Y - q.X * p.Y;
        }
        double radius = Math.Sqrt(Math.Abs(area) / 2 / Math.PI) + OutlineMarginAngstrom;
        var g = new double[n];
        for (int k = 0; k < n; k++)
        {
            double inside = double.PositiveInfinity;
            for (int i = 0; i < hull.Length; i++)
            {
                var (p, q) = (hull[i], hull[(i + 1) % hull.Length]);
                double len = double.Hypot(q.X - p.X, q.Y - p.Y);
                // Counter-clockwise hull: the distance to the left of edge p → q is inside.
                if (len > 0) inside = Math.Min(inside, ConvexHull2D.Cross(p, q, (columns[k].XAngstrom, columns[k].YAngstrom)) / len);
            }
            double e = Math.Min(radius, Math.Max(0, inside) + OutlineMarginAngstrom);
            g[k] = 2 * Math.Sqrt(e * (2 * radius - e));
        }
        var c = Contrast(raw, columns);
        double gm = g.Average(), cm = c.Average(), sgc = 0, scc = 0;
        for (int k = 0; k < n; k++) { sgc += (g[k] - gm) * (c[k] - cm); scc += (c[k] - cm) * (c[k] - cm); }
        double sd = Math.Sqrt(scc / n), sign = sgc < 0 ? -1 : 1;
        for (int k = 0; k < n; k++) result[k] = new ColumnHeightFeatures(g[k], sd > 0 ? sign * (c[k] - cm) / sd : 0);
        return result;
    }

    /// <summary>Estimated atom counts of <paramref name="columns"/> in <paramref name="raw"/>.</summary>
    public static int[] Estimate(Image2D raw, IReadOnlyList<DetectedColumn> columns, ColumnHeightCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return [.. Features(raw, columns).Select(calibration.Atoms)];
    }

    /// <summary>Band-passed image (Gaussian 0.3 Å minus Gaussian 3 Å) at each column's nearest pixel.</summary>
    private static double[] Contrast(Image2D raw, IReadOnlyList<DetectedColumn> columns)
    {
        double px = raw.PixelSizeAngstrom > 0 ? raw.PixelSizeAngstrom : 1;
        var fine = raw.Pixels.ToArray();
        var coarse = raw.Pixels.ToArray();
        WaveImager.GaussianBlur(fine, raw.Width, raw.Height, px, 0.3);
        WaveImager.GaussianBlur(coarse, raw.Width, raw.Height, px, 3.0);
        return [.. columns.Select(col =>
        {
            int i = Math.Clamp((int)Math.Round(col.XAngstrom / px), 0, raw.Width - 1), j = Math.Clamp((int)Math.Round(col.YAngstrom / px), 0, raw.Height - 1);
            return (double)(fine[j * raw.Width + i] - coarse[j * raw.Width + i]);
        })];
    }
}
