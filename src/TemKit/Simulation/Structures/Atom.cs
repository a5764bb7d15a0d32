namespace TemKit.Simulation.Structures;

/// <summary>One atom: atomic number and position in Å (x, y across the image, z along the beam, increasing downstream).</summary>
/// <param name="AtomicNumber">Atomic number Z (1..103).</param>
/// <param name="XAngstrom">x in Å.</param>
/// <param name="YAngstrom">y in Å.</param>
/// <param name="ZAngstrom">z in Å, along the optical axis; the electron travels towards +z.</param>
public readonly record struct Atom(int AtomicNumber, double XAngstrom, double YAngstrom, double ZAngstrom)
{
    /// <summary>The same atom moved by (dx, dy, dz) Å.</summary>
    public Atom Translated(double dxAngstrom, double dyAngstrom, double dzAngstrom) =>
        this with { XAngstrom = XAngstrom + dxAngstrom, YAngstrom = YAngstrom + dyAngstrom, ZAngstrom = ZAngstrom + dzAngstrom };

    /// <summary>The same atom with its position multiplied by the 3x3 row-major rotation <paramref name="m"/>.</summary>
    public Atom Rotated(Matrix3 m)
    {
        var (x, y, z) = m.Apply(XAngstrom, YAngstrom, ZAngstrom);
        return this with { XAngstrom = x, YAngstrom = y, ZAngstrom = z };
    }
}
