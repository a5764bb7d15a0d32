namespace TemKit.Optics;

/// <summary>
/// The phase-contrast transfer function in CTFFIND4's form (Rohou &amp; Grigorieff 2015, Eqs. 1-3):
/// χ(g, α) = π λ g² Δf(α) − (π/2) Cs λ³ g⁴ + Δφ,  Δf(α) = (Δf1+Δf2)/2 + (Δf1−Δf2)/2 cos 2(α − α_ast),
/// CTF = −sin(χ + arctan(w / sqrt(1 − w²))). Rings (zeros) sit where χ + amplitude phase = nπ.
/// </summary>
public sealed class Ctf
{
    private readonly CtfPhase _chi;
    private readonly DefocusAberration _defocus;
    private readonly double _phase, _ampPhase;

    /// <summary>The CTF of <paramref name="parameters"/>.</summary>
    public Ctf(CtfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _chi = new CtfPhase(parameters.VoltageKilovolts, parameters.CsMillimetres);
        _defocus = parameters.Aberration;
        _phase = parameters.PhaseShiftRadians;
        _ampPhase = AmplitudeContrastPhase(parameters.AmplitudeContrast);
    }

    /// <summary>The parameters this CTF was built from.</summary>
    public CtfParameters Parameters { get; }

    /// <summary>The phase coefficients (λ, πλ, (π/2)Csλ³) at this CTF's voltage and Cs.</summary>
    public CtfPhase Phase => _chi;

    /// <summary>arctan(w / sqrt(1 − w²)) for amplitude contrast fraction w.</summary>
    public static double AmplitudeContrastPhase(double amplitudeContrast)
    {
        if (amplitudeContrast is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(amplitudeContrast), amplitudeContrast, "amplitude contrast must be in [0, 1)");
        return Math.Atan(amplitudeContrast / Math.Sqrt(1 - amplitudeContrast * amplitudeContrast));
    }

    /// <summary>Defocus (Å) seen along azimuth <paramref name="azimuthRadians"/> (from +x, counter-clockwise).</summary>
    public double DefocusAt(double azimuthRadians) => _defocus.DefocusAt(azimuthRadians);

    /// <summary>χ in radians (without the amplitude-contrast phase) at spatial frequency g (1/Å) and azimuth (radians).</summary>
    public double ChiRadians(double frequencyInverseAngstrom, double azimuthRadians) =>
        _chi.Chi(frequencyInverseAngstrom, DefocusAt(azimuthRadians)) + _phase;

    /// <summary>CTF value −sin(χ + amplitude phase) at g (1/Å) and azimuth (radians).</summary>
    public double Value(double frequencyInverseAngstrom, double azimuthRadians) =>
        -Math.Sin(ChiRadians(frequencyInverseAngstrom, azimuthRadians) + _ampPhase);

    /// <summary>
    /// Spatial frequency (1/Å) of the n-th zero (n = 1, 2, ...) along an azimuth, solving χ + amplitude phase = nπ
    /// for g² (the quadratic in g² of Eq. 1); NaN when that zero does not exist.
    /// </summary>
    public double ZeroFrequency(int n, double azimuthRadians)
    {
        double a = -_chi.HalfPiCsLambda3;
        double b = _chi.PiLambda * DefocusAt(azimuthRadians);
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
