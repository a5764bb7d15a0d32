namespace TemKit.Simulation.Potentials;

/// <summary>How atoms become slices of projected potential.</summary>
/// <param name="SliceThicknessAngstrom">Slice thickness Δz (Å); each atom's whole projected potential goes into the slice
/// that holds its z (see docs/simulation.md for why).</param>
/// <param name="CutoffAngstrom">Radius (Å) beyond which an atom's projected potential is dropped; the potential is shifted
/// by its value at the cutoff so that it goes to zero continuously.</param>
/// <param name="CoreSupersampling">Sub-samples per axis used to average the potential over the pixels within 1.5 px of a
/// nucleus, where the projected potential diverges logarithmically.</param>
public sealed record PotentialParameters(double SliceThicknessAngstrom = 2.0, double CutoffAngstrom = 4.0, int CoreSupersampling = 8)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        if (!(SliceThicknessAngstrom is >= 0.1 and <= 50)) throw new ArgumentException($"slice thickness must be 0.1..50 Å, got {SliceThicknessAngstrom}");
        if (!(CutoffAngstrom is >= 1 and <= 20)) throw new ArgumentException($"potential cutoff must be 1..20 Å, got {CutoffAngstrom}");
        if (CoreSupersampling is < 1 or > 64) throw new ArgumentException($"core supersampling must be 1..64, got {CoreSupersampling}");
    }
}
