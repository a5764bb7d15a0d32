using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.Numerics;

namespace TemKit.CtfEstimation.Synthetic;

/// <summary>
/// Simulates a bright-field micrograph of a thin amorphous film: a Gaussian random phase φ(r) with a 1/f-like
/// spectrum, imaged in the weak-phase approximation I(k) = δ(k) + 2·CTF(k)·E(k)·Φ(k) (CTF = −sin(χ + amplitude phase),
/// Rohou &amp; Grigorieff 2015 Eq. 1-3; envelope E = B-factor × temporal coherence), then Poisson shot noise at the dose (<see cref="NoiseRandom"/>, one stream per row).
/// Generated in Fourier space with <see cref="Fft.Default"/>; pixel values are electron counts per pixel.
/// </summary>
public static class SyntheticMicrograph
{
    /// <summary>Noise streams of row y are ShotNoiseStream + y, apart from those of the random phase.</summary>
    private const long ShotNoiseStream = 1L << 32;

    /// <summary>Generates one micrograph (float32, counts per pixel) with its pixel size and dose in the metadata.</summary>
    public static Image2D Generate(SyntheticMicrographOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int nx = options.WidthPx, ny = options.HeightPx;
        if (nx < 8 || ny < 8) throw new ArgumentOutOfRangeException(nameof(options), $"{nx}x{ny}", "image must be at least 8x8 px");
        if (!(options.PixelSizeAngstrom > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.PixelSizeAngstrom, "pixel size must be positive (Å)");
        var rng = new Random(options.Seed);
        var white = new float[nx * ny];
        for (int i = 0; i < white.Length; i++) white[i] = (float)Gaussian(rng);
        int h = nx / 2 + 1;
        var spectrum = new ComplexF[h * ny];
        Fft.Default.ForwardReal(white, spectrum, nx, ny);

        var ctf = new TemKit.Optics.Ctf(options.Ctf);
        double p = options.PixelSizeAngstrom;
        double lambda = options.Ctf.WavelengthAngstrom;
        double corner = options.FilmCornerFrequencyInverseAngstrom;
        double spread = options.FocalSpreadAngstrom;
        // Film filter amplitude 1/(1 + g/corner); its RMS over the grid sets the phase scale below.
        double filmPower = 0;
        var film = new float[h * ny];
        var transfer = new float[h * ny];
        for (int y = 0; y < ny; y++)
        {
            double ky = FftFrequency.InverseAngstrom(y, ny, p);
            for (int x = 0; x < h; x++)
            {
                double kx = x / (nx * p);
                double g = Math.Sqrt(kx * kx + ky * ky);
                double f = g == 0 ? 0 : 1 / (1 + g / corner);
                film[y * h + x] = (float)f;
                filmPower += (x == 0 || x == nx / 2 ? 1 : 2) * f * f;
                double envelope = Math.Exp(-options.BFactorAngstrom2 * g * g / 4)
                                * Math.Exp(-0.5 * Math.PI * Math.PI * lambda * lambda * spread * spread * g * g * g * g);
                transfer[y * h + x] = g == 0 ? 0 : (float)(2 * ctf.Value(g, Math.Atan2(ky, kx)) * envelope);
            }
        }
        // Unit white noise has E|W(k)|² = nx·ny, so RMS(φ) = scale·sqrt(Σ f²)/sqrt(nx·ny) after the (1/(nx·ny)) inverse.
        double scale = options.PhaseRmsRadians * Math.Sqrt((double)nx * ny / filmPower);
        for (int i = 0; i < spectrum.Length; i++)
        {
            float m = (float)(scale * film[i] * transfer[i]);
            spectrum[i] = new ComplexF(spectrum[i].Re * m, spectrum[i].Im * m);
        }
        var image = new float[nx * ny];
        Fft.Default.InverseReal(spectrum, image, nx, ny);

        double dose = options.DoseElectronsPerAngstrom2;
        bool noisy = dose > 0 && double.IsFinite(dose);
        double mean = noisy ? dose * p * p : 1.0;
        for (int y = 0; y < ny; y++)
        {
            var shot = new NoiseRandom(options.Seed, ShotNoiseStream + y);
            var row = image.AsSpan(y * nx, nx);
            for (int x = 0; x < nx; x++)
            {
                double intensity = Math.Max(0, mean * (1 + row[x]));
                row[x] = noisy ? (float)shot.NextPoisson(intensity) : (float)intensity;
            }
        }
        var metadata = new ImageMetadata { VoltageKilovolts = options.Ctf.VoltageKilovolts, DefocusAngstrom = options.Ctf.MeanDefocusAngstrom, DoseElectronsPerAngstrom2 = noisy ? dose : null };
        return new Image2D(nx, ny, image, new VoxelSize(p, p, 0), metadata);
    }

    /// <summary>Standard normal deviate (Box–Muller).</summary>
    internal static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
