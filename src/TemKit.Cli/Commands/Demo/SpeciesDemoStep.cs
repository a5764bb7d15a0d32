using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: MoS₂ focal series (`temkit simulate focal-series`), a tiny 3-channel species network trained for
/// seconds on a few simulated triplets (`simulate dataset --kind focal-series`, `train --input-channels 3 --classes 4`),
/// and `temkit species` on a held-out series. The tiny model only shows the commands; docs/species.md has the validated one.</summary>
internal sealed class SpeciesDemoStep : IDemoStep
{
    public int Order => 80;

    public string Title => "Atomic species from a focal series";

    public string Run(string folder, DemoOptions options)
    {
        string seed = options.Seed.ToString(CultureInfo.InvariantCulture);
        string grid = options.Quick ? "64" : "128";
        string dataset = Path.Combine(folder, "dataset");
        DemoCli.Run(folder, "simulate", "dataset", "--kind", "focal-series", "--count", options.Quick ? "2" : "6", "--focal-grid", grid,
            "--seed", seed, "-o", dataset);
        string model = Path.Combine(folder, "species.tkm");
        DemoCli.Run(folder, "train", "--net", "msd", "--depth", options.Quick ? "4" : "12", "--kernel", "3", "--input-channels", "3", "--classes", "4",
            "--class-weights", "1,2,2,15", "--images", Path.Combine(dataset, "images.mrc"), "--masks", Path.Combine(dataset, "labels.mrc"),
            "--epochs", options.Quick ? "1" : "3", "--crop", "64", "--batch", "4", "--crops-per-image", "2", "--val-fraction", "0.2", "--seed", seed, "-o", model);
        string heldOut = Path.Combine(folder, "held-out");
        DemoCli.Run(folder, "simulate", "focal-series", "--focal-grid", grid, "--focal-dose-e-per-A2", "30000", "--single-vacancy-fraction", "0.08",
            "--seed", (options.Seed + 1).ToString(CultureInfo.InvariantCulture), "-o", heldOut);
        string run = Path.Combine(folder, "species");
        DemoCli.Run(folder, "species", Path.Combine(heldOut, "focal_series.mrc"), "-m", model, "-o", run);
        var table = CsvFiles.ReadTable(Path.Combine(run, "frames.csv"));
        var row = table.Rows[0];
        string Cell(string column) => row[table.ColumnIndex(column)];
        return $"MoS2 focal series at 80 kV (held-out/focal_series_0..2.png, labels.png, columns.csv, structure.xyz); a seconds-trained species.tkm finds " +
               $"{Cell("count_Mo")} Mo, {Cell("count_S2")} S2, {Cell("count_S1")} S1 columns: species/overlay_0000.png, species/report.html (demo-sized model; see docs/species.md)";
    }
}
