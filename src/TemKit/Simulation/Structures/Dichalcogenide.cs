namespace TemKit.Simulation.Structures;

/// <summary>
/// A 2H transition-metal dichalcogenide MX₂ (M = Mo, W; X = S, Se, Te): in-plane lattice constant a and the
/// chalcogen-chalcogen distance along z within one layer (the layer's "thickness"). See docs/species.md for sources.
/// </summary>
/// <param name="Metal">Metal symbol (Mo or W).</param>
/// <param name="Chalcogen">Chalcogen symbol (S, Se or Te).</param>
/// <param name="LatticeConstantAngstrom">Hexagonal in-plane lattice constant a (Å).</param>
/// <param name="ChalcogenSeparationAngstrom">Distance between the two chalcogen planes of one layer along z (Å).</param>
public sealed record Dichalcogenide(string Metal, string Chalcogen, double LatticeConstantAngstrom, double ChalcogenSeparationAngstrom)
{
    // a: bulk 2H room-temperature values (Wilson & Yoffe, Adv. Phys. 18, 193 (1969), Table 2; MoS₂ 3.160 Å also
    // Böker et al., PRB 64, 235305 (2001)). X-X: MoS₂ 3.19 Å as in ASE's ase.build.mx2 default (Böker's bulk
    // c = 12.294 Å, z(S) = 0.621 give 3.17 Å); the others are monolayer DFT values (Rasmussen & Thygesen,
    // J. Phys. Chem. C 119, 13169 (2015)). 2H-WTe₂ is not the stable bulk phase; its values are DFT only.
    private static readonly Dichalcogenide[] s_known =
    [
        new("Mo", "S", 3.16, 3.19),
        new("Mo", "Se", 3.29, 3.34),
        new("Mo", "Te", 3.52, 3.60),
        new("W", "S", 3.15, 3.14),
        new("W", "Se", 3.28, 3.36),
        new("W", "Te", 3.55, 3.63),
    ];

    /// <summary>2H-MoS₂: a = 3.16 Å, S-S = 3.19 Å.</summary>
    public static Dichalcogenide MoS2 => s_known[0];

    /// <summary>Every tabulated compound.</summary>
    public static IReadOnlyList<Dichalcogenide> Known => s_known;

    /// <summary>Formula, e.g. "MoS2".</summary>
    public string Formula => Metal + Chalcogen + "2";

    /// <summary>Projected distance between a metal column and its nearest chalcogen column, a/√3 (Å).</summary>
    public double ColumnSpacingAngstrom => LatticeConstantAngstrom / Math.Sqrt(3);

    /// <summary>Metal-chalcogen bond length √(a²/3 + (t/2)²) (Å).</summary>
    public double BondLengthAngstrom => Math.Sqrt(LatticeConstantAngstrom * LatticeConstantAngstrom / 3 + ChalcogenSeparationAngstrom * ChalcogenSeparationAngstrom / 4);

    /// <summary>The tabulated compound of a formula such as "MoS2", "WSe2" (case-insensitive); throws <see cref="ArgumentException"/> for an unknown one.</summary>
    public static Dichalcogenide Parse(string formula)
    {
        string f = formula.Trim();
        foreach (var d in s_known)
            if (string.Equals(d.Formula, f, StringComparison.OrdinalIgnoreCase)) return d;
        throw new ArgumentException($"unknown dichalcogenide '{formula}'; known: {string.Join(", ", s_known.Select(d => d.Formula))}");
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an unknown element or an implausible geometry.</summary>
    public void Validate()
    {
        if (!Elements.TryAtomicNumber(Metal, out _)) throw new ArgumentException($"unknown metal '{Metal}'");
        if (!Elements.TryAtomicNumber(Chalcogen, out _)) throw new ArgumentException($"unknown chalcogen '{Chalcogen}'");
        if (!(LatticeConstantAngstrom is >= 2 and <= 6)) throw new ArgumentException($"lattice constant must be 2..6 Å, got {LatticeConstantAngstrom}");
        if (!(ChalcogenSeparationAngstrom is >= 1 and <= 6)) throw new ArgumentException($"chalcogen separation must be 1..6 Å, got {ChalcogenSeparationAngstrom}");
    }
}
