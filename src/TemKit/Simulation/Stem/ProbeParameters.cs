using TemKit.Optics;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The converged STEM probe: an aberrated aperture function A(k)·exp(+iχ(k)) with χ in CTFFIND's convention
/// (χ = πλΔf k² − ½πCsλ³k⁴, the same sign as <see cref="Transfer.WaveImager"/>), so a positive (under)focus Δf puts the
/// probe's crossover Δf Å below the entrance surface of the specimen (abTEM's and Prismatic's convention).
/// </summary>
/// <param name="VoltageKilovolts">Acceleration voltage (kV).</param>
/// <param name="ConvergenceSemiAngleMilliradians">Probe-forming aperture semi-angle α (mrad).</param>
/// <param name="DefocusAngstrom">Defocus Δf (Å), positive = underfocus (crossover inside or below the specimen).</param>
/// <param name="CsMillimetres">Spherical aberration Cs (mm).</param>
/// <param name="SourceSizeAngstrom">Standard deviation (Å) of the Gaussian effective source: the image is blurred with it
/// (incoherent source size); 0 = a point source.</param>
public sealed record ProbeParameters(
    double VoltageKilovolts = 300,
    double ConvergenceSemiAngleMilliradians = 21.4,
    double DefocusAngstrom = 0,
    double CsMillimetres = 0,
    double SourceSizeAngstrom = 0)
{
    /// <summary>Relativistic electron wavelength λ (Å).</summary>
    public double WavelengthAngstrom => ElectronOptics.WavelengthAngstrom(VoltageKilovolts);

    /// <summary>Radius of the probe-forming aperture in spatial frequency, α/λ (1/Å).</summary>
    public double ApertureRadiusInverseAngstrom => ConvergenceSemiAngleMilliradians * 1e-3 / WavelengthAngstrom;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        if (!(VoltageKilovolts is >= 10 and <= 3000)) throw new ArgumentException($"voltage must be 10..3000 kV, got {VoltageKilovolts}");
        if (!(ConvergenceSemiAngleMilliradians is > 0 and <= 200)) throw new ArgumentException($"convergence semi-angle must be in (0, 200] mrad, got {ConvergenceSemiAngleMilliradians}");
        if (!double.IsFinite(DefocusAngstrom) || Math.Abs(DefocusAngstrom) > 1e5) throw new ArgumentException($"defocus must be within ±1e5 Å, got {DefocusAngstrom}");
        if (!double.IsFinite(CsMillimetres) || Math.Abs(CsMillimetres) > 10) throw new ArgumentException($"Cs must be within ±10 mm, got {CsMillimetres}");
        if (!(SourceSizeAngstrom is >= 0 and <= 10)) throw new ArgumentException($"source size must be 0..10 Å, got {SourceSizeAngstrom}");
    }

    /// <summary>The aberration phase χ(k) in radians at spatial frequency k (1/Å), CTFFIND convention.</summary>
    public double ChiRadians(double kInverseAngstrom)
    {
        double lambda = WavelengthAngstrom, k2 = kInverseAngstrom * kInverseAngstrom;
        return Math.PI * lambda * DefocusAngstrom * k2 - 0.5 * Math.PI * CsMillimetres * 1e7 * lambda * lambda * lambda * k2 * k2;
    }
}
