namespace TemKit.Simulation.Structures;

/// <summary>Places a free-standing structure (a cluster) in the middle of a square periodic cell.</summary>
public static class CenteredCell
{
    /// <summary>
    /// <paramref name="atoms"/> moved so that their bounding box is centred in a square cell of
    /// <paramref name="cellAngstrom"/> Å (null = the larger in-plane extent plus <paramref name="marginAngstrom"/> on each
    /// side), with the topmost atom at z = <paramref name="marginAngstrom"/>.
    /// </summary>
    public static Specimen Place(IReadOnlyList<Atom> atoms, double? cellAngstrom = null, double marginAngstrom = 5)
    {
        if (atoms.Count == 0) throw new ArgumentException("the structure holds no atom");
        double x0 = atoms.Min(a => a.XAngstrom), x1 = atoms.Max(a => a.XAngstrom);
        double y0 = atoms.Min(a => a.YAngstrom), y1 = atoms.Max(a => a.YAngstrom), z0 = atoms.Min(a => a.ZAngstrom);
        double cell = cellAngstrom ?? Math.Max(x1 - x0, y1 - y0) + 2 * marginAngstrom;
        if (cell < Math.Max(x1 - x0, y1 - y0)) throw new ArgumentException($"the structure ({x1 - x0:F1} x {y1 - y0:F1} Å) does not fit a {cell:F1} Å cell");
        double dx = cell / 2 - (x0 + x1) / 2, dy = cell / 2 - (y0 + y1) / 2, dz = marginAngstrom - z0;
        return new Specimen([.. atoms.Select(a => a.Translated(dx, dy, dz))], [], cell, cell);
    }
}
