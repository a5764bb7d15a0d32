namespace TemKit.Detector;

/// <summary>Which radial noise spectrum Eq. 4 is fitted to.</summary>
public enum SpectrumKind
{
    /// <summary>RMS Fourier amplitude, sqrt(⟨|F|²⟩/N) (e/px): its floor ratio obeys SOI Eq. 2, C² = N0/(N0+N_D). Default.</summary>
    Amplitude,

    /// <summary>Power spectral density ⟨|F|²⟩/N (e²/px²), as SOI A.3 words it: its floor ratio is C = N0/(N0+N_D).</summary>
    Power,
}
