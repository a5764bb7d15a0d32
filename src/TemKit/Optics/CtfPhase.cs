namespace TemKit.Optics;

/// <summary>
/// The CTF phase aberration χ(g) = π λ g² Δf − (π/2) Cs λ³ g⁴ (Rohou &amp; Grigorieff 2015, Eq. 1; defocus positive =
/// underfocus), with its coefficients computed once: the one implementation used by <see cref="Ctf"/>, CTF estimation
/// and the simulation's wave transfer.
/// </summary>
public readonly struct CtfPhase
{
    /// <summary>Coefficients at <paramref name="voltageKilovolts"/> (kV) and Cs <paramref name="csMillimetres"/> (mm).</summary>
    public CtfPhase(double voltageKilovolts, double csMillimetres)
    {
        Lambda = ElectronOptics.WavelengthAngstrom(voltageKilovolts);
        PiLambda = Math.PI * Lambda;
        HalfPiCsLambda3 = 0.5 * Math.PI * csMillimetres * ElectronOptics.AngstromPerMillimetre * Lambda * Lambda * Lambda;
    }

    /// <summary>Electron wavelength λ (Å).</summary>
    public double Lambda { get; }

    /// <summary>π λ (Å).</summary>
    public double PiLambda { get; }

    /// <summary>(π/2) Cs λ³ (Å⁴).</summary>
    public double HalfPiCsLambda3 { get; }

    /// <summary>χ (radians) at spatial frequency <paramref name="g"/> (1/Å) for defocus <paramref name="defocusAngstrom"/>
    /// (Å, positive = underfocus), without phase-plate or amplitude-contrast phases.</summary>
    public double Chi(double g, double defocusAngstrom)
    {
        double g2 = g * g;
        return PiLambda * g2 * defocusAngstrom - HalfPiCsLambda3 * g2 * g2;
    }

    /// <summary>dχ/dg (radians·Å) at <paramref name="g"/> (1/Å).</summary>
    public double ChiSlope(double g, double defocusAngstrom) => 2 * PiLambda * g * defocusAngstrom - 4 * HalfPiCsLambda3 * g * g * g;
}
