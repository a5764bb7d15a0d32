using TemKit.Fourier;
using TemKit.Numerics;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The PRISM compact S-matrix (Ophus 2017, Adv. Struct. Chem. Imag. 3:13, section "PRISM algorithm"): the exit waves of
/// the plane waves exp(2πi k_b·r) whose k_b lie on every f-th Fourier pixel inside the probe aperture, each computed by
/// multislice and stored in real space on a grid cropped in Fourier space to the band limit. A probe at r₀ is then the
/// sum Σ_b A(k_b) exp(iχ(k_b)) exp(−2πi k_b·r₀) S_b(r) over a window of 1/f of the cell around r₀ (the coarse k
/// sampling makes the summed probe periodic with that period), and its detector signal comes from the window's FFT.
/// f = 1 reproduces the multislice result exactly.
/// </summary>
internal sealed partial class PrismSMatrix
{
    private readonly ComplexF[][] _s;
    private readonly double[] _kx, _ky;
    private readonly ComplexF[] _aperture;

    /// <summary>Computes the S-matrix of <paramref name="stack"/>'s specimen for <paramref name="probe"/> at interpolation
    /// <paramref name="interpolation"/>; the grid's sizes must be multiples of it.</summary>
    public PrismSMatrix(TransmissionStack stack, ProbeParameters probe, int interpolation, double bandLimitInverseAngstrom, int maxParallelism, Action<int>? advance)
    {
        var grid = stack.Grid;
        int nx = grid.Nx, ny = grid.Ny, f = interpolation;
        if (nx % f != 0 || ny % f != 0) throw new ArgumentException($"the {nx}x{ny} grid is not a multiple of the interpolation factor {f}");
        Interpolation = f;
        double px = grid.PixelSizeAngstrom;
        // Stored grid: the smallest FFT-friendly multiple of f that holds every Fourier pixel inside the band limit.
        int limitX = (int)Math.Floor(bandLimitInverseAngstrom * nx * px), limitY = (int)Math.Floor(bandLimitInverseAngstrom * ny * px);
        StoredNx = Math.Min(nx, FastFftSize.AtLeast(2 * limitX + 2, 2 * f));
        StoredNy = Math.Min(ny, FastFftSize.AtLeast(2 * limitY + 2, 2 * f));
        StoredPixelXAngstrom = grid.CellXAngstrom / StoredNx;
        StoredPixelYAngstrom = grid.CellYAngstrom / StoredNy;
        var beams = new List<(int I, int J, double Kx, double Ky, ComplexF A)>();
        double kmax = probe.ApertureRadiusInverseAngstrom;
        for (int j = 0; j < ny; j++)
        {
            int sj = FftShift.SignedIndex(j, ny);
            if (sj % f != 0) continue;
            double ky = sj / grid.CellYAngstrom;
            for (int i = 0; i < nx; i++)
            {
                int si = FftShift.SignedIndex(i, nx);
                if (si % f != 0) continue;
                double kx = si / grid.CellXAngstrom, k = Math.Sqrt(kx * kx + ky * ky);
                if (k > kmax) continue;
                var (s, c) = Math.SinCos(probe.ChiRadians(k));
                beams.Add((i, j, kx, ky, new ComplexF((float)c, (float)s)));
            }
        }
        if (beams.Count == 0) throw new ArgumentException($"the probe aperture holds no beam at interpolation {f} on a {grid.CellXAngstrom:F1} Å cell: lower the interpolation factor or enlarge the cell");
        long bytes = (long)beams.Count * StoredNx * StoredNy * 8;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available / 2)
            throw new ArgumentException($"the S-matrix of {beams.Count} beams on {StoredNx}x{StoredNy} needs {bytes >> 20} MiB, more than half the memory available ({available >> 20} MiB): raise the interpolation factor");
        _kx = [.. beams.Select(b => b.Kx)];
        _ky = [.. beams.Select(b => b.Ky)];
        _aperture = [.. beams.Select(b => b.A)];
        _s = new ComplexF[beams.Count][];
        int snx = StoredNx, sny = StoredNy;
        float scale = (float)((double)snx * sny);
        Parallel.For(0, beams.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, () => new ComplexF[nx * ny], (b, _, wave) =>
        {
            using var serial = InnerParallelism.Serial();
            wave.AsSpan().Clear();
            // A unit-amplitude plane wave: N² at one bin (the inverse FFT divides by N²).
            wave[beams[b].J * nx + beams[b].I] = new ComplexF((float)((double)nx * ny), 0);
            stack.Run(wave);
            var stored = new ComplexF[snx * sny];
            Crop(wave, nx, ny, stored, snx, sny, scale / ((float)nx * ny));
            Fft.Default.Inverse(stored, stored, snx, sny);
            _s[b] = stored;
            advance?.Invoke(1);
            return wave;
        }, _ => { });
    }

    /// <summary>Interpolation factor f.</summary>
    public int Interpolation { get; }

    /// <summary>Plane waves in the S-matrix.</summary>
    public int Beams => _s.Length;

    /// <summary>Stored grid width (px).</summary>
    public int StoredNx { get; }

    /// <summary>Stored grid height (px).</summary>
    public int StoredNy { get; }

    /// <summary>Stored sampling along x (Å/px).</summary>
    public double StoredPixelXAngstrom { get; }

    /// <summary>Stored sampling along y (Å/px).</summary>
    public double StoredPixelYAngstrom { get; }

    // Copies the Fourier pixels with |signed index| < n/2 of the stored grid from the full spectrum, times scale.
    private static void Crop(ReadOnlySpan<ComplexF> full, int nx, int ny, Span<ComplexF> stored, int snx, int sny, float scale)
    {
        for (int j = 0; j < sny; j++)
        {
            int sj = FftShift.SignedIndex(j, sny);
            if (2 * Math.Abs(sj) >= sny && sny < ny) continue;
            int fj = sj < 0 ? sj + ny : sj;
            for (int i = 0; i < snx; i++)
            {
                int si = FftShift.SignedIndex(i, snx);
                if (2 * Math.Abs(si) >= snx && snx < nx) continue;
                int fi = si < 0 ? si + nx : si;
                var v = full[fj * nx + fi];
                stored[j * snx + i] = new ComplexF(v.Re * scale, v.Im * scale);
            }
        }
    }
}
