namespace TemKit.Simulation.Structures;

/// <summary>Builds a truncated FCC particle on a CeO2 (111) slab in a periodic cell (see <see cref="FccParticleParameters"/>).</summary>
public static class SupportedParticleBuilder
{
    // Crystal frame -> lab frame before tilt: lab z = [110] (beam), lab y = [1-11] (normal of the truncation face,
    // pointing away from the support), lab x = y × z = [-112]. Both (1-11) and [110] are perpendicular, so the
    // interface is seen edge-on.
    private static readonly Matrix3 s_zoneAxis = Matrix3.FromRows(
        (-1 / Math.Sqrt(6), 1 / Math.Sqrt(6), 2 / Math.Sqrt(6)),
        (1 / Math.Sqrt(3), -1 / Math.Sqrt(3), 1 / Math.Sqrt(3)),
        (1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 0));

    /// <summary>
    /// Builds the specimen in a cell of <paramref name="cellXAngstrom"/> x <paramref name="cellYAngstrom"/> Å with the
    /// particle's centre at the cell centre; z starts at <paramref name="entranceMarginAngstrom"/> Å.
    /// Support atoms outside the cell are dropped; a particle that does not fit the cell is an error.
    /// </summary>
    public static (Specimen Specimen, ParticleGeometry Geometry) Build(FccParticleParameters parameters, double cellXAngstrom, double cellYAngstrom, Random rng, double entranceMarginAngstrom = 1.0)
    {
        parameters.Validate();
        double a = parameters.ResolvedLatticeConstantAngstrom;
        int z = Elements.AtomicNumber(parameters.Element);
        double radius = parameters.DiameterNanometres * 5.0;
        double d111 = a / Math.Sqrt(3);
        int maxLayers = (int)Math.Floor(parameters.MaxTruncationFraction * radius / d111);
        int layers = rng.Next(0, maxLayers + 1);
        // Always draw, so an explicit tilt leaves the other random choices of a seed unchanged.
        double tilt = rng.NextDouble() * parameters.MaxTiltDegrees;
        double tiltAxis = rng.NextDouble() * 360;
        double rotation = rng.NextDouble() * 360;
        tilt = parameters.TiltDegrees ?? tilt;
        tiltAxis = parameters.TiltAxisDegrees ?? tiltAxis;
        rotation = parameters.RotationDegrees ?? rotation;

        var particle = FccSphereCut(z, a, radius, layers);
        double faceY = -layers * d111;
        var support = parameters.WithSupport ? CeriaSlab(particle, faceY, cellXAngstrom, cellYAngstrom, parameters) : [];

        // Tilt the particle and its support together about an in-plane axis through the particle centre, then rotate
        // the assembly about the optical axis.
        double axisRad = tiltAxis * Math.PI / 180;
        var orient = Matrix3.Rotation(0, 0, 1, rotation * Math.PI / 180)
                   * Matrix3.Rotation(Math.Cos(axisRad), Math.Sin(axisRad), 0, tilt * Math.PI / 180);
        for (int i = 0; i < particle.Length; i++) particle[i] = particle[i].Rotated(orient);
        for (int i = 0; i < support.Length; i++) support[i] = support[i].Rotated(orient);

        double zMin = double.PositiveInfinity;
        foreach (var atom in particle) zMin = Math.Min(zMin, atom.ZAngstrom);
        foreach (var atom in support) zMin = Math.Min(zMin, atom.ZAngstrom);
        double dx = cellXAngstrom / 2, dy = cellYAngstrom / 2, dz = entranceMarginAngstrom - zMin;
        for (int i = 0; i < particle.Length; i++)
        {
            particle[i] = particle[i].Translated(dx, dy, dz);
            if (!Inside(particle[i], cellXAngstrom, cellYAngstrom))
                throw new ArgumentException($"a {parameters.DiameterNanometres} nm particle does not fit a {cellXAngstrom:F1} x {cellYAngstrom:F1} Å cell: use a larger grid or a smaller diameter");
        }
        var kept = new List<Atom>(support.Length);
        foreach (var atom in support)
        {
            var moved = atom.Translated(dx, dy, dz);
            if (Inside(moved, cellXAngstrom, cellYAngstrom)) kept.Add(moved);
        }
        var specimen = new Specimen(particle, [.. kept], cellXAngstrom, cellYAngstrom);
        return (specimen, new ParticleGeometry(tilt, tiltAxis, rotation, layers, particle.Length, kept.Count));
    }

