namespace TemKit.Simulation.Stem;

/// <summary>
/// An annular detector integrating the scattered intensity between two scattering angles (semi-angles from the optical
/// axis, mrad). The signal is the fraction of the incident probe intensity that lands on it.
/// </summary>
/// <param name="InnerMilliradians">Inner collection semi-angle (mrad); 0 for a bright-field disc.</param>
/// <param name="OuterMilliradians">Outer collection semi-angle (mrad).</param>
public sealed record AnnularDetector(double InnerMilliradians = 70, double OuterMilliradians = 200)
{
    /// <summary>High-angle annular dark field, 70-200 mrad.</summary>
    public static AnnularDetector Haadf { get; } = new(70, 200);

    /// <summary>(Low/medium-angle) annular dark field, 30-70 mrad.</summary>
    public static AnnularDetector Adf { get; } = new(30, 70);

    /// <summary>Bright field for a convergence semi-angle α: the disc 0..α/2 (mrad).</summary>
    public static AnnularDetector BrightField(double convergenceMilliradians) => new(0, 0.5 * convergenceMilliradians);

    /// <summary>Annular bright field for a convergence semi-angle α: α/2..α (mrad), Findlay et al. 2010.</summary>
    public static AnnularDetector AnnularBrightField(double convergenceMilliradians) => new(0.5 * convergenceMilliradians, convergenceMilliradians);

    /// <summary>The preset named <paramref name="name"/> (haadf, adf, bf, abf; case-insensitive) for convergence α (mrad).</summary>
    public static AnnularDetector Preset(string name, double convergenceMilliradians) => name.ToLowerInvariant() switch
    {
        "haadf" => Haadf,
        "adf" => Adf,
        "bf" => BrightField(convergenceMilliradians),
        "abf" => AnnularBrightField(convergenceMilliradians),
        _ => throw new ArgumentException($"detector '{name}': expected haadf, adf, bf or abf (or give the angles)"),
    };

    /// <summary>Inner radius in spatial frequency (1/Å) at wavelength λ (Å).</summary>
    public double InnerInverseAngstrom(double wavelengthAngstrom) => InnerMilliradians * 1e-3 / wavelengthAngstrom;

    /// <summary>Outer radius in spatial frequency (1/Å) at wavelength λ (Å).</summary>
    public double OuterInverseAngstrom(double wavelengthAngstrom) => OuterMilliradians * 1e-3 / wavelengthAngstrom;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        if (!(InnerMilliradians >= 0)) throw new ArgumentException($"detector inner angle must be ≥ 0 mrad, got {InnerMilliradians}");
        if (!(OuterMilliradians > InnerMilliradians && OuterMilliradians <= 1000))
            throw new ArgumentException($"detector outer angle must be above the inner angle ({InnerMilliradians} mrad) and at most 1000 mrad, got {OuterMilliradians}");
    }
}
