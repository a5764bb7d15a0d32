namespace TemKit.Detector;

/// <summary>Result of <see cref="MtfAnalysis.Analyse(TemKit.Imaging.Image2D, MtfAnalysisOptions, TemKit.Fourier.IFftProvider?)"/> for one frame.</summary>
/// <param name="Status">Ok, flagged (low R²) or error.</param>
/// <param name="Message">Why the frame was flagged or refused; null when ok.</param>
/// <param name="DoseElectronsPerPixel">Frame dose N_D (e/px): given, or the region mean; NaN if unknown.</param>
/// <param name="Fit">The Eq. 4 fit, null on error.</param>
/// <param name="Spectrum">The radial spectrum, null on error.</param>
/// <param name="Tiles">The regions whose spectra were averaged.</param>
public sealed record FrameAnalysis(
    FrameStatus Status, string? Message, double DoseElectronsPerPixel, MtfFit? Fit, RadialSpectrum? Spectrum, IReadOnlyList<PixelRegion> Tiles)
{
    /// <summary>True when the frame passed and can enter the series fit.</summary>
    public bool Ok => Status == FrameStatus.Ok;

    internal static FrameAnalysis Failed(string message, double dose = double.NaN) => new(FrameStatus.Error, message, dose, null, null, []);
}
