namespace TemKit.Detector;

/// <summary>How one frame is analysed by <see cref="MtfAnalysis"/>.</summary>
/// <param name="Region">Vacuum rectangle (px); null: the whole frame (or the automatic vacuum if <paramref name="AutoVacuum"/>).</param>
/// <param name="AutoVacuum">Find the largest connected set of tiles whose mean and variance look like pure noise.</param>
/// <param name="TileSizePx">Average the spectra of square tiles of this size (px) inside the region; 0: one spectrum
/// of the whole region. The automatic vacuum always uses tiles of <see cref="VacuumOptions.TileSizePx"/>.</param>
/// <param name="Spectrum">Spectrum fitted: amplitude (default, obeys Eq. 2) or power.</param>
/// <param name="DoseElectronsPerPixel">Frame dose N_D (e/px) if known; null: the gain-normalised region mean.</param>
/// <param name="MinRSquared">Fits with a lower R² are flagged: the region may hold specimen.</param>
/// <param name="MinNoiseGain">Lowest accepted noise gain, the spectrum's q~ → 0 power (c1² for amplitude, c1 for
/// power) divided by the region mean. Shot noise has variance = mean and MTF(0) = 1, so a gain-normalised frame
/// gives 1 + N0/N_D (a little more for a scintillator's Swank factor); a dark offset pushes it down.</param>
/// <param name="MaxNoiseGain">Highest accepted noise gain; raw counts at gain g give ≈ g.</param>
/// <param name="Vacuum">Automatic vacuum search settings.</param>
/// <param name="Fit">Eq. 4 fit settings.</param>
public sealed record MtfAnalysisOptions(
    PixelRegion? Region = null,
    bool AutoVacuum = false,
    int TileSizePx = 0,
    SpectrumKind Spectrum = SpectrumKind.Amplitude,
    double? DoseElectronsPerPixel = null,
    double MinRSquared = 0.9,
    double MinNoiseGain = 0.33,
    double MaxNoiseGain = 4.0,
    VacuumOptions? Vacuum = null,
    MtfFitOptions? Fit = null);
