namespace TemKit.Optics;

/// <summary>Relativistic electron constants: the one place TemKit computes wavelength and interaction constant.</summary>
public static class ElectronOptics
{
    /// <summary>Electron rest energy m0 c² in keV.</summary>
    public const double RestEnergyKeV = 510.99895;

    /// <summary>h c in keV·Å.</summary>
    private const double PlanckTimesLightKeVAngstrom = 12.398419843320026;

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
