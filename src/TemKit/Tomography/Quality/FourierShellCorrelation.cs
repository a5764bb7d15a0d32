using TemKit.Fourier;

namespace TemKit.Tomography.Quality;

/// <summary>One FRC/FSC value.</summary>
/// <param name="FrequencyCyclesPerPixel">Shell centre (cycles/pixel).</param>
/// <param name="Correlation">Normalised cross-correlation of the two maps in the shell.</param>
/// <param name="Count">Fourier coefficients in the shell.</param>
public readonly record struct ShellCorrelation(double FrequencyCyclesPerPixel, double Correlation, long Count);

/// <summary>
/// Fourier ring (2D) and shell (3D) correlation between two independent maps (van Heel 1987; Harauz and van Heel 1986):
/// FSC(k) = Re Σ F1 F2* / √(Σ|F1|² Σ|F2|²) over a shell of width 1/N; for tomograms, two half reconstructions from the
/// even and odd tilts. Cubic/square maps give shells in cycles/pixel; other shapes use the smallest edge.
/// </summary>
public static class FourierShellCorrelation
{
    /// <summary>FRC of two width × height images.</summary>
    public static ShellCorrelation[] Ring(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int height) => Shell(a, b, width, height, 1);

    /// <summary>FSC of two maps of width × height × depth (depth 1: FRC), row-major with x fastest.</summary>
    public static ShellCorrelation[] Shell(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int height, int depth)
    {
        long n = (long)width * height * depth;
        if (a.Length != n || b.Length != n) throw new ArgumentException($"maps hold {a.Length} and {b.Length} values, {width}x{height}x{depth} needs {n}");
        int edge = Math.Min(width, Math.Min(height, depth == 1 ? int.MaxValue : depth));
        int shells = edge / 2 + 1, half = width / 2 + 1;
        var num = new double[shells];
        var d1 = new double[shells];
        var d2 = new double[shells];
        var count = new long[shells];
        var fa = new ComplexF[half * height];
        var fb = new ComplexF[half * height];
        // 3D transform: 2D transforms of the sections, then 1D transforms along z per (kx, ky).
        var sa = new ComplexF[(long)half * height * depth];
        var sb = new ComplexF[sa.Length];
        for (int z = 0; z < depth; z++)
        {
            Fft.Default.ForwardReal(a.Slice(z * width * height, width * height), fa, width, height);
            Fft.Default.ForwardReal(b.Slice(z * width * height, width * height), fb, width, height);
            fa.CopyTo(sa.AsSpan(z * half * height));
            fb.CopyTo(sb.AsSpan(z * half * height));
        }
        if (depth > 1) AlongZ(sa, sb, half * height, depth);
        for (int z = 0; z < depth; z++)
        {
            double kz = (z <= depth / 2 ? z : z - depth) / (double)depth;
            for (int y = 0; y < height; y++)
            {
                double ky = (y <= height / 2 ? y : y - height) / (double)height;
                for (int x = 0; x < half; x++)
                {
                    double kx = x / (double)width, k = Math.Sqrt(kx * kx + ky * ky + kz * kz);
                    int s = (int)Math.Round(k * edge);
                    if (s >= shells) continue;
                    // Columns kx = 1..width/2-1 stand for their Hermitian twins too.
                    double weight = x == 0 || (width % 2 == 0 && x == width / 2) ? 1 : 2;
                    long i = ((long)z * height + y) * half + x;
                    var p = sa[i];
                    var q = sb[i];
                    num[s] += weight * (p.Re * q.Re + p.Im * q.Im);
                    d1[s] += weight * p.MagnitudeSquared;
                    d2[s] += weight * q.MagnitudeSquared;
                    count[s] += (long)weight;
                }
            }
        }
        var result = new ShellCorrelation[shells];
        for (int s = 0; s < shells; s++)
            result[s] = new ShellCorrelation(s / (double)edge, d1[s] > 0 && d2[s] > 0 ? num[s] / Math.Sqrt(d1[s] * d2[s]) : 0, count[s]);
        return result;
    }

    /// <summary>First frequency (cycles/pixel) where the curve drops below <paramref name="threshold"/>, linearly interpolated; the last shell if it never does.</summary>
    public static double Crossing(IReadOnlyList<ShellCorrelation> curve, double threshold = 0.143)
    {
        ArgumentNullException.ThrowIfNull(curve);
        for (int s = 1; s < curve.Count; s++)
            if (curve[s].Correlation < threshold)
            {
                var (p, q) = (curve[s - 1], curve[s]);
                double t = (p.Correlation - threshold) / (p.Correlation - q.Correlation);
                return p.FrequencyCyclesPerPixel + t * (q.FrequencyCyclesPerPixel - p.FrequencyCyclesPerPixel);
            }
        return curve[^1].FrequencyCyclesPerPixel;
    }

    private static void AlongZ(ComplexF[] sa, ComplexF[] sb, int plane, int depth)
    {
        Parallel.For(0, plane, () => (new ComplexF[depth], new ComplexF[depth]), (i, _, buffers) =>
        {
            var (line, output) = buffers;
            foreach (var s in new[] { sa, sb })
            {
                for (int z = 0; z < depth; z++) line[z] = s[(long)z * plane + i];
                Fft.Default.Forward(line, output, depth, 1);
                for (int z = 0; z < depth; z++) s[(long)z * plane + i] = output[z];
            }
            return buffers;
        }, _ => { });
    }
}
