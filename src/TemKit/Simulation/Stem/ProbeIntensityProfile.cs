using TemKit.Fourier;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The radial intensity profile I(r) (1/Å², ∫ I d²r = 1) of an aberrated probe (defocus and Cs only, so radially
/// symmetric), optionally blurred by the Gaussian source, computed on a fine FFT grid and tabulated in r² out to the
/// radius that encloses 99.5 % of the intensity (the Airy tail beyond is dropped).
/// </summary>
public sealed class ProbeIntensityProfile
{
    private const double SamplingAngstrom = 0.04;
    private const int TableEntries = 4096;
    private const double Enclosed = 0.995;
    private readonly float[] _table;
    private readonly double _step2;

    /// <summary>Computes the profile of <paramref name="probe"/>.</summary>
    public ProbeIntensityProfile(ProbeParameters probe)
    {
        probe.Validate();
        double alpha = probe.ConvergenceSemiAngleMilliradians * 1e-3;
        // Window: the geometric spread of the defocused cone plus room for the Airy tail and the source blur.
        double extent = Math.Max(25.6, 4 * (Math.Abs(probe.DefocusAngstrom) * alpha + 0.25 * Math.Abs(probe.CsMillimetres) * 1e7 * alpha * alpha * alpha + 4 * probe.SourceSizeAngstrom) + 16);
        int n = FastFftSize.AtLeast((int)Math.Ceiling(extent / SamplingAngstrom));
        if (n > 8192) throw new ArgumentException($"the probe (defocus {probe.DefocusAngstrom} Å, Cs {probe.CsMillimetres} mm) is too wide for the incoherent model's probe grid");
        double l = n * SamplingAngstrom, c = n / 2 * SamplingAngstrom;
        var spectrum = new ProbeSpectrum(probe, n, n, SamplingAngstrom);
        var wave = new ComplexF[n * n];
        spectrum.At(c, c, wave);
        var fft = Fft.Default;
        fft.Inverse(wave, wave, n, n);
        var intensity = new float[n * n];
        double total = 0;
        for (int p = 0; p < wave.Length; p++) total += intensity[p] = wave[p].MagnitudeSquared;
        float scale = (float)(1 / (total * SamplingAngstrom * SamplingAngstrom));
        for (int p = 0; p < intensity.Length; p++) intensity[p] *= scale;
        if (probe.SourceSizeAngstrom > 0) Blur(intensity, n, l, probe.SourceSizeAngstrom);
        // Radial samples at r = m·δ: the mean of the four axis directions from the centre pixel.
        int half = n / 2;
        var radial = new double[half];
        for (int m = 0; m < half; m++)
            radial[m] = 0.25 * (intensity[half * n + half + m] + intensity[half * n + half - m] + intensity[(half + m) * n + half] + intensity[(half - m) * n + half]);
        double encircled = 0;
        int edge = half - 1;
        for (int m = 0; m < half - 1; m++)
        {
            // Ring m..m+1 (trapezoid in r of 2πr I(r)).
            double r0 = m * SamplingAngstrom, r1 = r0 + SamplingAngstrom;
            encircled += Math.PI * (r0 * radial[m] + r1 * radial[m + 1]) * SamplingAngstrom;
            if (encircled >= Enclosed) { edge = m + 1; break; }
        }
        RadiusAngstrom = edge * SamplingAngstrom;
        PeakPerSquareAngstrom = radial[0];
        _step2 = RadiusAngstrom * RadiusAngstrom / TableEntries;
        _table = new float[TableEntries + 2];
        for (int e = 0; e < _table.Length; e++)
        {
            double t = Math.Sqrt(e * _step2) / SamplingAngstrom;
            int m = (int)t;
            _table[e] = m + 1 >= edge + 1 || m + 1 >= half ? 0 : (float)(radial[m] + (t - m) * (radial[m + 1] - radial[m]));
        }
    }

    /// <summary>Radius (Å) beyond which the profile is taken as 0 (99.5 % of the intensity lies inside).</summary>
    public double RadiusAngstrom { get; }

    /// <summary>I(0) in 1/Å².</summary>
    public double PeakPerSquareAngstrom { get; }

    /// <summary>I(r) in 1/Å² from r² (Å²); 0 beyond <see cref="RadiusAngstrom"/>.</summary>
    public float AtSquared(double r2)
    {
        double t = r2 / _step2;
        if (t >= TableEntries) return 0;
        int i = (int)t;
        float f = (float)(t - i);
        return _table[i] + f * (_table[i + 1] - _table[i]);
    }

    // Convolves the periodic n x n image (cell l Å) with a normalised Gaussian of standard deviation sigma (Å).
    private static void Blur(float[] image, int n, double l, double sigma)
    {
        var spectrum = new ComplexF[n * (n / 2 + 1)];
        var fft = Fft.Default;
        fft.ForwardReal(image, spectrum, n, n);
        int w = n / 2 + 1;
        for (int j = 0; j < n; j++)
        {
            double ky = FftShift.SignedIndex(j, n) / l;
            for (int i = 0; i < w; i++)
            {
                double kx = i / l;
                float g = (float)Math.Exp(-2 * Math.PI * Math.PI * sigma * sigma * (kx * kx + ky * ky));
                var v = spectrum[j * w + i];
                spectrum[j * w + i] = new ComplexF(v.Re * g, v.Im * g);
            }
        }
        fft.InverseReal(spectrum, image, n, n);
    }
}
