namespace TemKit.Optics;

/// <summary>
/// Defocus with two-fold astigmatism in CTFFIND's convention: <paramref name="Defocus1Angstrom"/> along the axis at
/// <paramref name="AstigmatismAngleDegrees"/> from +x (counter-clockwise), <paramref name="Defocus2Angstrom"/>
/// perpendicular to it; positive = underfocus. (Mean, astigmatism) is the same aberration, derived here.
/// </summary>
/// <param name="Defocus1Angstrom">Defocus along the astigmatism axis (Å).</param>
/// <param name="Defocus2Angstrom">Defocus perpendicular to it (Å).</param>
/// <param name="AstigmatismAngleDegrees">Azimuth of the defocus-1 axis from +x (degrees).</param>
public sealed record DefocusAberration(double Defocus1Angstrom, double Defocus2Angstrom, double AstigmatismAngleDegrees = 0)
{
    /// <summary>The aberration with mean defocus <paramref name="meanAngstrom"/> (Å) and astigmatism Δf1 − Δf2 =
    /// <paramref name="astigmatismAngstrom"/> (Å) along <paramref name="angleDegrees"/>.</summary>
    public static DefocusAberration FromMean(double meanAngstrom, double astigmatismAngstrom = 0, double angleDegrees = 0) =>
        new(meanAngstrom + 0.5 * astigmatismAngstrom, meanAngstrom - 0.5 * astigmatismAngstrom, angleDegrees);

    /// <summary>Mean defocus (Δf1 + Δf2)/2 (Å).</summary>
    public double MeanAngstrom => 0.5 * (Defocus1Angstrom + Defocus2Angstrom);

    /// <summary>Astigmatism Δf1 − Δf2 (Å).</summary>
    public double AstigmatismAngstrom => Defocus1Angstrom - Defocus2Angstrom;

    /// <summary>Defocus (Å) along azimuth <paramref name="azimuthRadians"/> (from +x, counter-clockwise):
    /// Δf(α) = (Δf1+Δf2)/2 + (Δf1−Δf2)/2 cos 2(α − α_ast) (Rohou &amp; Grigorieff 2015, Eq. 2).</summary>
    public double DefocusAt(double azimuthRadians) =>
        0.5 * (Defocus1Angstrom + Defocus2Angstrom) + 0.5 * (Defocus1Angstrom - Defocus2Angstrom) * Math.Cos(2 * (azimuthRadians - AstigmatismAngleDegrees * Math.PI / 180));
}
