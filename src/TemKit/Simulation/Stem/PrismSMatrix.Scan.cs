using TemKit.Fourier;
using TemKit.Numerics;
using TemKit.Simulation.Multislice;

namespace TemKit.Simulation.Stem;

internal sealed partial class PrismSMatrix
{
    /// <summary>Detector signal (fraction of the incident intensity) of every probe position of <paramref name="scan"/>.</summary>
    public float[] Scan(ScanRegion scan, AnnularDetector detector, double wavelengthAngstrom, double bandLimitInverseAngstrom, int maxParallelism, Action<int>? advance)
    {
        int f = Interpolation, snx = StoredNx, sny = StoredNy, wx = snx / f, wy = sny / f;
        var bins = DetectorBins.Annulus(detector, wavelengthAngstrom, wx, wy, StoredPixelXAngstrom, bandLimitInverseAngstrom);
        // A vacuum probe puts (wx·wy)·α_b on bin b of the window's FFT: Σ|F|² = (wx·wy)²·Σ|α_b|², |α_b| = 1.
        double norm = (double)wx * wy * wx * wy * Beams;
        var image = new float[scan.Count];
        Parallel.For(0, scan.Ny, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, () => new ComplexF[wx * wy], (j, _, window) =>
        {
            using var serial = InnerParallelism.Serial();
            for (int i = 0; i < scan.Nx; i++)
            {
                double x0 = scan.X(i), y0 = scan.Y(j);
                int cx = (int)Math.Round(x0 / StoredPixelXAngstrom) - wx / 2, cy = (int)Math.Round(y0 / StoredPixelYAngstrom) - wy / 2;
                SumBeams(window, x0, y0, cx, cy, wx, wy);
                Fft.Default.Forward(window, window, wx, wy);
                image[j * scan.Nx + i] = (float)(DetectorBins.Sum(window, bins) / norm);
            }
            advance?.Invoke(scan.Nx);
            return window;
        }, _ => { });
        return image;
    }

    // window = Σ_b α_b S_b over the wx x wy stored pixels starting at (cx, cy), wrapped periodically.
    private void SumBeams(Span<ComplexF> window, double x0, double y0, int cx, int cy, int wx, int wy)
    {
        int snx = StoredNx, sny = StoredNy;
        window.Clear();
        int u0 = ((cx % snx) + snx) % snx, run = Math.Min(wx, snx - u0);
        for (int b = 0; b < _s.Length; b++)
        {
            var (s, c) = Math.SinCos(-2 * Math.PI * (_kx[b] * x0 + _ky[b] * y0));
            var a = _aperture[b];
            var alpha = new ComplexF((float)(a.Re * c - a.Im * s), (float)(a.Re * s + a.Im * c));
            var beam = _s[b];
            for (int v = 0; v < wy; v++)
            {
                int row = (((cy + v) % sny) + sny) % sny;
                var src = beam.AsSpan(row * snx, snx);
                var dst = window.Slice(v * wx, wx);
                ComplexOps.MultiplyAdd(dst[..run], src.Slice(u0, run), alpha);
                if (run < wx) ComplexOps.MultiplyAdd(dst[run..], src[..(wx - run)], alpha);
            }
        }
    }
}
