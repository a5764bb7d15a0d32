using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Bench.Stem;

/// <summary>
/// The heavy STEM validations (kept out of the unit tests): PRISM and incoherent against multislice on Au55 and Au147
/// (correlation, signal at the incoherent image's column maxima), the incoherent model's breakdown with column length
/// (isolated Au columns of 1..40 atoms), grid and slice convergence, and the Z ordering Cu &lt; Ag &lt; Pt &lt; Au.
/// Usage: stem-validate [clusters|thickness|convergence|z|all] [SIDE (probe positions per side of the cluster scans, default 24)].
/// </summary>
internal sealed class StemValidateBench : IBench
{
    public string Name => "stem-validate";
    public string Description => "STEM validation: PRISM/incoherent vs multislice (Au55, Au147), thickness breakdown, convergence, Z ordering";

    private static readonly StemOptions Ms = new() { PixelSizeAngstrom = StemBenchSetup.PixelAngstrom, SliceThicknessAngstrom = 1 };

    public int Run(string[] args)
    {
        string part = args.Length > 0 ? args[0] : "all";
        int side = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24;
        if (part is "all" or "clusters") Clusters(side);
        if (part is "all" or "thickness") Thickness();
        if (part is "all" or "convergence") Convergence();
        if (part is "all" or "z") ZOrdering();
        return 0;
    }

