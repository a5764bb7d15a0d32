using TemKit.Fourier;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The probe's spectrum on an FFT grid: ψ(k) = A(k)·exp(+iχ(k)) inside the aperture |k| ≤ α/λ (hard edge), and its
/// shift to a probe position r₀ by the phase exp(−2πi k·r₀) (TemKit's FFT sign: a component is exp(+2πi k·r)).
/// </summary>
internal sealed class ProbeSpectrum
{
    private readonly int[] _bins;
    private readonly ComplexF[] _values;
    private readonly double[] _kx, _ky;

    public ProbeSpectrum(ProbeParameters probe, int nx, int ny, double pixelSizeAngstrom)
    {
        Nx = nx; Ny = ny;
        double kmax = probe.ApertureRadiusInverseAngstrom, kmax2 = kmax * kmax;
        var bins = new List<int>();
        var values = new List<ComplexF>();
        var kxs = new List<double>();
        var kys = new List<double>();
        for (int j = 0; j < ny; j++)
        {
            double ky = FftShift.SignedIndex(j, ny) / (ny * pixelSizeAngstrom);
            for (int i = 0; i < nx; i++)
            {
                double kx = FftShift.SignedIndex(i, nx) / (nx * pixelSizeAngstrom), k2 = kx * kx + ky * ky;
                if (k2 > kmax2) continue;
                double chi = probe.ChiRadians(Math.Sqrt(k2));
                bins.Add(j * nx + i);
                values.Add(new ComplexF((float)Math.Cos(chi), (float)Math.Sin(chi)));
                kxs.Add(kx);
                kys.Add(ky);
            }
        }
        if (bins.Count == 0) throw new ArgumentException($"the probe aperture ({probe.ConvergenceSemiAngleMilliradians} mrad) holds no Fourier pixel of a {nx}x{ny} grid at {pixelSizeAngstrom} Å: enlarge the cell");
        _bins = [.. bins];
        _values = [.. values];
        _kx = [.. kxs];
        _ky = [.. kys];
    }

    public int Nx { get; }
    public int Ny { get; }

    /// <summary>Fourier pixels inside the aperture; Σ|ψ(k)|² of the incident probe.</summary>
    public int Count => _bins.Length;

    /// <summary>Writes the spectrum of the probe centred at (x0, y0) Å into <paramref name="destination"/> (zeroed first).</summary>
    public void At(double x0Angstrom, double y0Angstrom, Span<ComplexF> destination)
    {
        destination.Clear();
        for (int b = 0; b < _bins.Length; b++)
        {
            double phase = -2 * Math.PI * (_kx[b] * x0Angstrom + _ky[b] * y0Angstrom);
            var (s, c) = Math.SinCos(phase);
            var v = _values[b];
            destination[_bins[b]] = new ComplexF((float)(v.Re * c - v.Im * s), (float)(v.Re * s + v.Im * c));
        }
    }
}
