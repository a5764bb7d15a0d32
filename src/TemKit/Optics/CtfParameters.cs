namespace TemKit.Optics;

/// <summary>
/// Contrast transfer function parameters in CTFFIND's convention: defocus positive = underfocus, defocus 1 ≥ defocus 2,
/// astigmatism angle = angle of the defocus-1 axis from +x, counter-clockwise (MRC y up).
/// </summary>
/// <param name="VoltageKilovolts">Acceleration voltage (kV).</param>
/// <param name="CsMillimetres">Spherical aberration (mm).</param>
/// <param name="AmplitudeContrast">Fraction of amplitude contrast w (0..1, typically 0.07 for cryo, 0.1 for materials).</param>
/// <param name="Defocus1Angstrom">Defocus along the astigmatism axis (Å, positive = underfocus).</param>
/// <param name="Defocus2Angstrom">Defocus perpendicular to it (Å).</param>
/// <param name="AstigmatismAngleDegrees">Angle of the defocus-1 axis from +x, counter-clockwise (degrees).</param>
/// <param name="PhaseShiftRadians">Additional phase shift (phase plate), radians.</param>
public sealed record CtfParameters(
    double VoltageKilovolts,
    double CsMillimetres,
    double AmplitudeContrast,
    double Defocus1Angstrom,
    double Defocus2Angstrom = double.NaN,
    double AstigmatismAngleDegrees = 0,
    double PhaseShiftRadians = 0)
{
    /// <summary>Defocus 2, equal to defocus 1 when not given (no astigmatism).</summary>
    public double Defocus2OrDefocus1Angstrom => double.IsNaN(Defocus2Angstrom) ? Defocus1Angstrom : Defocus2Angstrom;

    /// <summary>Mean defocus (df1 + df2)/2 in Å.</summary>
    public double MeanDefocusAngstrom => Aberration.MeanAngstrom;

    /// <summary>Defocus and astigmatism as one <see cref="DefocusAberration"/>.</summary>
    public DefocusAberration Aberration => new(Defocus1Angstrom, Defocus2OrDefocus1Angstrom, AstigmatismAngleDegrees);

    /// <summary>Voltage, Cs and amplitude contrast as one <see cref="ElectronOptics"/>.</summary>
    public ElectronOptics Optics => new(VoltageKilovolts, CsMillimetres, AmplitudeContrast);

    /// <summary>The parameters for <paramref name="optics"/> and <paramref name="aberration"/>, plus an optional
    /// phase-plate shift (radians).</summary>
    public static CtfParameters From(ElectronOptics optics, DefocusAberration aberration, double phaseShiftRadians = 0)
    {
        ArgumentNullException.ThrowIfNull(optics);
        ArgumentNullException.ThrowIfNull(aberration);
        return new(optics.VoltageKilovolts, optics.CsMillimetres, optics.AmplitudeContrast,
            aberration.Defocus1Angstrom, aberration.Defocus2Angstrom, aberration.AstigmatismAngleDegrees, phaseShiftRadians);
    }

    /// <summary>Relativistic wavelength (Å).</summary>
    public double WavelengthAngstrom => ElectronOptics.WavelengthAngstrom(VoltageKilovolts);

    /// <summary>Cs in Å.</summary>
    public double CsAngstrom => CsMillimetres * ElectronOptics.AngstromPerMillimetre;
}
