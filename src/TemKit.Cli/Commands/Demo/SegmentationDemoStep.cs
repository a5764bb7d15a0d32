using System.Globalization;
using TemKit.IO;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: simulate a small training set (`temkit simulate dataset`), train a small MSD-net on it
/// (`temkit train`), and segment a held-out simulated particle (`temkit segment`, scored against its exact mask).</summary>
internal sealed class SegmentationDemoStep : IDemoStep
{
    public int Order => 50;

    public string Title => "Segmentation";

    public string Run(string folder, DemoOptions options)
    {
        string seed = options.Seed.ToString(CultureInfo.InvariantCulture);
        string dataset = Path.Combine(folder, "dataset");
        string ranges = Path.Combine(folder, "ranges.yaml");
        // A small, bright version of Table 1: 256 px at 0.15 Å/px (38 Å) and doses high enough to learn from in seconds.
        AtomicFile.WriteAllText(ranges, string.Join('\n',
            "grid_pixels: 256", "pixel_size_angstrom: [0.14, 0.16]", "diameter_nanometres: [1.5, 2.5]",
            "dose_electrons_per_angstrom2: [1000, 100000]", ""));
        DemoCli.Run(folder, "simulate", "dataset", "--count", options.Quick ? "4" : "8", "--image-epochs", "3",
            "--ranges", ranges, "--seed", seed, "-o", dataset);
        string model = Path.Combine(folder, "msd.tkm");
        DemoCli.Run(folder, "train", "--net", "msd", "--depth", options.Quick ? "10" : "20", "--images", Path.Combine(dataset, "images.mrc"),
            "--masks", Path.Combine(dataset, "masks.mrc"), "--epochs", options.Quick ? "3" : "25", "--crop", "128",
            "--crops-per-image", "3", "--batch", "4", "--val-fraction", "0.2", "--seed", seed, "-o", model);
        string heldOut = Path.Combine(folder, "held-out");
        DemoCli.Run(folder, "simulate", "particle", "--element", "Au", "--diameter-nm", "2", "--grid", "256",
            "--pixel-size-angstrom", "0.15", "--dose-e-per-A2", "20000", "--seed", (options.Seed + 1).ToString(CultureInfo.InvariantCulture), "-o", heldOut);
        string run = Path.Combine(folder, "segmentation");
        // The command's default threshold (SegmentationOptions.DefaultThreshold) and its --truth scoring: the demo
        // computes nothing itself, so its numbers are the ones a user gets from `temkit segment` or from SegmentRun.
        DemoCli.Run(folder, "segment", model, Path.Combine(heldOut, "image.mrc"), "--truth", Path.Combine(heldOut, "mask.mrc"), "-o", run);
        var table = CsvFiles.ReadTable(Path.Combine(run, "segmentation.csv"));
        var row = table.Rows[0];
        string Cell(string column) => row[table.ColumnIndex(column)];
        double Number(string column) => double.TryParse(Cell(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
        return string.Create(CultureInfo.InvariantCulture, $"MSD-net trained on simulated images (msd.tkm, learning curve, history CSV); held-out particle F1 {Number("f1"):F3}, ") +
               string.Create(CultureInfo.InvariantCulture, $"IoU {Number("iou"):F3} against its exact mask at threshold {Number("threshold"):G3}, {Cell("particles")} particle(s), mask area {Number("area_nm2"):F2} nm²: ") +
               $"segmentation/{Cell("output_stem")}.overlay.png, segmentation/particles.csv";
    }
}
