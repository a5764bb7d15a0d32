namespace TemKit.CtfCorrection;

/// <summary>Settings of <see cref="CtfCorrector"/>.</summary>
public sealed record CtfCorrectionOptions
{
    /// <summary>Default Wiener signal-to-noise ratio: the spectral SNR of a low-dose image of weak phase objects at the
    /// frequencies that carry its shapes is of order 0.1 (docs/defocus-aware-segmentation.md measures the choice).</summary>
    public const double DefaultWienerSnr = 0.1;

    /// <summary>The correction.</summary>
    public CtfCorrectionKind Kind { get; init; } = CtfCorrectionKind.None;

    /// <summary>Signal-to-noise ratio assumed by the Wiener filter (&gt; 0, constant over frequency).</summary>
    public double WienerSnr { get; init; } = DefaultWienerSnr;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a non-positive SNR.</summary>
    public void Validate()
    {
        if (!(WienerSnr > 0) || !double.IsFinite(WienerSnr))
            throw new ArgumentOutOfRangeException(nameof(WienerSnr), WienerSnr, "the Wiener SNR must be a positive number");
    }
}
