using TemKit.CtfEstimation.Spectrum;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Profile;

public sealed partial class RadialProfile
{
    /// <summary>
    /// Averages along the rings of an astigmatic CTF: each pixel at frequency g and azimuth α is placed at the radius g′
    /// where an isotropic CTF with the mean defocus has the same phase, χ(g′, Δf_mean) = χ(g, Δf(α))
    /// (the quadratic in g′² of CTFFIND4's Eq. 1), so rings that are ellipses in 2D become sharp in 1D.
    /// Pixels beyond the phase maximum (where Cs folds χ back) are skipped.
    /// </summary>
    /// <param name="spectrum">Calibrated centred spectrum.</param>
    /// <param name="astigmatism">Fitted CTF (voltage, Cs, defocus 1/2 in Å, angle in degrees).</param>
    /// <param name="options">Profile settings (defaults when null).</param>
    public static RadialProfile ComputeElliptical(PowerSpectrum spectrum, CtfParameters astigmatism, RadialProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(astigmatism);
        if (!spectrum.IsCalibrated) throw new ArgumentException("elliptical averaging needs a calibrated spectrum (pixel size in Å)", nameof(spectrum));
        options ??= new RadialProfileOptions();
        int n = spectrum.Size, c = spectrum.Centre;
        int bins = Bins(spectrum, options);
        var sum = new double[bins];
        var weight = new double[bins];
        double step = spectrum.FrequencyStepInverseAngstrom;
        double lambda = astigmatism.WavelengthAngstrom;
        double mean = astigmatism.MeanDefocusAngstrom;
        double half = 0.5 * (astigmatism.Defocus1Angstrom - astigmatism.Defocus2OrDefocus1Angstrom);
        double angle = astigmatism.AstigmatismAngleDegrees * Math.PI / 180;
        double ca = Math.Cos(2 * angle), sa = Math.Sin(2 * angle);
        // χ/π = λ g² Δf − ½ Cs λ³ g⁴ (without the constant phases, which cancel on both sides).
        double a = 0.5 * astigmatism.CsAngstrom * lambda * lambda * lambda;
        var pixels = spectrum.Image.Pixels;
        for (int y = 0; y < n; y++)
        {
            var row = pixels.Slice(y * n, n);
            double ky = (y - c) * step;
            for (int x = 0; x < n; x++)
            {
                double kx = (x - c) * step;
                double g2 = kx * kx + ky * ky;
                if (g2 == 0) { Deposit(sum, weight, 0, options.Amplitude ? MathF.Sqrt(row[x]) : row[x]); continue; }
                // cos 2(α − α_ast) from kx, ky without trigonometric calls.
                double cos2 = ((kx * kx - ky * ky) * ca + 2 * kx * ky * sa) / g2;
                double df = mean + half * cos2;
                double phase = lambda * g2 * df - a * g2 * g2;
                double u = EquivalentG2(phase, lambda * mean, a);
                if (double.IsNaN(u)) continue;
                Deposit(sum, weight, Math.Sqrt(u) / step, options.Amplitude ? MathF.Sqrt(row[x]) : row[x]);
            }
        }
        return Finish(sum, weight, spectrum);
    }

    /// <summary>Smallest u = g′² ≥ 0 with b·u − a·u² = phase (NaN when the phase exceeds the maximum b²/4a).</summary>
    internal static double EquivalentG2(double phase, double b, double a)
    {
        if (a <= 0) return phase / b;
        double disc = b * b - 4 * a * phase;
        if (disc < 0) return double.NaN;
        // Stable form of (b − √disc)/(2a).
        return 2 * phase / (b + Math.Sqrt(disc));
    }
}
