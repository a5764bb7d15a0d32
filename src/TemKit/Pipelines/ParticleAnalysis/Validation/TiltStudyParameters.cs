using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>
/// A simulated series of one supported Au particle tilted off the [110] zone axis, imaged at several doses, to measure
/// the brightest/dimmest pair ratio against tilt and dose and the ROC of the zone-axis filter
/// (<see cref="TiltStudy"/>).
/// </summary>
/// <param name="TiltsDegrees">Tilts off [110] (degrees).</param>
/// <param name="DosesElectronsPerAngstrom2">Frame doses (e/Å²).</param>
/// <param name="Particles">Random particles (truncation, tilt axis, in-plane rotation; seed = 1..Particles).</param>
/// <param name="DiameterNanometres">Particle diameter (nm).</param>
/// <param name="GridPx">Image side (px).</param>
/// <param name="PixelSizeAngstrom">Sampling (Å/px).</param>
/// <param name="Optics">Lens transfer (defocus Å positive = underfocus, Cs mm, ...).</param>
/// <param name="MtfModel">Detector: SOI Table 3 MTF model 1..5, 0 = ideal.</param>
/// <param name="OnZoneMaxTiltDegrees">Frames tilted at most this much are "on zone" (positives).</param>
/// <param name="OffZoneMinTiltDegrees">Frames tilted at least this much are "off zone" (negatives).</param>
/// <param name="FirstParticle">Seed of the first particle (particles FirstParticle..FirstParticle+Particles−1), so a
/// fresh set can check a choice made on another.</param>
/// <param name="DetectionFieldPx">With a detector: side of the vacuum field each frame is placed in for detection (px).</param>
public sealed record TiltStudyParameters(
    IReadOnlyList<double> TiltsDegrees,
    IReadOnlyList<double> DosesElectronsPerAngstrom2,
    int Particles = 4,
    double DiameterNanometres = 2.5,
    int GridPx = 320,
    double PixelSizeAngstrom = 0.1,
    ImagingParameters? Optics = null,
    int MtfModel = 4,
    double OnZoneMaxTiltDegrees = 1,
    double OffZoneMinTiltDegrees = 3,
    int FirstParticle = 1,
    int DetectionFieldPx = 1024)
{
    /// <summary>The default series: 0-10° and 50-5000 e/Å².</summary>
    public static TiltStudyParameters Default { get; } = new([0, 0.5, 1, 2, 3, 4, 6, 8, 10], [50, 200, 1000, 5000]);

    /// <summary>The optics used: <see cref="Optics"/> or 60 Å underfocus with the simulator's other defaults.</summary>
    public ImagingParameters ResolvedOptics => Optics ?? new ImagingParameters(DefocusAngstrom: 60);
}
