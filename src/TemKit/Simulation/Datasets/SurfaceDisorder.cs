using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Datasets;

/// <summary>
/// How far a particle's surface departs from the perfect truncated crystal, per surface column (a column with fewer than
/// the 6 neighbours within 3 Å that an inner column of an FCC crystal on [110] has). All fractions 0 = the perfect particle.
/// </summary>
/// <param name="VacancyFraction">Probability that a surface column is removed whole (0..1).</param>
/// <param name="ThinningFraction">Probability that a remaining surface column of n ≥ 2 atoms keeps only a uniformly drawn
/// 1..n−1 of them, taken from one end along the beam (a column that ends inside the particle: a step or an adatom column).</param>
/// <param name="DisplacementFraction">Probability that a remaining surface column is shifted sideways as a whole.</param>
/// <param name="DisplacementAngstrom">Length of such a shift (Å), drawn uniformly, in a uniformly random direction.</param>
public sealed record SurfaceDisorderParameters(double VacancyFraction = 0, double ThinningFraction = 0, double DisplacementFraction = 0, ParameterRange DisplacementAngstrom = default)
{
    /// <summary>Whether anything is changed (every fraction 0 = no).</summary>
    public bool IsNone => VacancyFraction == 0 && ThinningFraction == 0 && DisplacementFraction == 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry (YAML key names).</summary>
    public void Validate()
    {
        if (!(VacancyFraction is >= 0 and <= 1)) throw new ArgumentException($"surface_vacancy_fraction: {VacancyFraction} must be 0..1");
        if (!(ThinningFraction is >= 0 and <= 1)) throw new ArgumentException($"surface_thinning_fraction: {ThinningFraction} must be 0..1");
        if (!(DisplacementFraction is >= 0 and <= 1)) throw new ArgumentException($"surface_displacement_fraction: {DisplacementFraction} must be 0..1");
        DisplacementAngstrom.Validate("surface_displacement_angstrom", 0, 5);
    }
}

/// <summary>Random vacancies, thinned and displaced columns at a particle's surface (<see cref="SurfaceDisorderParameters"/>),
/// so that a column detector trained on such particles sees the thin and off-lattice surface columns diffusion events make.</summary>
public static class SurfaceDisorder
{
    /// <summary>Column linkage distance in projection (Å), as the column labels use (Madsen et al.).</summary>
    public const double ColumnDistanceAngstrom = 1.0;

    /// <summary>The indices of the surface columns among <paramref name="centres"/> (x, y in Å): fewer than 6 other
    /// centres within 3 Å.</summary>
    public static int[] SurfaceColumns(IReadOnlyList<(double X, double Y)> centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        return [.. Enumerable.Range(0, centres.Count).Where(i =>
            Enumerable.Range(0, centres.Count).Count(j => j != i && double.Hypot(centres[j].X - centres[i].X, centres[j].Y - centres[i].Y) < 3.0) < 6)];
    }

    /// <summary>The particle with its surface disordered; the support is unchanged. Draws from <paramref name="rng"/>
    /// only when <paramref name="p"/> changes something.</summary>
    public static Specimen Apply(Specimen specimen, SurfaceDisorderParameters p, Random rng)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rng);
        p.Validate();
        if (p.IsNone) return specimen;
        var atoms = specimen.Particle;
        var members = ColumnGrouping.Members(atoms, ColumnDistanceAngstrom);
        var centres = members.Select(m => (X: m.Average(i => atoms[i].XAngstrom), Y: m.Average(i => atoms[i].YAngstrom))).ToArray();
        var surface = new HashSet<int>(SurfaceColumns(centres));
        var kept = new List<Atom>(atoms.Length);
        for (int c = 0; c < members.Length; c++)
        {
            var column = members[c].Select(i => atoms[i]).OrderBy(a => a.ZAngstrom).ToArray();
            if (!surface.Contains(c)) { kept.AddRange(column); continue; }
            if (rng.NextDouble() < p.VacancyFraction) continue;
            if (column.Length >= 2 && rng.NextDouble() < p.ThinningFraction)
            {
                int keep = 1 + rng.Next(column.Length - 1);
                column = rng.Next(2) == 0 ? column[..keep] : column[^keep..];
            }
            if (rng.NextDouble() < p.DisplacementFraction)
            {
                double d = p.DisplacementAngstrom.Uniform(rng), angle = 2 * Math.PI * rng.NextDouble();
                column = [.. column.Select(a => a.Translated(d * Math.Cos(angle), d * Math.Sin(angle), 0))];
            }
            kept.AddRange(column);
        }
        return specimen with { Particle = [.. kept] };
    }
}