    private static bool Inside(Atom atom, double cellX, double cellY) =>
        atom.XAngstrom >= 0 && atom.XAngstrom < cellX && atom.YAngstrom >= 0 && atom.YAngstrom < cellY;

    /// <summary>FCC sites within <paramref name="radius"/> of a lattice site, keeping (111) layers m ≥ −layers
    /// (m = n·r/d111 with n = [1-11]/√3), rotated to the zone axis frame.</summary>
    internal static Atom[] FccSphereCut(int atomicNumber, double a, double radius, int layers)
    {
        int n = (int)Math.Ceiling(2 * radius / a) + 1;
        double half = a / 2, r2 = radius * radius;
        var atoms = new List<Atom>();
        for (int i = -n; i <= n; i++)
            for (int j = -n; j <= n; j++)
                for (int k = -n; k <= n; k++)
                {
                    if (((i + j + k) & 1) != 0) continue;
                    double x = i * half, y = j * half, zc = k * half;
                    if (x * x + y * y + zc * zc > r2) continue;
                    // (111) layer index: n·r / d111 = (i − j + k)/2 for n = [1-11]/√3.
                    if ((i - j + k) / 2 < -layers) continue;
                    var (lx, ly, lz) = s_zoneAxis.Apply(x, y, zc);
                    atoms.Add(new Atom(atomicNumber, lx, ly, lz));
                }
        return [.. atoms];
    }

    /// <summary>
    /// A fluorite CeO2 slab in the same (cube-on-cube) orientation as the particle, whose top O layer lies
    /// <see cref="FccParticleParameters.InterfaceGapAngstrom"/> below the particle's face at y = <paramref name="faceY"/>:
    /// whole O–Ce–O trilayers, long enough along x to cross the cell at any rotation.
    /// </summary>
    private static Atom[] CeriaSlab(Atom[] particle, double faceY, double cellX, double cellY, FccParticleParameters p)
    {
        const double ac = Elements.CeriaLatticeAngstrom;
        double unit = ac / (4 * Math.Sqrt(3));  // spacing of the O and Ce planes along [111] in units of ac/(4√3)
        double trilayer = 4 * unit;
        int trilayers = Math.Max(1, (int)Math.Ceiling(p.SupportThicknessAngstrom / trilayer));
        double zLo = particle.Min(t => t.ZAngstrom) - p.SupportMarginAngstrom;
        double zHi = particle.Max(t => t.ZAngstrom) + p.SupportMarginAngstrom;
        double halfX = 0.5 * Math.Sqrt(cellX * cellX + cellY * cellY) + 2;
        // Crystal origin on a Ce plane (s = 0, O planes at s = ±1): the top O layer (s = +1) sits at faceY − gap.
        double offsetY = faceY - p.InterfaceGapAngstrom - unit;
        double yLo = offsetY - (trilayers - 1) * trilayer - unit - 1e-6;
        double yHi = offsetY + unit + 1e-6;
        double reach = Math.Sqrt(halfX * halfX + Math.Max(yLo * yLo, yHi * yHi) + Math.Max(zLo * zLo, zHi * zHi));
        int n = (int)Math.Ceiling(reach / (ac / 4)) + 2;
        var atoms = new List<Atom>();
        int ce = Elements.AtomicNumber("Ce"), o = Elements.AtomicNumber("O");
        double q = ac / 4;
        for (int i = -n; i <= n; i++)
            for (int j = -n; j <= n; j++)
                for (int k = -n; k <= n; k++)
                {
                    // Ce: all indices even with (i+j+k)/2 even (FCC in units ac/4); O: all indices odd (simple cubic).
                    bool isCe = (i & 1) == 0 && (j & 1) == 0 && (k & 1) == 0 && ((i + j + k) / 2 & 1) == 0;
                    bool isO = (i & 1) != 0 && (j & 1) != 0 && (k & 1) != 0;
                    if (!isCe && !isO) continue;
                    var (lx, ly, lz) = s_zoneAxis.Apply(i * q, j * q, k * q);
                    ly += offsetY;
                    if (lx < -halfX || lx > halfX || ly < yLo || ly > yHi || lz < zLo || lz > zHi) continue;
                    atoms.Add(new Atom(isCe ? ce : o, lx, ly, lz));
                }
        return [.. atoms];
    }
}
