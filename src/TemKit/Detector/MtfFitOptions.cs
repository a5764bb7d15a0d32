namespace TemKit.Detector;

/// <summary>Settings of the Eq. 4 fit to a radial noise spectrum.</summary>
/// <param name="MaxQNormalised">Highest q~ fitted (fraction of Nyquist). 1 leaves out the corners of the Fourier
/// square beyond Nyquist, which only part of each ring covers.</param>
/// <param name="MinQNormalised">Lowest q~ fitted; the DC bin is always left out.</param>
/// <param name="MaxIterations">Levenberg-Marquardt iteration limit per start.</param>
public sealed record MtfFitOptions(double MaxQNormalised = 1.0, double MinQNormalised = 0.0, int MaxIterations = 200)
{
    /// <summary>The defaults.</summary>
    public static MtfFitOptions Default { get; } = new();
}
