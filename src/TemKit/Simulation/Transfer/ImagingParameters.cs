namespace TemKit.Simulation.Transfer;

/// <summary>
/// Objective-lens imaging conditions for one image of an exit wave. Defocus follows TemKit's (CTFFIND's) convention:
/// positive = underfocus. Table 1 of the seed paper draws defocus from −200..200 Å; since that range is symmetric it
/// is the same distribution in either sign convention, and TemKit records the value in this one.
/// </summary>
/// <param name="DefocusAngstrom">Mean defocus Δf (Å, positive = underfocus).</param>
/// <param name="CsMillimetres">Spherical aberration Cs (mm; Table 1: 0..12.45 µm = 0..0.01245 mm).</param>
/// <param name="AstigmatismAngstrom">Two-fold astigmatism as the defocus difference Δf1 − Δf2 (Å, ≥ 0).</param>
/// <param name="AstigmatismAngleDegrees">Azimuth of the Δf1 (more underfocused) axis from +x, counter-clockwise (degrees).</param>
/// <param name="FocalSpreadAngstrom">Standard deviation Δ of the defocus spread from chromatic aberration (Å); temporal
/// envelope exp(−½ (πλΔ)² k⁴) (Kirkland 2010 Eq. 3.49).</param>
/// <param name="ConvergenceSemiAngleMilliradians">Illumination semi-angle α (mrad); quasi-coherent spatial envelope
/// exp(−(α/2λ)² |∇χ(k)|²) (Kirkland 2010 Eq. 3.46 written with the gradient of χ so that it also covers astigmatism).</param>
/// <param name="BlurAngstrom">Standard deviation of a Gaussian blur of the intensity (Å; vibration, drift, Table 1: 0.1..0.8).</param>
public sealed record ImagingParameters(
    double DefocusAngstrom = 0,
    double CsMillimetres = 0.006225,
    double AstigmatismAngstrom = 0,
    double AstigmatismAngleDegrees = 0,
    double FocalSpreadAngstrom = 12.5,
    double ConvergenceSemiAngleMilliradians = 0.2,
    double BlurAngstrom = 0.45)
{
    /// <summary>Defocus and astigmatism as one <see cref="Optics.DefocusAberration"/> (Δf1 = Δf + astigmatism/2).</summary>
    public Optics.DefocusAberration Aberration => Optics.DefocusAberration.FromMean(DefocusAngstrom, AstigmatismAngstrom, AstigmatismAngleDegrees);

    /// <summary>Scherzer defocus Δf = √(4/3 · Cs λ) in Å (positive = underfocus) for Cs in mm at <paramref name="voltageKilovolts"/>.</summary>
    public static double ScherzerDefocusAngstrom(double csMillimetres, double voltageKilovolts) =>
        Math.Sqrt(4.0 / 3.0 * csMillimetres * Optics.ElectronOptics.AngstromPerMillimetre * Optics.ElectronOptics.WavelengthAngstrom(voltageKilovolts));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        if (!double.IsFinite(DefocusAngstrom)) throw new ArgumentException("defocus must be a finite number of Å");
        if (!(CsMillimetres is >= -10 and <= 10)) throw new ArgumentException($"Cs must be within ±10 mm, got {CsMillimetres}");
        if (!(AstigmatismAngstrom >= 0) || !double.IsFinite(AstigmatismAngstrom)) throw new ArgumentException($"astigmatism must be ≥ 0 Å, got {AstigmatismAngstrom}");
        if (!double.IsFinite(AstigmatismAngleDegrees)) throw new ArgumentException("astigmatism angle must be finite");
        if (!(FocalSpreadAngstrom >= 0) || !double.IsFinite(FocalSpreadAngstrom)) throw new ArgumentException($"focal spread must be ≥ 0 Å, got {FocalSpreadAngstrom}");
        if (!(ConvergenceSemiAngleMilliradians >= 0) || !double.IsFinite(ConvergenceSemiAngleMilliradians)) throw new ArgumentException($"convergence angle must be ≥ 0 mrad, got {ConvergenceSemiAngleMilliradians}");
        if (!(BlurAngstrom >= 0) || !double.IsFinite(BlurAngstrom)) throw new ArgumentException($"blur must be ≥ 0 Å, got {BlurAngstrom}");
    }
}
