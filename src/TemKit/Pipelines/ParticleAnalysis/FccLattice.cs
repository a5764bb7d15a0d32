namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>
/// The FCC lattice the peak pairs are indexed against, and the zone axes tried. Allowed FCC reflections have h, k, l
/// all even or all odd (structure factor 4f, else 0); spacing d = a/√(h²+k²+l²).
/// </summary>
/// <param name="LatticeConstantAngstrom">Cubic lattice constant a (Å); default Au, 4.078 Å.</param>
/// <param name="RelativeTolerance">A pair matches a reflection when |g_observed − g_predicted| ≤ this × |g_predicted|.</param>
public sealed record FccLattice(double LatticeConstantAngstrom = 4.078, double RelativeTolerance = 0.05)
{
    /// <summary>The zone axes tried, in this order: [110], [100], [111], [211].</summary>
    public static IReadOnlyList<(int U, int V, int W)> ZoneAxes { get; } = [(1, 1, 0), (1, 0, 0), (1, 1, 1), (2, 1, 1)];

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a bad value.</summary>
    public void Validate()
    {
        if (!(LatticeConstantAngstrom is > 1 and < 20)) throw new ArgumentOutOfRangeException(nameof(LatticeConstantAngstrom), LatticeConstantAngstrom, "lattice constant must be 1..20 Å");
        if (!(RelativeTolerance is > 0 and < 0.5)) throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "relative tolerance must be in (0, 0.5)");
    }

    /// <summary>Allowed reflections (h, k, l) of zone [u v w] (h·u + k·v + l·w = 0) with spacing in
    /// [<paramref name="minSpacingAngstrom"/>, <paramref name="maxSpacingAngstrom"/>], one of each ±pair.</summary>
    public IReadOnlyList<(int H, int K, int L)> ZoneReflections((int U, int V, int W) zone, double minSpacingAngstrom, double maxSpacingAngstrom)
    {
        var list = new List<(int, int, int)>();
        int n = (int)Math.Ceiling(LatticeConstantAngstrom / minSpacingAngstrom) + 1;
        for (int h = -n; h <= n; h++)
            for (int k = -n; k <= n; k++)
                for (int l = -n; l <= n; l++)
                {
                    bool allEven = (h & 1) == 0 && (k & 1) == 0 && (l & 1) == 0, allOdd = (h & 1) != 0 && (k & 1) != 0 && (l & 1) != 0;
                    if (!(allEven || allOdd) || (h == 0 && k == 0 && l == 0)) continue;
                    if (h * zone.U + k * zone.V + l * zone.W != 0) continue;
                    // one of ±g: the first non-zero index positive
                    int first = h != 0 ? h : k != 0 ? k : l;
                    if (first < 0) continue;
                    double d = Spacing(h, k, l);
                    if (d >= minSpacingAngstrom && d <= maxSpacingAngstrom) list.Add((h, k, l));
                }
        return list;
    }

    /// <summary>Spacing of reflection (h, k, l) (Å).</summary>
    public double Spacing(int h, int k, int l) => LatticeConstantAngstrom / Math.Sqrt(h * h + k * k + l * l);
}

/// <summary>A zone axis the peak pairs fit.</summary>
/// <param name="Zone">The zone axis, e.g. "[110]".</param>
/// <param name="PairIndices">For each pair of <see cref="RegionalFourierResult.Pairs"/> (same order) its reflection,
/// e.g. "(1-11)", or "" when it matched none.</param>
/// <param name="MatchedPairs">Pairs indexed.</param>
/// <param name="ResidualPercent">RMS over the indexed pairs of |g_observed − g_predicted| / |g_predicted| (percent),
/// with the in-plane rotation fitted to the matched pairs.</param>
/// <param name="InPlaneRotationDegrees">Rotation of the indexed lattice in the image (degrees).</param>
public sealed record ZoneAxisMatch(string Zone, IReadOnlyList<string> PairIndices, int MatchedPairs, double ResidualPercent, double InPlaneRotationDegrees);
