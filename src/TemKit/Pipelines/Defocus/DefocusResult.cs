namespace TemKit.Pipelines.Defocus;

/// <summary>
/// One row of RUN/results.csv: the defocus, astigmatism, fit quality and the seed's indices of one image.
/// Numbers are NaN (an empty cell) when not available, e.g. on error rows.
/// </summary>
public sealed record DefocusResult
{
    /// <summary>Absolute path of the input file.</summary>
    public required string File { get; init; }

    /// <summary><see cref="StatusOk"/>, <see cref="StatusFailed"/> or <see cref="StatusError"/>.</summary>
    public required string Status { get; init; }

    /// <summary>One-line error message (empty when the image succeeded).</summary>
    public string Error { get; init; } = "";

    /// <summary>Defocus along the astigmatism axis (Å, underfocus positive), ≥ <see cref="Defocus2Angstrom"/>.</summary>
    public double Defocus1Angstrom { get; init; } = double.NaN;

    /// <summary>Defocus perpendicular to the astigmatism axis (Å, underfocus positive).</summary>
    public double Defocus2Angstrom { get; init; } = double.NaN;

    /// <summary>Angle of the defocus-1 axis from +x, counter-clockwise, MRC y up (degrees, 0..180).</summary>
    public double AstigmatismAngleDegrees { get; init; } = double.NaN;

    /// <summary>Fit score: CTFFIND's normalised cross-correlation of the background-subtracted spectrum and the fitted
    /// CTF² over the common band of the searched defocus range or the fitted range (score_band_low_A/high_A), weighted
    /// by ring SNR (−1..1; see <see cref="CtfEstimation.Fitting.CtfFitResult.Score"/>).</summary>
    public double FitScore { get; init; } = double.NaN;

    /// <summary>Fit resolution (Å), CTFFIND4's: finest spacing up to which the local correlation of the fitted rings with
    /// the data stays ≥ 0.75; NaN when no ring matched.</summary>
    public double FitResolutionAngstrom { get; init; } = double.NaN;

    /// <summary>Finest spacing (Å) at which the spectrum's tiles still resolve the fitted rings (ring period ≥ 3 spectrum
    /// px); NaN when they stay resolved out to Nyquist. A fit resolution at this value means the tile size, not the image,
    /// limits the fit resolution and lowers the score (see <see cref="CtfEstimation.Fitting.CtfFitResult.AliasingResolutionAngstrom"/>).</summary>
    public double AliasingResolutionAngstrom { get; init; } = double.NaN;

    /// <summary>Coarsest spacing (Å) of the band the fit score was computed over (see
    /// <see cref="CtfEstimation.Fitting.CtfFitResult.ScoreBandLowResolutionAngstrom"/>); NaN in results of older versions.</summary>
    public double ScoreBandLowResolutionAngstrom { get; init; } = double.NaN;

    /// <summary>Finest spacing (Å) of the band the fit score was computed over (see
    /// <see cref="CtfEstimation.Fitting.CtfFitResult.ScoreBandHighResolutionAngstrom"/>); NaN in results of older versions.</summary>
    public double ScoreBandHighResolutionAngstrom { get; init; } = double.NaN;

    /// <summary>Radius of the 2nd Thon-ring maximum of the smoothed rotational profile (spectrum px).</summary>
    public double SecondPeakPx { get; init; } = double.NaN;

    /// <summary>Spatial frequency of the 2nd Thon-ring maximum of the smoothed rotational profile (1/Å).</summary>
    public double SecondPeakInverseAngstrom { get; init; } = double.NaN;

    /// <summary>fft_index: spatial frequency (1/Å) of the 2nd maximum of the fitted CTF at the mean defocus.</summary>
    public double FftIndexInverseAngstrom { get; init; } = double.NaN;

    /// <summary>fringe_width_px: Fresnel-fringe scale sqrt(λ·Δf_mean) in pixels of the original image.</summary>
    public double FringeWidthPx { get; init; } = double.NaN;

    /// <summary>Mean pixel value of the image (file units; NaN for spectrum inputs' micrograph).</summary>
    public double MeanIntensity { get; init; } = double.NaN;

    /// <summary>Acquisition time (ISO 8601) from the file's metadata, else the file's modification time (UTC); which
    /// one is in <see cref="AcquiredSource"/>.</summary>
    public string Acquired { get; init; } = "";

    /// <summary>Where <see cref="Acquired"/> comes from: <see cref="AcquiredFromMetadata"/> (DM tags, FEI/EMD/SER
    /// headers) or <see cref="AcquiredFromFile"/> (the file's modification time, which copying resets).</summary>
    public string AcquiredSource { get; init; } = AcquiredFromFile;

    /// <summary><see cref="AcquiredSource"/> of a time read from the file's metadata.</summary>
    public const string AcquiredFromMetadata = "metadata";

    /// <summary><see cref="AcquiredSource"/> of a file modification time.</summary>
    public const string AcquiredFromFile = "file";

    /// <summary>Pixel size of the image used (Å).</summary>
    public double PixelSizeAngstrom { get; init; } = double.NaN;

    /// <summary>Sampling (Å/px) of the spectrum after binning; frequency step = 1/(size · this).</summary>
    public double SpectrumPixelSizeAngstrom { get; init; } = double.NaN;

    /// <summary>Edge of the spectrum (px).</summary>
    public int SpectrumSizePx { get; init; }

    /// <summary>Mean defocus (Δf1 + Δf2)/2 (Å).</summary>
    public double MeanDefocusAngstrom => (Defocus1Angstrom + Defocus2Angstrom) / 2;

    /// <summary>Status of a processed image.</summary>
    public const string StatusOk = "ok";

    /// <summary>Status of an image that could not be read.</summary>
    public const string StatusError = "error";

    /// <summary>Status of an image that was read but refused or not fitted (too small for two Thon rings, no rings
    /// matched); the numbers that could be measured are kept.</summary>
    public const string StatusFailed = "failed";

    /// <summary>True when <see cref="Status"/> is <see cref="StatusOk"/>.</summary>
    public bool IsOk => Status == StatusOk;
}
