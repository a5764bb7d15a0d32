using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Potentials;

/// <summary>
/// Turns atoms into slices of projected potential: each atom's analytic Kirkland projected potential (Eq. C.19) is
/// evaluated on the grid around its exact (sub-pixel) position within a cutoff, periodically wrapped, and added to
/// the slice that holds the atom's z.
/// </summary>
public static class PotentialSlicer
{
    private const double TableStepAngstrom = 0.0025;

    /// <summary>Slices for <paramref name="atoms"/>; <paramref name="sliceCount"/> null = enough slices for the deepest atom.</summary>
    public static SlicedPotential Build(IReadOnlyList<Atom> atoms, SimulationGrid grid, PotentialParameters parameters, int? sliceCount = null)
    {
        grid.Validate();
        parameters.Validate();
        double dz = parameters.SliceThicknessAngstrom;
        int maxSlice = 0;
        foreach (var a in atoms)
        {
            if (a.ZAngstrom < 0) throw new ArgumentException($"atom at z = {a.ZAngstrom:F3} Å: the specimen must start at z ≥ 0");
            maxSlice = Math.Max(maxSlice, (int)(a.ZAngstrom / dz));
        }
        int count = sliceCount ?? maxSlice + 1;
        if (count < maxSlice + 1) throw new ArgumentException($"{count} slices of {dz} Å do not reach the deepest atom (needs {maxSlice + 1})");
        var bySlice = new List<Atom>[count];
        for (int s = 0; s < count; s++) bySlice[s] = [];
        foreach (var a in atoms) bySlice[(int)(a.ZAngstrom / dz)].Add(a);
        var tables = atoms.Select(a => a.AtomicNumber).Distinct().ToDictionary(z => z, z => RadialTable.Create(KirklandPotential.For(z), parameters.CutoffAngstrom, TableStepAngstrom));
        var slices = new float[count][];
        Parallel.For(0, count, s =>
        {
            var slice = new float[grid.Nx * grid.Ny];
            foreach (var a in bySlice[s]) AddAtom(slice, grid, a, tables[a.AtomicNumber], parameters);
            slices[s] = slice;
        });
        return new SlicedPotential(grid, dz, slices);
    }

    /// <summary>Adds one atom's projected potential (V·Å) to <paramref name="slice"/>.</summary>
    internal static void AddAtom(Span<float> slice, SimulationGrid grid, Atom atom, RadialTable table, PotentialParameters parameters)
    {
        int nx = grid.Nx, ny = grid.Ny;
        double px = grid.PixelSizeAngstrom, rc = parameters.CutoffAngstrom, rc2 = rc * rc;
        double cx = atom.XAngstrom / px, cy = atom.YAngstrom / px;   // atom position in pixel units
        int reach = (int)Math.Ceiling(rc / px);
        int iy0 = (int)Math.Floor(cy) - reach, iy1 = (int)Math.Floor(cy) + reach + 1;
        double core2 = 1.5 * 1.5 * px * px;
        int ss = parameters.CoreSupersampling;
        for (int iy = iy0; iy <= iy1; iy++)
        {
            double dy = (iy - cy) * px, dy2 = dy * dy;
            if (dy2 >= rc2) continue;
            // Only the columns inside the cutoff circle on this row.
            double half = Math.Sqrt(rc2 - dy2) / px;
            int ix0 = (int)Math.Ceiling(cx - half), ix1 = (int)Math.Floor(cx + half);
            var row = slice.Slice(((iy % ny) + ny) % ny * nx, nx);
            bool coreRow = dy2 < core2 && ss > 1;
            int wrap = ((ix0 % nx) + nx) % nx;
            for (int ix = ix0; ix <= ix1;)
            {
                // A run of columns that does not cross the periodic edge.
                int run = Math.Min(ix1 - ix + 1, nx - wrap);
                var target = row.Slice(wrap, run);
                if (coreRow)
                {
                    for (int k = 0; k < run; k++)
                    {
                        double dx = (ix + k - cx) * px, r2 = dx * dx + dy2;
                        target[k] += (float)(r2 < core2 ? PixelAverage(table, dx, dy, px, ss) : table.AtSquared(r2));
                    }
                }
                else
                {
                    table.AddRow(target, (ix - cx) * px, px, dy2);
                }
                ix += run;
                wrap = 0;
            }
        }
    }

    // Mean of v_z over the pixel centred at offset (dx, dy) from the nucleus, on an ss x ss sub-grid.
    private static double PixelAverage(RadialTable table, double dx, double dy, double px, int ss)
    {
        double sum = 0, step = px / ss;
        for (int b = 0; b < ss; b++)
        {
            double y = dy + (b + 0.5) * step - 0.5 * px;
            for (int a = 0; a < ss; a++)
            {
                double x = dx + (a + 0.5) * step - 0.5 * px;
                sum += table.At(Math.Sqrt(x * x + y * y));
            }
        }
        return sum / (ss * ss);
    }
}