    private static void Clusters(int side)
    {
        Console.WriteLine("| cluster | scan | corr(prism f=2, ms) | corr(prism f=4, ms) | corr(incoherent, ms) | incoherent/ms at column maxima: median, 10-90 % | after one global scale: median abs error |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (int shells in new[] { 2, 3 })
        {
            var specimen = StemBenchSetup.Cluster(shells);
            double c = specimen.CellXAngstrom / 2, half = shells == 2 ? 6.5 : 9.5, step = 2 * half / side;
            var scan = new ScanRegion(c - half, c - half, side, side, step);
            var p = StemBenchSetup.Parameters;
            var ms = StemSimulation.Run(specimen, p, scan, Ms).Image.Pixels.ToArray();
            var p2 = StemSimulation.Run(specimen, p, scan, Ms with { Method = StemMethod.Prism, PrismInterpolation = 2 }).Image.Pixels.ToArray();
            var p4 = StemSimulation.Run(specimen, p, scan, Ms with { Method = StemMethod.Prism, PrismInterpolation = 4 }).Image.Pixels.ToArray();
            var inc = StemSimulation.Run(specimen, p, scan, Ms with { Method = StemMethod.Incoherent }).Image.Pixels.ToArray();
            var maxima = LocalMaxima(inc, side, side);
            var ratios = maxima.Select(i => (double)inc[i] / ms[i]).OrderBy(r => r).ToArray();
            double scale = maxima.Sum(i => (double)ms[i]) / maxima.Sum(i => (double)inc[i]);
            var scaled = maxima.Select(i => Math.Abs(scale * inc[i] / ms[i] - 1)).OrderBy(r => r).ToArray();
            Console.WriteLine(FormattableString.Invariant(
                $"| Au{specimen.All.Length} | {side}² at {step:F3} Å | {StemBenchSetup.Correlation(p2, ms):F5} | {StemBenchSetup.Correlation(p4, ms):F5} | {StemBenchSetup.Correlation(inc, ms):F4} | {Q(ratios, 0.5):F3}, {Q(ratios, 0.1):F3}-{Q(ratios, 0.9):F3} ({maxima.Count} maxima) | {Q(scaled, 0.5):P1} (scale {scale:F3}) |"));
        }
    }

    private static void Thickness()
    {
        // Isolated Au columns along the beam, atoms 2.884 Å apart (FCC [110]), probe on the column.
        Console.WriteLine("| Au atoms in the column | length (Å) | multislice | incoherent | incoherent/multislice |");
        Console.WriteLine("|---|---|---|---|---|");
        var p = StemBenchSetup.Parameters;
        double d = Elements.FccLatticeAngstrom("Au")!.Value / Math.Sqrt(2);
        foreach (int n in new[] { 1, 2, 3, 5, 8, 12, 16, 24, 32, 40 })
        {
            var column = Enumerable.Range(0, n).Select(k => new Atom(79, 5, 5, k * d)).ToArray();
            var specimen = new Specimen(column, [], 10, 10);
            var scan = new ScanRegion(5, 5, 1, 1, 1);
            double ms = StemSimulation.Run(specimen, p, scan, Ms).Image.Pixels[0];
            double inc = StemSimulation.Run(specimen, p, scan, Ms with { Method = StemMethod.Incoherent }).Image.Pixels[0];
            Console.WriteLine(FormattableString.Invariant($"| {n} | {(n - 1) * d:F1} | {ms:G4} | {inc:G4} | {inc / ms:F3} |"));
        }
    }

    private static void Convergence()
    {
        Console.WriteLine("| Au55, 8x8 probes at 0.8 Å | max relative change | correlation |");
        Console.WriteLine("|---|---|---|");
        var specimen = StemBenchSetup.Cluster(2);
        var scan = new ScanRegion(7, 7, 8, 8, 0.8);
        var p = StemBenchSetup.Parameters;
        var reference = StemSimulation.Run(specimen, p, scan, Ms with { PixelSizeAngstrom = 0.025, SliceThicknessAngstrom = 0.5 }).Image.Pixels.ToArray();
        foreach (var (label, o) in new (string, StemOptions)[]
        {
            ("0.03125 Å, 1 Å slices (bench setting) vs 0.025 Å, 0.5 Å", Ms),
            ("0.03125 Å, 0.5 Å slices vs 0.025 Å, 0.5 Å", Ms with { SliceThicknessAngstrom = 0.5 }),
            ("0.025 Å, 1 Å slices vs 0.025 Å, 0.5 Å", Ms with { PixelSizeAngstrom = 0.025 }),
            ("0.03125 Å, 2 Å slices vs 0.025 Å, 0.5 Å", Ms with { SliceThicknessAngstrom = 2 }),
        })
        {
            var image = StemSimulation.Run(specimen, p, scan, o).Image.Pixels.ToArray();
            double peak = reference.Max(), worst = 0;
            for (int i = 0; i < image.Length; i++) worst = Math.Max(worst, Math.Abs(image[i] - reference[i]) / peak);
            Console.WriteLine(FormattableString.Invariant($"| {label} | {worst:P2} of the peak | {StemBenchSetup.Correlation(image, reference):F5} |"));
        }
    }

    private static void ZOrdering()
    {
        Console.WriteLine("| element | Z | σ(70-200 mrad) (Å²) | 5-atom column, multislice | 5-atom column, incoherent |");
        Console.WriteLine("|---|---|---|---|---|");
        var p = StemBenchSetup.Parameters;
        foreach (string symbol in new[] { "Cu", "Ag", "Pt", "Au" })
        {
            int z = Elements.AtomicNumber(symbol);
            double d = Elements.FccLatticeAngstrom(symbol)!.Value / Math.Sqrt(2);
            var column = Enumerable.Range(0, 5).Select(k => new Atom(z, 5, 5, k * d)).ToArray();
            var specimen = new Specimen(column, [], 10, 10);
            var scan = new ScanRegion(5, 5, 1, 1, 1);
            double ms = StemSimulation.Run(specimen, p, scan, Ms).Image.Pixels[0];
            double inc = StemSimulation.Run(specimen, p, scan, Ms with { Method = StemMethod.Incoherent }).Image.Pixels[0];
            Console.WriteLine(FormattableString.Invariant($"| {symbol} | {z} | {AnnularCrossSection.SquareAngstrom(z, p.Detector, 300):G4} | {ms:G4} | {inc:G4} |"));
        }
        Console.WriteLine(FormattableString.Invariant($"Fitted exponent n of σ ∝ Z^n over Cu, Ag, Pt, Au (HAADF 70-200 mrad, 300 kV): {AnnularCrossSection.FittedExponent([29, 47, 78, 79], p.Detector, 300):F3}"));
    }

    private static List<int> LocalMaxima(float[] image, int nx, int ny)
    {
        float threshold = 0.2f * image.Max();
        var maxima = new List<int>();
        for (int j = 1; j < ny - 1; j++)
            for (int i = 1; i < nx - 1; i++)
            {
                float v = image[j * nx + i];
                if (v < threshold) continue;
                bool peak = true;
                for (int b = -1; b <= 1 && peak; b++)
                    for (int a = -1; a <= 1; a++)
                        if ((a != 0 || b != 0) && image[(j + b) * nx + i + a] > v) { peak = false; break; }
                if (peak) maxima.Add(j * nx + i);
            }
        return maxima;
    }

    private static double Q(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
