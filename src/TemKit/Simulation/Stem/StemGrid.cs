using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Stem;

/// <summary>Chooses the wave grid of a multislice or PRISM STEM simulation and places the specimen on it.</summary>
internal static class StemGrid
{
    /// <summary>
    /// The grid covering the specimen's cell at the requested sampling (or the detector's default), with an FFT-friendly
    /// size that is a multiple of <paramref name="multiple"/>; the pixel size is then adjusted so that the grid spans the
    /// cell exactly (periodic boundaries match the cell's).
    /// </summary>
    public static SimulationGrid For(Specimen specimen, StemParameters parameters, StemOptions options, int multiple)
    {
        double lambda = parameters.Probe.WavelengthAngstrom;
        double px = options.PixelSizeAngstrom ?? Math.Min(0.05, lambda / (3 * parameters.Detector.OuterMilliradians * 1e-3) * 0.999);
        int nx = FastFftSize.AtLeast((int)Math.Ceiling(specimen.CellXAngstrom / px - 1e-9), multiple);
        int ny = FastFftSize.AtLeast((int)Math.Ceiling(specimen.CellYAngstrom / px - 1e-9), multiple);
        if (nx > 8192 || ny > 8192) throw new ArgumentException($"a {specimen.CellXAngstrom:F1} x {specimen.CellYAngstrom:F1} Å cell at {px:G3} Å/px needs {nx}x{ny} pixels, more than 8192 per side");
        if (nx != ny || Math.Abs(specimen.CellXAngstrom - specimen.CellYAngstrom) > 1e-9)
        {
            double sx = specimen.CellXAngstrom / nx, sy = specimen.CellYAngstrom / ny;
            if (Math.Abs(sx - sy) > 1e-6 * sx)
                throw new ArgumentException(FormattableString.Invariant($"the cell {specimen.CellXAngstrom:F3} x {specimen.CellYAngstrom:F3} Å gives different x and y samplings ({sx:G4}, {sy:G4} Å) on a {nx}x{ny} grid: use a square cell"));
        }
        return new SimulationGrid(nx, ny, specimen.CellXAngstrom / nx);
    }

    /// <summary>The atoms shifted along z so that the topmost one sits at z = 0 (the entrance surface; defocus is measured from it).</summary>
    public static Atom[] EntranceAtZero(IReadOnlyList<Atom> atoms)
    {
        if (atoms.Count == 0) return [];
        double z0 = atoms.Min(a => a.ZAngstrom);
        return [.. atoms.Select(a => a with { ZAngstrom = a.ZAngstrom - z0 })];
    }

    /// <summary>A frozen-phonon configuration: every coordinate displaced by a Gaussian of standard deviation
    /// <paramref name="rmsAngstrom"/> (Einstein model), then the entrance moved back to z = 0.</summary>
    public static Atom[] Displaced(IReadOnlyList<Atom> atoms, double rmsAngstrom, Random rng)
    {
        var moved = new Atom[atoms.Count];
        for (int i = 0; i < moved.Length; i++)
            moved[i] = atoms[i].Translated(rmsAngstrom * Gaussian(rng), rmsAngstrom * Gaussian(rng), rmsAngstrom * Gaussian(rng));
        return EntranceAtZero(moved);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
