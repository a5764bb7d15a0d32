namespace TemKit.Simulation.Structures;

/// <summary>What a projected atomic column of an MX₂ monolayer holds; the value is the class index of the label maps.</summary>
public enum ColumnKind
{
    /// <summary>No column (label background).</summary>
    Background = 0,

    /// <summary>One metal atom (Mo or W).</summary>
    Metal = 1,

    /// <summary>Two chalcogen atoms stacked along the beam (S₂).</summary>
    ChalcogenPair = 2,

    /// <summary>One chalcogen atom: a single chalcogen vacancy (S₁).</summary>
    SingleChalcogen = 3,
}

/// <summary>One projected column of an MX₂ monolayer.</summary>
/// <param name="Kind">What the column holds.</param>
/// <param name="XAngstrom">x of the column in the cell (Å).</param>
/// <param name="YAngstrom">y of the column in the cell (Å).</param>
public readonly record struct Mx2Column(ColumnKind Kind, double XAngstrom, double YAngstrom)
{
    /// <summary>The class names of the label maps for a compound, indexed by <see cref="ColumnKind"/>: background, M, X2, X1.</summary>
    public static string[] ClassNames(Dichalcogenide compound) =>
        ["background", compound.Metal, compound.Chalcogen + "2", compound.Chalcogen + "1"];

    /// <summary>Atoms in a column of this kind: 1 metal, 2 or 1 chalcogen, 0 background.</summary>
    public static int AtomsIn(ColumnKind kind) => kind switch
    {
        ColumnKind.Metal or ColumnKind.SingleChalcogen => 1,
        ColumnKind.ChalcogenPair => 2,
        _ => 0,
    };
}
