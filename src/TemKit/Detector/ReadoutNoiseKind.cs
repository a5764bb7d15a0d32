namespace TemKit.Detector;

/// <summary>Distribution of the readout noise that the detector adds after its scintillator (SOI Eq. 3).</summary>
public enum ReadoutNoiseKind
{
    /// <summary>Poisson with mean and variance N0 (the paper's choice), dark-subtracted so it has zero mean.</summary>
    Poisson,

    /// <summary>Gaussian with zero mean and variance N0.</summary>
    Gaussian,
}
