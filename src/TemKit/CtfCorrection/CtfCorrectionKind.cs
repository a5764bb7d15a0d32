namespace TemKit.CtfCorrection;

/// <summary>How an image is corrected for its contrast transfer function before further processing.</summary>
public enum CtfCorrectionKind
{
    /// <summary>No correction.</summary>
    None,

    /// <summary>Phase flipping: multiply the spectrum by sign(CTF), undoing the contrast reversals between zeros.</summary>
    PhaseFlip,

    /// <summary>Wiener filter: multiply the spectrum by CTF / (CTF² + 1/SNR).</summary>
    Wiener,
}
