namespace TemKit.Detector;

/// <summary>Settings of the Eq. 4 fit to a radial noise spectrum.</summary>
/// <param name="MaxQNormalised">Highest q~ fitted (fraction of Nyquist). The default 1.5 takes the whole Fourier
/// square, corners out to √2 included: there the MTF has fallen furthest, so the floor c2 is best defined, and the
/// partial rings there weigh little because bins are weighted by their pixel count. Use 1 for a detector with
/// artefacts beyond Nyquist.</param>
/// <param name="MinQNormalised">Lowest q~ fitted; the DC bin is always left out.</param>
/// <param name="MaxIterations">Levenberg-Marquardt iteration limit per start.</param>
public sealed record MtfFitOptions(double MaxQNormalised = 1.5, double MinQNormalised = 0.0, int MaxIterations = 200)
{
    /// <summary>The defaults.</summary>
    public static MtfFitOptions Default { get; } = new();
}
