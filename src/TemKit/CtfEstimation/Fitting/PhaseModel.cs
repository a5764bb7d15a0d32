using TemKit.Optics;
using CtfModel = TemKit.Optics.Ctf;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// The isotropic CTF phase of CTFFIND4's Eq. 1 in a form cheap to evaluate in loops:
/// χ_total(g) = π λ g² Δf − (π/2) Cs λ³ g⁴ + phase shift + amplitude-contrast phase.
/// </summary>
internal readonly struct PhaseModel
{
    private readonly CtfPhase _chi;

    public PhaseModel(double voltageKilovolts, double csMillimetres, double amplitudeContrast)
    {
        _chi = new CtfPhase(voltageKilovolts, csMillimetres);
        AmplitudePhase = CtfModel.AmplitudeContrastPhase(amplitudeContrast);
    }

    /// <summary>Electron wavelength (Å).</summary>
    public double Lambda => _chi.Lambda;

    /// <summary>π λ (Å).</summary>
    public double PiLambda => _chi.PiLambda;

    /// <summary>(π/2) Cs λ³ (Å⁴).</summary>
    public double HalfPiCsLambda3 => _chi.HalfPiCsLambda3;

    /// <summary>arctan(w / sqrt(1 − w²)) (radians).</summary>
    public double AmplitudePhase { get; }

    /// <summary>Total phase (radians) at g (1/Å) for defocus Δf (Å) and extra phase shift (radians).</summary>
    public double Chi(double g, double defocusAngstrom, double phaseShift) => _chi.Chi(g, defocusAngstrom) + phaseShift + AmplitudePhase;

    /// <summary>dχ/dg (radians·Å).</summary>
    public double ChiSlope(double g, double defocusAngstrom) => _chi.ChiSlope(g, defocusAngstrom);

    /// <summary>Spacing in g (1/Å) between neighbouring rings at g: π / |dχ/dg| (infinite at the phase maximum).</summary>
    public double RingPeriod(double g, double defocusAngstrom)
    {
        double slope = Math.Abs(ChiSlope(g, defocusAngstrom));
        return slope > 0 ? Math.PI / slope : double.PositiveInfinity;
    }

    /// <summary>Frequency (1/Å) where dχ/dg = 0, g = sqrt(Δf / (Cs λ²)); infinite without Cs.</summary>
    public double PhaseTurningFrequency(double defocusAngstrom) =>
        HalfPiCsLambda3 > 0 ? Math.Sqrt(Math.Max(0, PiLambda * defocusAngstrom / (2 * HalfPiCsLambda3))) : double.PositiveInfinity;

    /// <summary>Smallest g (1/Å) at which the total phase reaches <paramref name="target"/> on its rising branch (NaN if never).</summary>
    public double FrequencyAtPhase(double target, double defocusAngstrom, double phaseShift)
    {
        double c = target - phaseShift - AmplitudePhase;
        double b = PiLambda * defocusAngstrom, a = HalfPiCsLambda3;
        if (c < 0 || b <= 0) return double.NaN;
        double disc = b * b - 4 * a * c;
        if (disc < 0) return double.NaN;
        double u = 2 * c / (b + Math.Sqrt(disc));
        return Math.Sqrt(u);
    }

    /// <summary>Frequency (1/Å) of the n-th maximum (n ≥ 1) of CTF² = sin²(χ_total): the n-th value π/2 + kπ above χ_total(0).</summary>
    public double MaximumFrequency(int n, double defocusAngstrom, double phaseShift)
    {
        double start = phaseShift + AmplitudePhase;
        int k = (int)Math.Floor((start - Math.PI / 2) / Math.PI) + 1;
        return FrequencyAtPhase(Math.PI / 2 + (k + n - 1) * Math.PI, defocusAngstrom, phaseShift);
    }
}
