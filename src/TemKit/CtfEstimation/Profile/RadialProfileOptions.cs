namespace TemKit.CtfEstimation.Profile;

/// <summary>Settings for <see cref="RadialProfile.Compute"/> and <see cref="RadialProfile.ComputeElliptical"/>.</summary>
public sealed record RadialProfileOptions
{
    /// <summary>Average the amplitude sqrt(power) instead of the power (CTFFIND fits amplitudes; the dynamic range is smaller).</summary>
    public bool Amplitude { get; init; }

    /// <summary>Outermost radius (px) of the profile; 0 = Size/2 (Nyquist along the axes).</summary>
    public int MaxRadiusPx { get; init; }
}
