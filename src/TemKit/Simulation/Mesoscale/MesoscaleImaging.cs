using TemKit.Detector;
using TemKit.Optics;
using TemKit.Simulation.Transfer;

namespace TemKit.Simulation.Mesoscale;

/// <summary>
/// How one mesoscale field is imaged: the objective lens (defocus positive = underfocus, two-fold astigmatism in
/// CTFFIND's convention), its envelopes, the dose and the detector. Voltage, Cs and amplitude contrast come from
/// <see cref="Optics"/>.
/// </summary>
public sealed record MesoscaleImaging
{
    /// <summary>Voltage, Cs and amplitude contrast (default 300 kV, Cs 2.7 mm, w = 0.07).</summary>
    public ElectronOptics Optics { get; init; } = ElectronOptics.Default;

    /// <summary>Mean defocus (Å, positive = underfocus).</summary>
    public double DefocusAngstrom { get; init; } = 20000;

    /// <summary>Astigmatism Δf1 − Δf2 (Å, ≥ 0).</summary>
    public double AstigmatismAngstrom { get; init; }

    /// <summary>Azimuth of the Δf1 axis from +x, counter-clockwise (degrees).</summary>
    public double AstigmatismAngleDegrees { get; init; }

    /// <summary>Focal spread, standard deviation (Å).</summary>
    public double FocalSpreadAngstrom { get; init; } = 30;

    /// <summary>Illumination convergence semi-angle (mrad).</summary>
    public double ConvergenceSemiAngleMilliradians { get; init; } = 0.02;

    /// <summary>Frame dose (e/Å²).</summary>
    public double DoseElectronsPerAngstrom2 { get; init; } = 30;

    /// <summary>Detector MTF and readout noise.</summary>
    public DetectorModel Detector { get; init; } = new();

    /// <summary>The transfer conditions of the simulation's wave imager (no extra blur).</summary>
    public ImagingParameters Transfer => new(DefocusAngstrom, Optics.CsMillimetres, AstigmatismAngstrom, AstigmatismAngleDegrees,
        FocalSpreadAngstrom, ConvergenceSemiAngleMilliradians, BlurAngstrom: 0);

    /// <summary>The true CTF of this imaging (CTFFIND convention, with the amplitude contrast).</summary>
    public CtfParameters Ctf => CtfParameters.From(Optics, DefocusAberration.FromMean(DefocusAngstrom, AstigmatismAngstrom, AstigmatismAngleDegrees));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Optics);
        ArgumentNullException.ThrowIfNull(Detector);
        OpticsLimits.VoltageKilovolts.Check(Optics.VoltageKilovolts, "voltage");
        OpticsLimits.AmplitudeContrast.Check(Optics.AmplitudeContrast, "amplitude contrast");
        Transfer.Validate();
        Detector.Validate();
        if (!(DoseElectronsPerAngstrom2 > 0) || !double.IsFinite(DoseElectronsPerAngstrom2))
            throw new ArgumentException($"dose must be > 0 e/Å², got {DoseElectronsPerAngstrom2}");
    }
}
