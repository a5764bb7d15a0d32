using TemKit.Optics;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The elastic cross-section of one atom for scattering onto an annular detector,
/// σ = γ²λ² ∫ |fe(k)|² d²k over θ_inner ≤ λk &lt; θ_outer (Å²), with fe Kirkland's electron scattering factor
/// (Eq. C.15) and γ the relativistic mass ratio, in the first Born approximation (dσ/dΩ = |γ fe|², dΩ = λ² d²k). The incoherent STEM model multiplies it by the probe intensity (1/Å²).
/// </summary>
public static class AnnularCrossSection
{
    /// <summary>σ in Å² for element <paramref name="atomicNumber"/> on <paramref name="detector"/> at <paramref name="voltageKilovolts"/>.</summary>
    public static double SquareAngstrom(int atomicNumber, AnnularDetector detector, double voltageKilovolts)
    {
        detector.Validate();
        var fe = KirklandPotential.For(atomicNumber);
        double lambda = ElectronOptics.WavelengthAngstrom(voltageKilovolts);
        double gamma = 1 + voltageKilovolts / ElectronOptics.RestEnergyKeV;
        double k0 = detector.InnerInverseAngstrom(lambda), k1 = detector.OuterInverseAngstrom(lambda);
        // Simpson's rule on 2048 intervals of k: |fe|² k is smooth (fe falls as 1/k² at large k).
        const int n = 2048;
        double h = (k1 - k0) / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double k = k0 + i * h, f = fe.ScatteringFactorAngstrom(k), w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * f * f * k;
        }
        return gamma * gamma * lambda * lambda * 2 * Math.PI * sum * h / 3;
    }

    /// <summary>
    /// The exponent n of the best power law σ ∝ Z^n (least squares in log σ vs log Z) over the elements
    /// <paramref name="atomicNumbers"/> for this detector.
    /// </summary>
    public static double FittedExponent(IReadOnlyList<int> atomicNumbers, AnnularDetector detector, double voltageKilovolts)
    {
        if (atomicNumbers.Count < 2) throw new ArgumentException("fitting a Z exponent needs at least two elements");
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (int z in atomicNumbers)
        {
            double x = Math.Log(z), y = Math.Log(SquareAngstrom(z, detector, voltageKilovolts));
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        int m = atomicNumbers.Count;
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
