namespace TemKit.Simulation.Structures;

/// <summary>
/// A 2H MX₂ monolayer filling a periodic cell, with random point defects and a random orientation.
/// Vacancy fractions are exact: round(fraction · sites) sites are chosen without replacement.
/// </summary>
/// <param name="Compound">The dichalcogenide (lattice constant and chalcogen separation); default 2H-MoS₂.</param>
/// <param name="SingleVacancyFraction">Fraction of chalcogen columns that lose one of their two atoms (S₂ → S₁); the top or bottom atom at random.</param>
/// <param name="DoubleVacancyFraction">Fraction of chalcogen columns that lose both atoms.</param>
/// <param name="MetalVacancyFraction">Fraction of metal sites left empty.</param>
/// <param name="RotationDegrees">In-plane rotation of the lattice (degrees, counter-clockwise); null = uniform in 0..360.</param>
/// <param name="RandomShift">Shift the lattice origin by a uniformly random lattice fraction.</param>
/// <param name="Graphene">Add a graphene support layer below the monolayer (not labelled; XYZ tag 0).</param>
/// <param name="GrapheneGapAngstrom">Distance from the lower chalcogen plane to the graphene plane along z (Å; van der Waals gap ≈ 3.4 Å).</param>
public sealed record Mx2Parameters(
    Dichalcogenide? Compound = null,
    double SingleVacancyFraction = 0.05,
    double DoubleVacancyFraction = 0,
    double MetalVacancyFraction = 0,
    double? RotationDegrees = null,
    bool RandomShift = true,
    bool Graphene = false,
    double GrapheneGapAngstrom = 3.4)
{
    /// <summary>Graphene's lattice constant (Å; C-C bond 1.42 Å).</summary>
    public const double GrapheneLatticeAngstrom = 2.46;

    /// <summary>The compound, defaulted to MoS₂.</summary>
    public Dichalcogenide ResolvedCompound => Compound ?? Dichalcogenide.MoS2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        ResolvedCompound.Validate();
        if (!(SingleVacancyFraction is >= 0 and <= 1)) throw new ArgumentException($"single vacancy fraction must be 0..1, got {SingleVacancyFraction}");
        if (!(DoubleVacancyFraction is >= 0 and <= 1)) throw new ArgumentException($"double vacancy fraction must be 0..1, got {DoubleVacancyFraction}");
        if (SingleVacancyFraction + DoubleVacancyFraction > 1) throw new ArgumentException($"single + double vacancy fractions exceed 1 ({SingleVacancyFraction} + {DoubleVacancyFraction})");
        if (!(MetalVacancyFraction is >= 0 and <= 1)) throw new ArgumentException($"metal vacancy fraction must be 0..1, got {MetalVacancyFraction}");
        if (RotationDegrees is double r && !double.IsFinite(r)) throw new ArgumentException("rotation must be a finite number of degrees");
        if (!(GrapheneGapAngstrom is >= 1 and <= 20)) throw new ArgumentException($"graphene gap must be 1..20 Å, got {GrapheneGapAngstrom}");
    }
}
