namespace TemKit.Simulation.Stem;

/// <summary>The physics of a STEM image: the probe and the detector.</summary>
/// <param name="Probe">The converged probe.</param>
/// <param name="Detector">The annular detector.</param>
public sealed record StemParameters(ProbeParameters Probe, AnnularDetector Detector)
{
    /// <summary>300 kV, 21.4 mrad, in focus, no Cs, HAADF 70-200 mrad.</summary>
    public static StemParameters Default { get; } = new(new ProbeParameters(), AnnularDetector.Haadf);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        Probe.Validate();
        Detector.Validate();
    }
}
