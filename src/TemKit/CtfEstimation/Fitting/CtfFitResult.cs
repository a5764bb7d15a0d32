using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// Outcome of a CTF fit in CTFFIND's convention (defocus positive = underfocus, Δf1 ≥ Δf2, angle of the Δf1 axis from
/// +x counter-clockwise, MRC y up), with the seed's indices.
/// </summary>
/// <param name="Parameters">The fitted CTF (voltage, Cs, amplitude contrast, Δf1, Δf2, angle, phase shift).</param>
/// <param name="Score">Fit quality (−1..1), a correlation like CTFFIND4's cross-correlation between the
/// background-subtracted spectrum and the fitted CTF² (Rohou &amp; Grigorieff 2015). When the searched defocus range and
/// the spectrum's sampling give a common band (first zero of <see cref="CtfFitOptions.MinDefocusAngstrom"/> to where the
/// rings of <see cref="CtfFitOptions.MaxDefocusAngstrom"/> alias), it is sqrt(q/(1 + q)) for q the per-pixel Thon-ring
/// SNR of the band, measured ring by ring and pooled by pixel count (the correlation a band of uniform SNR q would give),
/// which does not depend on defocus; otherwise the weighted normalised cross-correlation (each pixel weighted by
/// envelope²/variance of its ring) over the fitted resolution range, which does (it falls where the tiles cannot resolve
/// the rings, e.g. by 40 % from 1 to 5 µm at 45 e/Å² with 512 px tiles at 1 Å/px). The band is in
/// <see cref="ScoreBandLowResolutionAngstrom"/>, <see cref="ScoreBandHighResolutionAngstrom"/>. Lower at lower dose and for
/// a wrong model. Comparable only between spectra with the same band, tile size and tile count (docs/defocus.md,
/// docs/benchmarks/ctf.md, <c>ctf-trust</c>).</param>
/// <param name="FitResolutionAngstrom">Fit resolution (Å) as CTFFIND4 defines it: the finest spacing up to which the
/// local 1D cross-correlation of the fitted CTF with the equi-phase average stays ≥
/// <see cref="CtfFitOptions.FitResolutionThreshold"/> (0.75), scanning out from the first zero; NaN when it never
/// holds (no Thon rings matched).</param>
/// <param name="FftIndexInverseAngstrom">fft_index: spatial frequency (1/Å) of the 2nd Thon-ring maximum of the fitted
/// CTF at the mean defocus (second phase χ + amplitude phase = π/2 + kπ above its value at g = 0).</param>
/// <param name="FringeWidthPx">fringe_width_px: the Fresnel-fringe scale sqrt(λ·Δf_mean) in pixels of the original
/// micrograph (before any binning), for defocus-aware segmentation.</param>
/// <param name="OriginalPixelSizeAngstrom">Pixel size (Å) of the micrograph before binning.</param>
/// <param name="SpectrumPixelSizeAngstrom">Sampling (Å/px) of the spectrum that was fitted.</param>
/// <param name="Profile">Equi-phase 1D profile of the data with the fitted model and the local cross-correlation.</param>
public sealed record CtfFitResult(
    CtfParameters Parameters,
    double Score,
    double FitResolutionAngstrom,
    double FftIndexInverseAngstrom,
    double FringeWidthPx,
    double OriginalPixelSizeAngstrom,
    double SpectrumPixelSizeAngstrom,
    CtfFitProfile Profile)
{
    /// <summary>Defocus along the astigmatism axis (Å, underfocus positive), ≥ <see cref="Defocus2Angstrom"/>.</summary>
    public double Defocus1Angstrom => Parameters.Defocus1Angstrom;

    /// <summary>Defocus perpendicular to the astigmatism axis (Å).</summary>
    public double Defocus2Angstrom => Parameters.Defocus2OrDefocus1Angstrom;

    /// <summary>Angle of the Δf1 axis from +x, counter-clockwise, in [0, 180) degrees.</summary>
    public double AstigmatismAngleDegrees => Parameters.AstigmatismAngleDegrees;

    /// <summary>Additional phase shift (radians; 0 unless fitted or given).</summary>
    public double PhaseShiftRadians => Parameters.PhaseShiftRadians;

    /// <summary>(Δf1 + Δf2)/2 in Å.</summary>
    public double MeanDefocusAngstrom => Parameters.MeanDefocusAngstrom;

    /// <summary>Δf1 − Δf2 in Å (≥ 0).</summary>
    public double AstigmatismAngstrom => Defocus1Angstrom - Defocus2Angstrom;

    /// <summary>
    /// Finest spacing (Å) at which the fitted spectrum still resolves the fitted rings: beyond it their period along
    /// the Δf1 axis is below <see cref="CtfFitOptions.MinRingPeriodPx"/> spectrum pixels and the tile window averages
    /// them away. NaN when the rings stay resolved out to Nyquist, or when the fit was not made on a spectrum. When
    /// <see cref="FitResolutionAngstrom"/> is at (or within a few % of) this value, the fit resolution and the score are
    /// limited by the tile size, not by the image, and the score is lower than that of the same image quality at a
    /// smaller defocus; larger tiles resolve more rings (docs/defocus.md, "Fit score and fit resolution").
    /// </summary>
    public double AliasingResolutionAngstrom { get; init; } = double.NaN;

    /// <summary>Coarsest spacing (Å) of the band <see cref="Score"/> was computed over: the first CTF zero at the smallest
    /// searched defocus when the common band of the search range is used, else the fit's low-resolution limit. NaN when the
    /// fit was not made on a spectrum.</summary>
    public double ScoreBandLowResolutionAngstrom { get; init; } = double.NaN;

    /// <summary>Finest spacing (Å) of the band <see cref="Score"/> was computed over: where the rings of the largest
    /// searched defocus alias when the common band is used, else the fit's high-resolution limit. Scores are comparable
    /// across defocus when they share this band and it is the common band (docs/defocus.md, "Fit score and fit
    /// resolution").</summary>
    public double ScoreBandHighResolutionAngstrom { get; init; } = double.NaN;
}

/// <summary>
/// 1D view of a fit, one value per radius bin (spectrum px): the data averaged along the fitted rings, its background,
/// the normalised oscillation and the model, for plots and juncture files.
/// </summary>
/// <param name="RadiusPx">Radius (spectrum px).</param>
/// <param name="FrequencyInverseAngstrom">Spatial frequency (1/Å).</param>
/// <param name="Value">Equi-phase (elliptical) average of the amplitude spectrum sqrt(power).</param>
/// <param name="Background">Background: <paramref name="Value"/> smoothed by a triangular window two local ring periods wide.</param>
/// <param name="Normalised">(Value − Background) / local RMS: the ring oscillation, ≈ 2·CTF² − 1 where rings are clear.</param>
/// <param name="ModelCtfSquared">CTF² of the fit at the mean defocus (0..1).</param>
/// <param name="CrossCorrelation">Local cross-correlation of <paramref name="Normalised"/> and the model over ±1 ring period
/// (NaN outside the fitted range).</param>
/// <param name="FirstFittedIndex">First bin of the fitted resolution range.</param>
/// <param name="LastFittedIndex">Last bin of the fitted resolution range.</param>
public sealed record CtfFitProfile(
    double[] RadiusPx,
    double[] FrequencyInverseAngstrom,
    double[] Value,
    double[] Background,
    double[] Normalised,
    double[] ModelCtfSquared,
    double[] CrossCorrelation,
    int FirstFittedIndex,
    int LastFittedIndex);
