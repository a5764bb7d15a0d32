using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Stem;

/// <summary>
/// Incoherent linear imaging (Z-contrast; Pennycook &amp; Jesson 1991, Nellist &amp; Pennycook 2000): the detector signal at a
/// probe position r₀ is Σ_atoms σ(Z)·I(|r₀ − r_a|), each atom's annular-detector cross-section σ (Å²) times the probe
/// intensity (1/Å²) at its projected position, evaluated directly at every scan point (no aliasing). No channelling,
/// no cross-talk between atoms: exact for thin specimens, an approximation that degrades with column length.
/// </summary>
public static class IncoherentStem
{
    /// <summary>
    /// The signal (fraction of the incident intensity) at every position of <paramref name="scan"/> for atoms at their
    /// projected (x, y); <paramref name="crossSectionSquareAngstrom"/> maps Z to σ.
    /// </summary>
    public static float[] Render(IReadOnlyList<Atom> atoms, Func<int, double> crossSectionSquareAngstrom, ProbeIntensityProfile profile, ScanRegion scan, int maxParallelism = -1)
    {
        scan.Validate();
        var sorted = atoms.Select(a => (a.XAngstrom, a.YAngstrom, Sigma: (float)crossSectionSquareAngstrom(a.AtomicNumber))).OrderBy(a => a.YAngstrom).ToArray();
        var ys = sorted.Select(a => a.YAngstrom).ToArray();
        double r = profile.RadiusAngstrom, r2max = r * r, step = scan.StepAngstrom;
        var image = new float[scan.Count];
        Parallel.For(0, scan.Ny, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, j =>
        {
            double y = scan.Y(j);
            var row = image.AsSpan(j * scan.Nx, scan.Nx);
            int first = LowerBound(ys, y - r);
            for (int a = first; a < sorted.Length && sorted[a].YAngstrom < y + r; a++)
            {
                var (ax, ay, sigma) = sorted[a];
                double dy = ay - y, dy2 = dy * dy, half = Math.Sqrt(Math.Max(0, r2max - dy2));
                int i0 = Math.Max(0, (int)Math.Ceiling((ax - half - scan.X0Angstrom) / step));
                int i1 = Math.Min(scan.Nx - 1, (int)Math.Floor((ax + half - scan.X0Angstrom) / step));
                for (int i = i0; i <= i1; i++)
                {
                    double dx = scan.X0Angstrom + i * step - ax;
                    row[i] += sigma * profile.AtSquared(dx * dx + dy2);
                }
            }
        });
        return image;
    }

    /// <summary>σ(Z) for <paramref name="options"/>: the integrated cross-section, or Z^n scaled to gold's.</summary>
    public static Func<int, double> CrossSections(StemParameters parameters, StemOptions options)
    {
        var cache = new double[Elements.MaxAtomicNumber + 1];
        double kv = parameters.Probe.VoltageKilovolts;
        double gold = options.IncoherentZExponent is null ? 0 : AnnularCrossSection.SquareAngstrom(79, parameters.Detector, kv);
        return z =>
        {
            if (cache[z] > 0) return cache[z];
            double s = options.IncoherentZExponent is double n ? gold * Math.Pow(z / 79.0, n) : AnnularCrossSection.SquareAngstrom(z, parameters.Detector, kv);
            return cache[z] = s;
        };
    }

    private static int LowerBound(double[] values, double key)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
