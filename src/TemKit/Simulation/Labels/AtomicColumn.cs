namespace TemKit.Simulation.Labels;

/// <summary>One atomic column: atoms that project within the grouping distance of each other along the beam.</summary>
/// <param name="XAngstrom">Mean projected x of the column's atoms (Å).</param>
/// <param name="YAngstrom">Mean projected y of the column's atoms (Å).</param>
/// <param name="AtomCount">Number of atoms in the column (its height).</param>
/// <param name="Element">The most frequent element of the column (symbol; ties go to the heavier element).</param>
public sealed record AtomicColumn(double XAngstrom, double YAngstrom, int AtomCount, string Element);
