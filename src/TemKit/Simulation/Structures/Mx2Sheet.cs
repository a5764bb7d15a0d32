namespace TemKit.Simulation.Structures;

/// <summary>A built MX₂ monolayer: the atoms (sheet = particle, graphene = support), its projected columns and the random choices.</summary>
/// <param name="Specimen">Atoms in the periodic cell; <see cref="Specimen.Particle"/> is the MX₂ layer, <see cref="Specimen.Support"/> the graphene (if any).</param>
/// <param name="Columns">Every occupied projected column (metal, X₂, X₁) with its position in the cell.</param>
/// <param name="Geometry">Orientation, shift and defect counts.</param>
public sealed record Mx2Sheet(Specimen Specimen, Mx2Column[] Columns, Mx2Geometry Geometry)
{
    /// <summary>Columns of one kind.</summary>
    public int Count(ColumnKind kind) => Columns.Count(c => c.Kind == kind);
}

/// <summary>The random choices and defect counts of one built MX₂ monolayer.</summary>
/// <param name="Formula">Compound, e.g. "MoS2".</param>
/// <param name="RotationDegrees">In-plane rotation of the lattice (degrees, counter-clockwise).</param>
/// <param name="ShiftU">Origin shift along a₁ (lattice fraction).</param>
/// <param name="ShiftV">Origin shift along a₂ (lattice fraction).</param>
/// <param name="MetalSites">Metal sites in the cell (occupied or vacant).</param>
/// <param name="ChalcogenSites">Chalcogen column sites in the cell.</param>
/// <param name="SingleVacancies">Chalcogen columns holding one atom (X₁).</param>
/// <param name="DoubleVacancies">Chalcogen columns holding no atom.</param>
/// <param name="MetalVacancies">Vacant metal sites.</param>
/// <param name="GrapheneAtoms">Carbon atoms of the support layer (0 without graphene).</param>
public sealed record Mx2Geometry(string Formula, double RotationDegrees, double ShiftU, double ShiftV, int MetalSites, int ChalcogenSites,
    int SingleVacancies, int DoubleVacancies, int MetalVacancies, int GrapheneAtoms)
{
    /// <summary>Missing chalcogen atoms: single vacancies + 2 · double vacancies.</summary>
    public int MissingChalcogenAtoms => SingleVacancies + 2 * DoubleVacancies;
}
