using System.Numerics.Tensors;
using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.Optics;
using TemKit.Simulation.Multislice;

namespace TemKit.Simulation.Transfer;

/// <summary>
/// Images one exit wave under many imaging conditions ("image epochs"): the exit wave's spectrum is computed once; each
/// image multiplies it by the wave transfer function H(k) = E_t(k) E_s(k) exp(+iχ(k)) (χ from <see cref="Ctf"/>, CTFFIND
/// convention; the + sign makes positive defocus the back-propagation that underfocus is), takes |ψ|², and blurs.
/// Thread-safe: several images may be computed at once.
/// </summary>
public sealed class WaveImager
{
    private const int Chunk = 1 << 13;
    private readonly ComplexF[] _spectrum;
    // The FFT bins where the exit wave's spectrum is non-zero (inside the multislice band limit), one of each ±k pair
    // (H(−k) = H(k): χ and the envelopes are even), with their mirror bin (−1 when there is none), spatial frequency g
    // (1/Å), azimuth α (rad) and cos 2α, sin 2α: H is computed only there.
    private readonly int[] _band, _mirror;
    private readonly double[] _g, _azimuth, _cos2, _sin2;
    private readonly ExitWave _wave;
    private readonly IFftProvider _fft;

    /// <summary>Prepares <paramref name="exitWave"/> for imaging (one forward FFT) with the FFT backend
    /// <paramref name="fft"/> (null: <see cref="Fft.Default"/> at construction).</summary>
    public WaveImager(ExitWave exitWave, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(exitWave);
        _wave = exitWave;
        _fft = fft ?? Fft.Default;
        var grid = exitWave.Grid;
        int nx = grid.Nx, ny = grid.Ny;
        _spectrum = new ComplexF[nx * ny];
        _fft.Forward(exitWave.Values, _spectrum, nx, ny);
        var k = new FourierGrid(grid);
        var band = new List<int>();
        var mirror = new List<int>();
        for (int p = 0; p < _spectrum.Length; p++)
        {
            if (_spectrum[p] == default) continue;
            int i = p % nx, j = p / nx;
            int m = ((ny - j) % ny) * nx + (nx - i) % nx;
            bool mirrorInBand = _spectrum[m] != default;
            if (mirrorInBand && m < p) continue;   // taken with its partner
            band.Add(p);
            mirror.Add(mirrorInBand && m != p ? m : -1);
        }
        _band = [.. band];
        _mirror = [.. mirror];
        _g = new double[_band.Length];
        _azimuth = new double[_band.Length];
        _cos2 = new double[_band.Length];
        _sin2 = new double[_band.Length];
        for (int b = 0; b < _band.Length; b++)
        {
            double kx = k.Kx[_band[b] % nx], ky = k.Ky[_band[b] / nx];
            _g[b] = Math.Sqrt(kx * kx + ky * ky);
            _azimuth[b] = Math.Atan2(ky, kx);
            _cos2[b] = Math.Cos(2 * _azimuth[b]);
            _sin2[b] = Math.Sin(2 * _azimuth[b]);
        }
    }

    /// <summary>The exit wave being imaged.</summary>
    public ExitWave ExitWave => _wave;

    /// <summary>The CTF model (CTFFIND convention) for <paramref name="p"/> at this wave's voltage.</summary>
    public Ctf CtfFor(ImagingParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(CtfParameters.From(new ElectronOptics(_wave.VoltageKilovolts, p.CsMillimetres, 0), p.Aberration));
    }

    /// <summary>Writes H(k) (FFT order) for <paramref name="p"/> into <paramref name="transfer"/>; H is left 0 where the exit
    /// wave's spectrum is 0 (outside the multislice band limit), since nothing is transferred there.</summary>
    public void TransferFunction(ImagingParameters p, Span<ComplexF> transfer)
    {
        if (transfer.Length != _spectrum.Length) throw new ArgumentException($"transfer holds {transfer.Length} values, expected {_spectrum.Length}");
        var values = new ComplexF[_band.Length];
        BandTransfer(p, values);
        transfer.Clear();
        for (int b = 0; b < _band.Length; b++)
        {
            transfer[_band[b]] = values[b];
            if (_mirror[b] >= 0) transfer[_mirror[b]] = values[b];
        }
    }

