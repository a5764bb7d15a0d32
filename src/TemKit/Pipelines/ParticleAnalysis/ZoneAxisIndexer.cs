namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>
/// Indexes peak pairs against the zone axes of an <see cref="FccLattice"/>: each zone's reflections are laid in its
/// plane; the brightest pair fixes the in-plane rotation (tried against every reflection of matching length, both
/// handednesses, since a projection cannot tell [uvw] from [ūv̄w̄]); the other pairs are matched to the nearest
/// predicted ±g, the rotation is refitted to all matched pairs, and the fit with most matched pairs (then the smallest
/// residual) wins. A zone needs at least two matched pairs at least 10° apart.
/// </summary>
public static class ZoneAxisIndexer
{
    /// <summary>The best zone for <paramref name="pairs"/>, or null when none fits.</summary>
    public static ZoneAxisMatch? Index(IReadOnlyList<LatticePeakPair> pairs, FccLattice lattice, double minSpacingAngstrom, double maxSpacingAngstrom)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(lattice);
        if (pairs.Count < 2) return null;
        ZoneAxisMatch? best = null;
        double tolerance = lattice.RelativeTolerance;
        var anchor = pairs[0];
        double anchorLength = 1 / anchor.SpacingAngstrom, anchorAngle = Math.Atan2(anchor.GyPerAngstrom, anchor.GxPerAngstrom);
        foreach (var zone in FccLattice.ZoneAxes)
        {
            var reflections = lattice.ZoneReflections(zone, minSpacingAngstrom * (1 - tolerance), maxSpacingAngstrom * (1 + tolerance));
            if (reflections.Count < 2) continue;
            var plane = InPlane(reflections, zone, lattice.LatticeConstantAngstrom);
            foreach (int handedness in new[] { 1, -1 })
                for (int r = 0; r < plane.Length; r++)
                {
                    double length = Math.Sqrt(plane[r].X * plane[r].X + plane[r].Y * plane[r].Y);
                    if (Math.Abs(length - anchorLength) > tolerance * length) continue;
                    double rotation = anchorAngle - Math.Atan2(handedness * plane[r].Y, plane[r].X);
                    var match = Match(pairs, plane, reflections, handedness, rotation, tolerance);
                    if (match is null) continue;
                    var candidate = match with { Zone = $"[{zone.U}{zone.V}{zone.W}]" };
                    if (best is null || candidate.MatchedPairs > best.MatchedPairs
                        || (candidate.MatchedPairs == best.MatchedPairs && candidate.ResidualPercent < best.ResidualPercent - 1e-9))
                        best = candidate;
                }
        }
        return best;
    }

    /// <summary>The reflections as 2D vectors (1/Å) in an orthonormal basis of the zone's plane.</summary>
    private static (double X, double Y)[] InPlane(IReadOnlyList<(int H, int K, int L)> reflections, (int U, int V, int W) zone, double a)
    {
        double zn = Math.Sqrt(zone.U * zone.U + zone.V * zone.V + zone.W * zone.W);
        double zx = zone.U / zn, zy = zone.V / zn, zz = zone.W / zn;
        var (h0, k0, l0) = reflections[0];
        double n0 = Math.Sqrt(h0 * h0 + k0 * k0 + l0 * l0);
        double e1x = h0 / n0, e1y = k0 / n0, e1z = l0 / n0;
        double e2x = zy * e1z - zz * e1y, e2y = zz * e1x - zx * e1z, e2z = zx * e1y - zy * e1x;
        return [.. reflections.Select(r => ((r.H * e1x + r.K * e1y + r.L * e1z) / a, (r.H * e2x + r.K * e2y + r.L * e2z) / a))];
    }

    private static ZoneAxisMatch? Match(IReadOnlyList<LatticePeakPair> pairs, (double X, double Y)[] plane, IReadOnlyList<(int H, int K, int L)> reflections,
        int handedness, double rotation, double tolerance)
    {
        var assigned = new int[pairs.Count];
        var sign = new int[pairs.Count];
        // Two passes: match with the anchor's rotation, refit the rotation to the matched pairs, match again.
        for (int pass = 0; pass < 2; pass++)
        {
            double c = Math.Cos(rotation), s = Math.Sin(rotation);
            for (int i = 0; i < pairs.Count; i++)
            {
                assigned[i] = -1;
                double bestError = double.PositiveInfinity;
                for (int r = 0; r < plane.Length; r++)
                {
                    double px = plane[r].X, py = handedness * plane[r].Y;
                    double gx = c * px - s * py, gy = s * px + c * py, length = Math.Sqrt(gx * gx + gy * gy);
                    foreach (int sg in new[] { 1, -1 })
                    {
                        double ex = pairs[i].GxPerAngstrom - sg * gx, ey = pairs[i].GyPerAngstrom - sg * gy;
                        double error = Math.Sqrt(ex * ex + ey * ey) / length;
                        if (error <= tolerance && error < bestError) { bestError = error; assigned[i] = r; sign[i] = sg; }
                    }
                }
            }
            if (pass == 0) rotation = FitRotation(pairs, plane, assigned, sign, handedness, rotation);
        }
        int matched = assigned.Count(a => a >= 0);
        if (matched < 2 || !HasTwoDirections(pairs, assigned)) return null;
        double sum = 0, cr = Math.Cos(rotation), sr = Math.Sin(rotation);
        var indices = new string[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            if (assigned[i] < 0) { indices[i] = ""; continue; }
            double px = plane[assigned[i]].X, py = handedness * plane[assigned[i]].Y;
            double gx = sign[i] * (cr * px - sr * py), gy = sign[i] * (sr * px + cr * py);
            double ex = pairs[i].GxPerAngstrom - gx, ey = pairs[i].GyPerAngstrom - gy;
            sum += (ex * ex + ey * ey) / (gx * gx + gy * gy);
            var (h, k, l) = reflections[assigned[i]];
            indices[i] = $"({Index(h)}{Index(k)}{Index(l)})";
        }
        double degrees = rotation * 180 / Math.PI;
        degrees -= 360 * Math.Floor(degrees / 360);
        return new ZoneAxisMatch("", indices, matched, 100 * Math.Sqrt(sum / matched), degrees);
    }

    private static string Index(int i) => i < 0 ? $"-{-i}" : i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Least-squares in-plane rotation taking the assigned reflections onto the observed pairs (2D Procrustes).</summary>
    private static double FitRotation(IReadOnlyList<LatticePeakPair> pairs, (double X, double Y)[] plane, int[] assigned, int[] sign, int handedness, double fallback)
    {
        double cross = 0, dot = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            if (assigned[i] < 0) continue;
            double px = sign[i] * plane[assigned[i]].X, py = sign[i] * handedness * plane[assigned[i]].Y;
            dot += px * pairs[i].GxPerAngstrom + py * pairs[i].GyPerAngstrom;
            cross += px * pairs[i].GyPerAngstrom - py * pairs[i].GxPerAngstrom;
        }
        return dot == 0 && cross == 0 ? fallback : Math.Atan2(cross, dot);
    }

    private static bool HasTwoDirections(IReadOnlyList<LatticePeakPair> pairs, int[] assigned)
    {
        for (int i = 0; i < pairs.Count; i++)
            for (int j = i + 1; j < pairs.Count; j++)
            {
                if (assigned[i] < 0 || assigned[j] < 0) continue;
                double diff = Math.Abs(pairs[i].DirectionDegrees - pairs[j].DirectionDegrees);
                diff = Math.Min(diff, 180 - diff);
                if (diff >= 10) return true;
            }
        return false;
    }
}
