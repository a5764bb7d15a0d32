namespace TemKit.Simulation.Labels;

/// <summary>How column labels are made from atoms (<see cref="ColumnLabels"/>).</summary>
/// <param name="BlobWidthAngstrom">Standard deviation w of the Gaussian blob exp(−r²/2w²) drawn at every column (Å); Madsen et al. use about 0.4 Å.</param>
/// <param name="GroupingDistanceAngstrom">Atoms closer than this in projection share a column (Å; single linkage).</param>
/// <param name="HeightClasses">Number of height classes of the class map; 0 = no class map. Class c (1..N) holds columns of
/// ((c − 1)·<paramref name="AtomsPerHeightClass"/>, c·<paramref name="AtomsPerHeightClass"/>] atoms, the last class every taller column; 0 is background.</param>
/// <param name="AtomsPerHeightClass">Atoms per height class (bin width, ≥ 1).</param>
/// <param name="ClassDiskRadiusAngstrom">Radius of the disk painted with a column's class in the class map (Å).</param>
public sealed record ColumnLabelOptions(
    double BlobWidthAngstrom = 0.4,
    double GroupingDistanceAngstrom = 1.0,
    int HeightClasses = 0,
    int AtomsPerHeightClass = 1,
    double ClassDiskRadiusAngstrom = 0.8)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(BlobWidthAngstrom > 0) || !double.IsFinite(BlobWidthAngstrom)) throw new ArgumentException($"column blob width must be > 0 Å, got {BlobWidthAngstrom}");
        if (!(GroupingDistanceAngstrom > 0) || !double.IsFinite(GroupingDistanceAngstrom)) throw new ArgumentException($"column grouping distance must be > 0 Å, got {GroupingDistanceAngstrom}");
        if (HeightClasses is < 0 or > 255) throw new ArgumentException($"height classes must be 0..255, got {HeightClasses}");
        if (AtomsPerHeightClass < 1) throw new ArgumentException($"atoms per height class must be ≥ 1, got {AtomsPerHeightClass}");
        if (!(ClassDiskRadiusAngstrom > 0) || !double.IsFinite(ClassDiskRadiusAngstrom)) throw new ArgumentException($"class disk radius must be > 0 Å, got {ClassDiskRadiusAngstrom}");
    }

    /// <summary>The height class (1..<see cref="HeightClasses"/>) of a column of <paramref name="atomCount"/> atoms.</summary>
    public int HeightClass(int atomCount) => Math.Clamp((atomCount + AtomsPerHeightClass - 1) / AtomsPerHeightClass, 1, Math.Max(1, HeightClasses));
}
