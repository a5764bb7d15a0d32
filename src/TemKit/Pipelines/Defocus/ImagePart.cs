namespace TemKit.Pipelines.Defocus;

/// <summary>
/// Everything one image contributes to a run: its results row and the curves of every juncture stage. Persisted as
/// RUN/parts/&lt;key&gt;.json the moment the image finishes, so a killed run loses only the images in flight.
/// </summary>
/// <param name="Result">The results row.</param>
/// <param name="Profile">Rotational average of the amplitude spectrum (null when the image failed before it).</param>
/// <param name="Smoothed">Smoothing stage output on the same bins (null when absent).</param>
/// <param name="Peaks">Every Thon-ring maximum and zero found.</param>
/// <param name="Fit">Equi-phase data and fitted CTF² for the report (null when the fit failed).</param>
public sealed record ImagePart(DefocusResult Result, ProfileCurve? Profile, SmoothedCurve? Smoothed, IReadOnlyList<RingPeak> Peaks, FitCurve? Fit)
{
    /// <summary>A part for an image that failed with <paramref name="message"/>.</summary>
    public static ImagePart Failed(string file, string message, string acquired = "") =>
        new(new DefocusResult { File = file, Status = DefocusResult.StatusError, Error = message, Acquired = acquired }, null, null, [], null);
}

/// <summary>Stage "profiles": radial profile, one value per radius bin.</summary>
/// <param name="RadiusPx">Bin radius (spectrum px).</param>
/// <param name="FrequencyInverseAngstrom">Bin spatial frequency (1/Å).</param>
/// <param name="Value">Mean amplitude |F| in the bin (arbitrary units).</param>
public sealed record ProfileCurve(double[] RadiusPx, double[] FrequencyInverseAngstrom, double[] Value);

/// <summary>Stage "smoothed": Gaussian-smoothed profile, its background and the background-free signal (same bins as the profile).</summary>
/// <param name="RadiusPx">Bin radius (spectrum px).</param>
/// <param name="FrequencyInverseAngstrom">Bin spatial frequency (1/Å).</param>
/// <param name="Raw">Profile before smoothing.</param>
/// <param name="Smoothed">Gaussian-smoothed profile.</param>
/// <param name="Background">Background through the ring minima.</param>
/// <param name="Signal">Smoothed − background.</param>
public sealed record SmoothedCurve(double[] RadiusPx, double[] FrequencyInverseAngstrom, double[] Raw, double[] Smoothed, double[] Background, double[] Signal);

/// <summary>Stage "peaks": one Thon-ring maximum or zero.</summary>
/// <param name="Index">1-based order among the rings of its kind.</param>
/// <param name="Kind"><c>max</c> or <c>min</c>.</param>
/// <param name="RadiusPx">Sub-pixel radius (spectrum px).</param>
/// <param name="FrequencyInverseAngstrom">Spatial frequency (1/Å).</param>
/// <param name="Height">Background-free signal at the ring.</param>
/// <param name="Prominence">Prominence (SciPy find_peaks definition) in profile units.</param>
public sealed record RingPeak(int Index, string Kind, double RadiusPx, double FrequencyInverseAngstrom, double Height, double Prominence);

/// <summary>The fit seen in 1D: data averaged along the fitted rings, normalised, and the fitted CTF².</summary>
/// <param name="RadiusPx">Bin radius (spectrum px).</param>
/// <param name="FrequencyInverseAngstrom">Bin spatial frequency (1/Å).</param>
/// <param name="Normalised">Background-free, RMS-normalised equi-phase average (≈ 2·CTF² − 1 where rings are clear).</param>
/// <param name="ModelCtfSquared">Fitted CTF² (0..1).</param>
/// <param name="CrossCorrelation">Local cross-correlation of data and model (NaN outside the fitted range).</param>
/// <param name="Defocus1Angstrom">Fitted defocus 1 (Å), for drawing rings.</param>
/// <param name="Defocus2Angstrom">Fitted defocus 2 (Å).</param>
/// <param name="AstigmatismAngleDegrees">Fitted astigmatism angle (degrees).</param>
/// <param name="PhaseShiftRadians">Fitted or given phase shift (radians).</param>
public sealed record FitCurve(double[] RadiusPx, double[] FrequencyInverseAngstrom, double[] Normalised, double[] ModelCtfSquared, double[] CrossCorrelation,
    double Defocus1Angstrom, double Defocus2Angstrom, double AstigmatismAngleDegrees, double PhaseShiftRadians);
