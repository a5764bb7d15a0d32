using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// CTFFIND-style diagnostic image of a fit (CTFFIND4's output spectrum, Rohou &amp; Grigorieff 2015): the centred
/// amplitude spectrum with its rotational background subtracted and divided by the local ring contrast, in the left
/// half (and the DC row), and the fitted 2·CTF² − 1 in the right half (x &gt; centre), both on the same scale, so the
/// fitted rings continue the data's across the vertical mid-line. Values are clipped to ±<see cref="ClipSd"/>.
/// MRC y up: row y holds ky = (y − N/2)/(N·p).
/// </summary>
public static class CtfDiagnosticImage
{
    /// <summary>Clip of the normalised data (standard deviations).</summary>
    public const double ClipSd = 2.5;

    /// <summary>Makes the diagnostic image (N×N float32, values in [−<see cref="ClipSd"/>, <see cref="ClipSd"/>]).</summary>
    /// <param name="spectrum">The fitted spectrum (calibrated).</param>
    /// <param name="fit">The fitted CTF.</param>
    public static Image2D Make(PowerSpectrum spectrum, CtfParameters fit)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(fit);
        int n = spectrum.Size, c = spectrum.Centre;
        var profile = RadialProfile.Compute(spectrum, new RadialProfileOptions { Amplitude = true }).Value;
        int bins = profile.Length;
        var background = Smooth(profile, 4);
        var pixels = spectrum.Image.Pixels;
        var residual = new double[bins];
        var weight = new double[bins];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                int r = (int)Math.Round(Math.Sqrt((double)(x - c) * (x - c) + (double)(y - c) * (y - c)));
                if (r >= bins) continue;
                double d = Math.Sqrt(pixels[y * n + x]) - background[r];
                residual[r] += d * d;
                weight[r]++;
            }
        for (int r = 0; r < bins; r++) residual[r] = weight[r] > 0 ? residual[r] / weight[r] : 0;
        var rms = Smooth(residual, 4);
        var ctf = new Optics.Ctf(fit);
        double step = spectrum.FrequencyStepInverseAngstrom;
        var output = new float[n * n];
        for (int y = 0; y < n; y++)
        {
            double ky = (y - c) * step;
            for (int x = 0; x < n; x++)
            {
                double kx = (x - c) * step;
                double value;
                if (x > c)
                {
                    double g = Math.Sqrt(kx * kx + ky * ky);
                    double t = ctf.Value(g, Math.Atan2(ky, kx));
                    value = ClipSd * (2 * t * t - 1) / Math.Sqrt(2);
                }
                else
                {
                    int r = Math.Min(bins - 1, (int)Math.Round(Math.Sqrt(kx * kx + ky * ky) / step));
                    double sd = Math.Sqrt(Math.Max(rms[r], 0));
                    value = sd > 0 ? (Math.Sqrt(pixels[y * n + x]) - background[r]) / sd : 0;
                }
                output[y * n + x] = (float)Math.Clamp(value, -ClipSd, ClipSd);
            }
        }
        return new Image2D(n, n, output, new VoxelSize(spectrum.PixelSizeAngstrom, spectrum.PixelSizeAngstrom, 0), new ImageMetadata());
    }

    /// <summary>Box average over ±<paramref name="half"/> bins (clipped at the ends).</summary>
    private static double[] Smooth(double[] values, int half)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(values.Length - 1, i + half);
            double sum = 0;
            for (int k = lo; k <= hi; k++) sum += values[k];
            result[i] = sum / (hi - lo + 1);
        }
        return result;
    }
}