    // H at the band bins: χ and its radial slope from CtfPhase (χ = πλg²Δf(α) − ½πCsλ³g⁴, Rohou & Grigorieff Eq. 1);
    // the envelopes from |∇χ|, whose azimuthal part is
    // (1/g)∂χ/∂α = −πλg(Δf1 − Δf2) sin 2(α − α_ast); exp and sin/cos then run vectorised over each chunk.
    private void BandTransfer(ImagingParameters p, ComplexF[] values)
    {
        p.Validate();
        var ctf = CtfFor(p);
        var phase = ctf.Phase;
        double lambda = phase.Lambda;
        double astig = p.AstigmatismAngstrom, astigAngle = p.AstigmatismAngleDegrees * Math.PI / 180;
        double c2a = Math.Cos(2 * astigAngle), s2a = Math.Sin(2 * astigAngle);
        double temporal = 0.5 * Math.Pow(Math.PI * lambda * p.FocalSpreadAngstrom, 2);
        double spatial = Math.Pow(p.ConvergenceSemiAngleMilliradians * 1e-3 / (2 * lambda), 2);
        double phaseShift = ctf.Parameters.PhaseShiftRadians;
        int chunks = (_band.Length + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, () => (new float[Chunk], new float[Chunk], new float[Chunk], new float[Chunk]), (c, _, scratch) =>
        {
            var (chi, exponent, sin, cos) = scratch;
            int start = c * Chunk, count = Math.Min(Chunk, _band.Length - start);
            for (int i = 0; i < count; i++)
            {
                int b = start + i;
                double g = _g[b], g2 = g * g;
                double defocus = ctf.DefocusAt(_azimuth[b]);
                double x = phase.Chi(g, defocus) + phaseShift;
                double dRadial = phase.ChiSlope(g, defocus);
                double dAzimuthal = -Math.PI * lambda * g * astig * (_sin2[b] * c2a - _cos2[b] * s2a);
                chi[i] = (float)x;
                exponent[i] = (float)(-temporal * g2 * g2 - spatial * (dRadial * dRadial + dAzimuthal * dAzimuthal));
            }
            var e = exponent.AsSpan(0, count);
            TensorPrimitives.Exp(e, e);
            TensorPrimitives.SinCos(chi.AsSpan(0, count), sin.AsSpan(0, count), cos.AsSpan(0, count));
            for (int i = 0; i < count; i++) values[start + i] = new ComplexF(e[i] * cos[i], e[i] * sin[i]);
            return scratch;
        }, _ => { });
    }

    /// <summary>
    /// The image intensity |F⁻¹[ψ(k) H(k)]|² (mean ≈ 1 for a weakly absorbing specimen: the incident wave has unit
    /// intensity per pixel), blurred by a Gaussian of <see cref="ImagingParameters.BlurAngstrom"/>.
    /// </summary>
    public Image2D Intensity(ImagingParameters p)
    {
        var grid = _wave.Grid;
        int nx = grid.Nx, ny = grid.Ny, n = nx * ny;
        var values = new ComplexF[_band.Length];
        BandTransfer(p, values);
        var buffer = new ComplexF[n];
        for (int b = 0; b < _band.Length; b++)
        {
            var h = values[b];
            var s = _spectrum[_band[b]];
            buffer[_band[b]] = new ComplexF(s.Re * h.Re - s.Im * h.Im, s.Re * h.Im + s.Im * h.Re);
            int m = _mirror[b];
            if (m < 0) continue;
            s = _spectrum[m];
            buffer[m] = new ComplexF(s.Re * h.Re - s.Im * h.Im, s.Re * h.Im + s.Im * h.Re);
        }
        _fft.Inverse(buffer, buffer, nx, ny);
        var pixels = new float[n];
        ComplexOps.Intensity(buffer, pixels);
        if (p.BlurAngstrom > 0) GaussianBlur(pixels, nx, ny, grid.PixelSizeAngstrom, p.BlurAngstrom, _fft);
        var metadata = new ImageMetadata { VoltageKilovolts = _wave.VoltageKilovolts, DefocusAngstrom = p.DefocusAngstrom };
        return new Image2D(nx, ny, pixels, new VoxelSize(grid.PixelSizeAngstrom, grid.PixelSizeAngstrom, 0), metadata);
    }

    /// <summary>Convolves <paramref name="pixels"/> (periodic) with a Gaussian of standard deviation <paramref name="sigmaAngstrom"/>:
    /// multiplies the spectrum by exp(−2π² σ² k²).</summary>
    public static void GaussianBlur(Span<float> pixels, int nx, int ny, double pixelSizeAngstrom, double sigmaAngstrom, IFftProvider? fft = null)
    {
        int h = nx / 2 + 1;
        var spectrum = new ComplexF[h * ny];
        fft ??= Fft.Default;
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
            double ky = FftFrequency.InverseAngstrom(j, ny, pixelSizeAngstrom);
            float gy = (float)Math.Exp(c * ky * ky);
            var row = spectrum.AsSpan(j * h, h);
            for (int i = 0; i < h; i++) row[i] *= gx[i] * gy;
        }
        fft.InverseReal(spectrum, pixels, nx, ny);
    }
}
