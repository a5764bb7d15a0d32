using MathNet.Numerics;

namespace TemKit.Simulation.Potentials;

/// <summary>
/// One element's atomic potential in the Kirkland parametrisation (Advanced Computing in Electron Microscopy, 2nd ed.,
/// Appendix C): scattering factor, 3D potential and projected potential, all analytic.
/// </summary>
public sealed class KirklandPotential
{
    /// <summary>Bohr radius a0 in Å.</summary>
    public const double BohrRadiusAngstrom = 0.529177210903;

    /// <summary>e²/(4πε0) in eV·Å (Kirkland's "e = 14.4 V·Å").</summary>
    public const double ElementaryChargeVoltAngstrom = 14.3996454784;

    private const double A0E = BohrRadiusAngstrom * ElementaryChargeVoltAngstrom;
    private readonly double[] _a = new double[3], _b = new double[3], _c = new double[3], _d = new double[3];

    private KirklandPotential(int atomicNumber)
    {
        AtomicNumber = atomicNumber;
        var p = KirklandTable.Parameters(atomicNumber);
        for (int i = 0; i < 3; i++) { _a[i] = p[i]; _b[i] = p[3 + i]; _c[i] = p[6 + i]; _d[i] = p[9 + i]; }
    }

    private static readonly KirklandPotential?[] s_cache = new KirklandPotential?[Structures.Elements.MaxAtomicNumber + 1];

    /// <summary>The potential of element <paramref name="atomicNumber"/> (1..103).</summary>
    public static KirklandPotential For(int atomicNumber)
    {
        if (atomicNumber is < 1 or > Structures.Elements.MaxAtomicNumber)
            throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, "atomic number must be 1..103");
        return s_cache[atomicNumber] ??= new KirklandPotential(atomicNumber);
    }

    /// <summary>Atomic number Z.</summary>
    public int AtomicNumber { get; }

    /// <summary>Electron scattering factor fe(q) in Å at spatial frequency q (1/Å):
    /// fe = Σ a_i/(q² + b_i) + c_i exp(−d_i q²) (Kirkland Eq. C.15).</summary>
    public double ScatteringFactorAngstrom(double qInverseAngstrom)
    {
        double q2 = qInverseAngstrom * qInverseAngstrom, f = 0;
        for (int i = 0; i < 3; i++) f += _a[i] / (q2 + _b[i]) + _c[i] * Math.Exp(-_d[i] * q2);
        return f;
    }

    /// <summary>3D potential V(r) in V at distance r (Å) from the nucleus:
    /// 2π² a0 e Σ (a_i/r) exp(−2π r √b_i) + 2π^{5/2} a0 e Σ c_i d_i^{−3/2} exp(−π² r²/d_i) (Kirkland Eq. C.17).</summary>
    public double PotentialVolt(double rAngstrom)
    {
        double r = Math.Max(rAngstrom, 1e-8), v = 0;
        for (int i = 0; i < 3; i++)
        {
            v += 2 * Math.PI * Math.PI * A0E * _a[i] / r * Math.Exp(-2 * Math.PI * r * Math.Sqrt(_b[i]));
            v += 2 * Math.Pow(Math.PI, 2.5) * A0E * _c[i] * Math.Pow(_d[i], -1.5) * Math.Exp(-Math.PI * Math.PI * r * r / _d[i]);
        }
        return v;
    }

    /// <summary>Projected potential v_z(r) in V·Å at radial distance r (Å) from the atom's column:
    /// 4π² a0 e Σ a_i K0(2π r √b_i) + 2π² a0 e Σ (c_i/d_i) exp(−π² r²/d_i) (Kirkland Eq. C.19). Diverges
    /// logarithmically at r = 0; r is clamped at 1e-6 Å.</summary>
    public double ProjectedVoltAngstrom(double rAngstrom)
    {
        double r = Math.Max(rAngstrom, 1e-6), v = 0;
        for (int i = 0; i < 3; i++)
        {
            v += 4 * Math.PI * Math.PI * A0E * _a[i] * SpecialFunctions.BesselK0(2 * Math.PI * r * Math.Sqrt(_b[i]));
            v += 2 * Math.PI * Math.PI * A0E * _c[i] / _d[i] * Math.Exp(-Math.PI * Math.PI * r * r / _d[i]);
        }
        return v;
    }

    /// <summary>Integral of the projected potential over the plane, ∫ v_z d²r = 2π a0 e fe(0), in V·Å³
    /// (from fe(q) = (1/(2π a0 e)) ∫ V(r) exp(2πi q·r) d³r, Kirkland Eq. C.14).</summary>
    public double VolumeIntegralVoltAngstrom3 => 2 * Math.PI * A0E * ScatteringFactorAngstrom(0);
}
