namespace TemKit.Detector;

/// <summary>How one frame is analysed by <see cref="MtfAnalysis"/>.</summary>
/// <param name="Region">Vacuum rectangle (px); null: the whole frame (or the automatic vacuum if <paramref name="AutoVacuum"/>).</param>
/// <param name="AutoVacuum">Find the largest connected set of tiles whose mean and variance look like pure noise.</param>
/// <param name="TileSize">Average the spectra of square tiles of this size (px) inside the region; 0: one spectrum
/// of the whole region. The automatic vacuum always uses tiles of <see cref="VacuumOptions.TileSize"/>.</param>
/// <param name="Spectrum">Spectrum fitted: amplitude (default, obeys Eq. 2) or power.</param>
/// <param name="DoseElectronsPerPixel">Frame dose N_D (e/px) if known; null: the gain-normalised region mean.</param>
/// <param name="MinRSquared">Fits with a lower R² are flagged: the region may hold specimen.</param>
/// <param name="MaxVarianceToMean">Largest variance/mean of a gain-normalised frame (pure noise through a detector
/// has ∫MTF² + N0/N_D ≤ 1 + N0/N_D); a larger ratio means the pixels are not in electrons.</param>
/// <param name="Vacuum">Automatic vacuum search settings.</param>
/// <param name="Fit">Eq. 4 fit settings.</param>
public sealed record MtfAnalysisOptions(
    PixelRegion? Region = null,
    bool AutoVacuum = false,
    int TileSize = 0,
    SpectrumKind Spectrum = SpectrumKind.Amplitude,
    double? DoseElectronsPerPixel = null,
    double MinRSquared = 0.9,
    double MaxVarianceToMean = 4.0,
    VacuumOptions? Vacuum = null,
    MtfFitOptions? Fit = null);
