namespace TemKit.Simulation.Stem;

/// <summary>How a STEM image is computed.</summary>
public enum StemMethod
{
    /// <summary>Probe-by-probe multislice through the sliced potential (the reference).</summary>
    Multislice,

    /// <summary>PRISM (Ophus 2017): a plane-wave S-matrix with Fourier interpolation factor f, probes summed from it.</summary>
    Prism,

    /// <summary>Incoherent linear imaging: each atom's annular-detector cross-section times the probe intensity.</summary>
    Incoherent,
}
