namespace TemKit.Optics;

/// <summary>
/// The microscope constants every CTF computation needs, with TemKit's defaults declared once (300 kV, Cs 2.7 mm,
/// amplitude contrast 0.07, CTFFIND4's defaults), and the relativistic electron constants: the one place TemKit computes
/// the wavelength and the interaction constant.
/// </summary>
/// <param name="VoltageKilovolts">Acceleration voltage (kV).</param>
/// <param name="CsMillimetres">Spherical aberration Cs (mm).</param>
/// <param name="AmplitudeContrast">Fraction of amplitude contrast w (0..1; ~0.07 cryo, ~0.1 materials).</param>
public sealed record ElectronOptics(double VoltageKilovolts = 300, double CsMillimetres = 2.7, double AmplitudeContrast = 0.07)
{
    /// <summary>300 kV, Cs 2.7 mm, amplitude contrast 0.07.</summary>
    public static ElectronOptics Default { get; } = new();

    /// <summary>Å per mm (1e7): Cs is given in mm at the edges and used in Å inside.</summary>
    public const double AngstromPerMillimetre = 1e7;

    /// <summary>Electron rest energy m0 c² in keV.</summary>
    public const double RestEnergyKeV = 510.99895;

    /// <summary>h c in keV·Å.</summary>
    private const double PlanckTimesLightKeVAngstrom = 12.398419843320026;

    /// <summary>Checks the three values for a CTF fit (Cs in [0, 20] mm: the fit models an uncorrected lens); throws
    /// <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void ValidateForFit()
    {
        OpticsLimits.VoltageKilovolts.Check(VoltageKilovolts, nameof(VoltageKilovolts));
        OpticsLimits.CsFitMillimetres.Check(CsMillimetres, nameof(CsMillimetres));
        OpticsLimits.AmplitudeContrast.Check(AmplitudeContrast, nameof(AmplitudeContrast));
    }

    /// <summary>Relativistic electron wavelength (Å) at <see cref="VoltageKilovolts"/>.</summary>
    public double ElectronWavelengthAngstrom => WavelengthAngstrom(VoltageKilovolts);

    /// <summary>Cs in Å.</summary>
    public double CsAngstrom => CsMillimetres * AngstromPerMillimetre;

    /// <summary>Relativistic electron wavelength in Å for an acceleration voltage in kV
    /// (λ = hc / sqrt(E (2 m0c² + E)); 300 kV gives 0.019687 Å, 200 kV 0.025079 Å).</summary>
    public static double WavelengthAngstrom(double voltageKilovolts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(voltageKilovolts);
        double e = voltageKilovolts;
        return PlanckTimesLightKeVAngstrom / Math.Sqrt(e * (2 * RestEnergyKeV + e));
    }

    /// <summary>Relativistic interaction constant σ in rad/(V·Å) (Kirkland, Advanced Computing in EM, Eq. 5.6):
    /// σ = 2π m e λ / h² = (2π / (λ V)) (m0c² + eV) / (2 m0c² + eV); 300 kV gives 6.526e-4 rad/(V·Å).</summary>
    public static double InteractionConstantRadPerVoltAngstrom(double voltageKilovolts)
    {
        double lambda = WavelengthAngstrom(voltageKilovolts);
        double e = voltageKilovolts;
        return 2 * Math.PI / (lambda * e * 1000.0) * (RestEnergyKeV + e) / (2 * RestEnergyKeV + e);
    }
}
