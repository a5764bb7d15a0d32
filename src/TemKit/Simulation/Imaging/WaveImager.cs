using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.Optics;
using TemKit.Simulation.Multislice;

namespace TemKit.Simulation.Imaging;

/// <summary>
/// Images one exit wave under many imaging conditions ("image epochs"): the exit wave's spectrum is computed once; each
/// image multiplies it by the wave transfer function H(k) = E_t(k) E_s(k) exp(+iχ(k)) (χ from <see cref="Ctf"/>, CTFFIND
/// convention; the + sign makes positive defocus the back-propagation that underfocus is), takes |ψ|², and blurs.
/// Thread-safe: several images may be computed at once.
/// </summary>
public sealed class WaveImager
{
    private readonly ComplexF[] _spectrum;
    private readonly float[] _g, _azimuth;
    private readonly bool[] _nonzero;
    private readonly ExitWave _wave;

    /// <summary>Prepares <paramref name="exitWave"/> for imaging (one forward FFT).</summary>
    public WaveImager(ExitWave exitWave)
    {
        _wave = exitWave;
        var grid = exitWave.Grid;
        int nx = grid.Nx, ny = grid.Ny;
        _spectrum = new ComplexF[nx * ny];
        Fft.Default.Forward(exitWave.Values, _spectrum, nx, ny);
        var k = new FourierGrid(grid);
        _g = new float[nx * ny];
        _azimuth = new float[nx * ny];
        _nonzero = new bool[nx * ny];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                int p = j * nx + i;
                _g[p] = (float)Math.Sqrt(k.Kx[i] * k.Kx[i] + k.Ky[j] * k.Ky[j]);
                _azimuth[p] = (float)Math.Atan2(k.Ky[j], k.Kx[i]);
                _nonzero[p] = _spectrum[p] != default;
            }
    }

    /// <summary>The exit wave being imaged.</summary>
    public ExitWave ExitWave => _wave;

    /// <summary>The CTF model (CTFFIND convention) for <paramref name="p"/> at this wave's voltage.</summary>
    public Ctf CtfFor(ImagingParameters p) => new(new CtfParameters(
        _wave.VoltageKilovolts, p.CsMillimetres, 0,
        p.DefocusAngstrom + 0.5 * p.AstigmatismAngstrom, p.DefocusAngstrom - 0.5 * p.AstigmatismAngstrom, p.AstigmatismAngleDegrees));

    /// <summary>Writes H(k) (FFT order) for <paramref name="p"/> into <paramref name="transfer"/>; H is left 0 where the exit
    /// wave's spectrum is 0 (outside the multislice band limit), since nothing is transferred there.</summary>
    public void TransferFunction(ImagingParameters p, Span<ComplexF> transfer)
    {
        p.Validate();
        if (transfer.Length != _spectrum.Length) throw new ArgumentException($"transfer holds {transfer.Length} values, expected {_spectrum.Length}");
        var ctf = CtfFor(p);
        double lambda = ElectronOptics.WavelengthAngstrom(_wave.VoltageKilovolts);
        double cs = p.CsMillimetres * 1e7, astig = p.AstigmatismAngstrom, astigAngle = p.AstigmatismAngleDegrees * Math.PI / 180;
        double temporal = 0.5 * Math.Pow(Math.PI * lambda * p.FocalSpreadAngstrom, 2);
        double spatial = Math.Pow(p.ConvergenceSemiAngleMilliradians * 1e-3 / (2 * lambda), 2);
        var output = transfer.ToArray();
        int nx = _wave.Grid.Nx;
        Parallel.For(0, _wave.Grid.Ny, j =>
        {
            for (int i = 0; i < nx; i++)
            {
                int q = j * nx + i;
                if (!_nonzero[q]) { output[q] = default; continue; }
                double g = _g[q], az = _azimuth[q], g2 = g * g;
                double chi = ctf.ChiRadians(g, az);
                // |∇χ|²: radial part ∂χ/∂g and azimuthal part (1/g) ∂χ/∂α of Rohou & Grigorieff Eq. 1-2.
                double dRadial = 2 * Math.PI * lambda * g * ctf.DefocusAt(az) - 2 * Math.PI * cs * lambda * lambda * lambda * g2 * g;
                double dAzimuthal = -Math.PI * lambda * g * astig * Math.Sin(2 * (az - astigAngle));
                double envelope = Math.Exp(-temporal * g2 * g2 - spatial * (dRadial * dRadial + dAzimuthal * dAzimuthal));
                output[q] = new ComplexF((float)(envelope * Math.Cos(chi)), (float)(envelope * Math.Sin(chi)));
            }
        });
        output.CopyTo(transfer);
    }

    /// <summary>
    /// The image intensity |F⁻¹[ψ(k) H(k)]|² (mean ≈ 1 for a weakly absorbing specimen: the incident wave has unit
    /// intensity per pixel), blurred by a Gaussian of <see cref="ImagingParameters.BlurAngstrom"/>.
    /// </summary>
    public Image2D Intensity(ImagingParameters p)
    {
        var grid = _wave.Grid;
        int nx = grid.Nx, ny = grid.Ny, n = nx * ny;
        var buffer = new ComplexF[n];
        TransferFunction(p, buffer);
        ComplexOps.Multiply(buffer, _spectrum);
        var fft = Fft.Default;
        fft.Inverse(buffer, buffer, nx, ny);
        var pixels = new float[n];
        ComplexOps.Intensity(buffer, pixels);
        if (p.BlurAngstrom > 0) GaussianBlur(pixels, nx, ny, grid.PixelSizeAngstrom, p.BlurAngstrom);
        var metadata = new ImageMetadata { VoltageKilovolts = _wave.VoltageKilovolts, DefocusAngstrom = p.DefocusAngstrom };
        return new Image2D(nx, ny, pixels, new VoxelSize(grid.PixelSizeAngstrom, grid.PixelSizeAngstrom, 0), metadata);
    }

    /// <summary>Convolves <paramref name="pixels"/> (periodic) with a Gaussian of standard deviation <paramref name="sigmaAngstrom"/>:
    /// multiplies the spectrum by exp(−2π² σ² k²).</summary>
    public static void GaussianBlur(Span<float> pixels, int nx, int ny, double pixelSizeAngstrom, double sigmaAngstrom)
    {
        int h = nx / 2 + 1;
        var spectrum = new ComplexF[h * ny];
        var fft = Fft.Default;
        fft.ForwardReal(pixels, spectrum, nx, ny);
        double c = -2 * Math.PI * Math.PI * sigmaAngstrom * sigmaAngstrom;
        var gx = new float[h];
        for (int i = 0; i < h; i++)
        {
            double kx = i / (nx * pixelSizeAngstrom);
            gx[i] = (float)Math.Exp(c * kx * kx);
        }
        for (int j = 0; j < ny; j++)
        {
            double ky = FftShift.SignedIndex(j, ny) / (ny * pixelSizeAngstrom);
            float gy = (float)Math.Exp(c * ky * ky);
            var row = spectrum.AsSpan(j * h, h);
            for (int i = 0; i < h; i++) row[i] *= gx[i] * gy;
        }
        fft.InverseReal(spectrum, pixels, nx, ny);
    }
}
