using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: mesoscale fields with defocus fringes at known defocus (`temkit simulate fringe-dataset`), their
/// defocus measured back (`temkit defocus`) and the images phase-flipped with the measured CTF (`temkit ctf-correct`).</summary>
internal sealed class FringesDemoStep : IDemoStep
{
    public int Order => 53;

    public string Title => "Defocus fringes: simulate, measure the defocus, correct the CTF";

    public string Run(string folder, DemoOptions options)
    {
        string dataset = Path.Combine(folder, "fields"), run = Path.Combine(folder, "defocus-run"), flipped = Path.Combine(folder, "flipped");
        string seed = options.Seed.ToString(CultureInfo.InvariantCulture);
        DemoCli.Run(folder, "simulate", "fringe-dataset", "-o", dataset, "--count", options.Quick ? "2" : "6", "--size-px", options.Quick ? "128" : "256",
            "--min-defocus-angstrom", "10000", "--max-defocus-angstrom", "50000", "--seed", seed);
        DemoCli.Run(folder, "defocus", Path.Combine(dataset, "images"), "-o", run, "--tile-size-px", options.Quick ? "64" : "128",
            "--min-resolution-angstrom", "40", "--max-defocus-angstrom", "60000");
        DemoCli.Run(folder, "ctf-correct", Path.Combine(dataset, "images"), "-o", flipped, "--defocus-from", run, "--ctf-correction", "flip");
        var truth = CsvFiles.ReadTable(Path.Combine(dataset, "fields.csv")).Column("defocus_angstrom").Select(Parse).ToList();
        var measured = CsvFiles.ReadTable(Path.Combine(run, "results.csv")).Column("mean_defocus_A").Select(Parse).ToList();
        double worst = truth.Zip(measured, (t, m) => Math.Abs(m - t) / t).Max();
        return string.Create(CultureInfo.InvariantCulture,
            $"{truth.Count} fields at {truth.Min() / 1e4:F1}-{truth.Max() / 1e4:F1} µm defocus; measured within {100 * worst:F1} % of the truth; phase-flipped images in flipped/ (docs/defocus-aware-segmentation.md)");
    }

    private static double Parse(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
