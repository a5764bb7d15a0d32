namespace TemKit.Optics;

/// <summary>
/// The phase-contrast transfer function in CTFFIND4's form (Rohou &amp; Grigorieff 2015, Eqs. 1-3):
/// χ(g, α) = π λ g² Δf(α) − (π/2) Cs λ³ g⁴ + Δφ,  Δf(α) = (Δf1+Δf2)/2 + (Δf1−Δf2)/2 cos 2(α − α_ast),
/// CTF = −sin(χ + arctan(w / sqrt(1 − w²))). Rings (zeros) sit where χ + amplitude phase = nπ.
/// </summary>
public sealed class Ctf
{
    private readonly double _lambda, _csA, _df1, _df2, _astRad, _phase, _ampPhase;

    public Ctf(CtfParameters parameters)
    {
        Parameters = parameters;
        _lambda = parameters.WavelengthAngstrom;
        _csA = parameters.CsAngstrom;
        _df1 = parameters.Defocus1Angstrom;
        _df2 = parameters.Defocus2OrDefocus1Angstrom;
        _astRad = parameters.AstigmatismAngleDegrees * Math.PI / 180;
        _phase = parameters.PhaseShiftRadians;
        _ampPhase = AmplitudeContrastPhase(parameters.AmplitudeContrast);
    }

    public CtfParameters Parameters { get; }

    /// <summary>arctan(w / sqrt(1 − w²)) for amplitude contrast fraction w.</summary>
    public static double AmplitudeContrastPhase(double amplitudeContrast)
    {
        if (amplitudeContrast is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(amplitudeContrast), amplitudeContrast, "amplitude contrast must be in [0, 1)");
        return Math.Atan(amplitudeContrast / Math.Sqrt(1 - amplitudeContrast * amplitudeContrast));
    }

    /// <summary>Defocus (Å) seen along azimuth <paramref name="azimuthRadians"/> (from +x, counter-clockwise).</summary>
    public double DefocusAt(double azimuthRadians) =>
        0.5 * (_df1 + _df2) + 0.5 * (_df1 - _df2) * Math.Cos(2 * (azimuthRadians - _astRad));

    /// <summary>χ in radians (without the amplitude-contrast phase) at spatial frequency g (1/Å) and azimuth (radians).</summary>
    public double ChiRadians(double frequencyInverseAngstrom, double azimuthRadians)
    {
        double g2 = frequencyInverseAngstrom * frequencyInverseAngstrom;
        return Math.PI * _lambda * g2 * DefocusAt(azimuthRadians)
             - 0.5 * Math.PI * _csA * _lambda * _lambda * _lambda * g2 * g2
             + _phase;
    }

    /// <summary>CTF value −sin(χ + amplitude phase) at g (1/Å) and azimuth (radians).</summary>
    public double Value(double frequencyInverseAngstrom, double azimuthRadians) =>
        -Math.Sin(ChiRadians(frequencyInverseAngstrom, azimuthRadians) + _ampPhase);

    /// <summary>
    /// Spatial frequency (1/Å) of the n-th zero (n = 1, 2, ...) along an azimuth, solving χ + amplitude phase = nπ
    /// for g² (the quadratic in g² of Eq. 1); NaN when that zero does not exist.
    /// </summary>
    public double ZeroFrequency(int n, double azimuthRadians)
    {
        double a = -0.5 * Math.PI * _csA * Math.Pow(_lambda, 3);
        double b = Math.PI * _lambda * DefocusAt(azimuthRadians);
        double c = _phase + _ampPhase - n * Math.PI;
        double u;
        if (Math.Abs(a) < 1e-30)
        {
            u = -c / b;
        }
        else
        {
            double disc = b * b - 4 * a * c;
            if (disc < 0) return double.NaN;
            // The smaller positive root in g² belongs to the rising branch of χ (underfocus).
            double r1 = (-b + Math.Sqrt(disc)) / (2 * a), r2 = (-b - Math.Sqrt(disc)) / (2 * a);
            u = new[] { r1, r2 }.Where(r => r > 0).DefaultIfEmpty(double.NaN).Min();
        }
        return u > 0 ? Math.Sqrt(u) : double.NaN;
    }
}
