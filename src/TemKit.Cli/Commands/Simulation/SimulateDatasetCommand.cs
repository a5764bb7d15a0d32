using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Imaging.Display;
using TemKit.IO.Png;
using TemKit.Optics;
using TemKit.Simulation.Datasets;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate dataset</c>: a training set of images, masks and parameters (seed paper, section 2).</summary>
internal static class SimulateDatasetCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Dataset folder (images.mrc, masks.mrc, params.csv, ranges.yaml, preview PNGs of frame 0; with --labels columns also columns.mrc, columns.csv)", Required = true };
        var count = new Option<int>("--count") { Description = "Number of particles (exit waves)", Required = true }.Whole(1, 1_000_000, "particles");
        var epochs = new Option<int>("--image-epochs") { Description = "Images per particle, each with freshly drawn optics, dose and noise", DefaultValueFactory = _ => 10 }.Whole(1, 10_000, "images per particle");
        var ranges = new Option<string?>("--ranges") { Description = "YAML file of parameter ranges (default: Table 1; see docs/simulation.md)" };
        var conditions = new Option<string?>("--conditions")
        {
            Description = "Named parameter ranges instead of a --ranges file: table1 (the default) or experimental-replica (the seed paper's replica of its experimental series: " +
                "on zone, defocus 48-50 Å underfocus, Cs 7-8 µm, focal spread 5-6 Å, blur 0.1-0.2 Å, dose 10-10⁴ e/Å², MTF model 3; the rest as Table 1)",
        };
        conditions.AcceptOnlyFromAmong([.. DatasetRanges.PresetNames]);
        var dose = new Option<double?>("--dose-e-per-A2") { Description = "Every image at this frame dose (e/Å²), replacing the ranges' dose range (e.g. one test set per dose)" }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var seed = new Option<long>("--seed") { Description = "Random seed; the same seed gives the same dataset", DefaultValueFactory = _ => 0 }.AnyValue();
        var threads = new Option<int>("--threads") { Description = "Particles simulated at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount }.Whole(1, 1024, "threads");
        var kind = new Option<string>("--kind") { Description = "particle: supported nanoparticles with masks (seed paper, section 2); focal-series: MX2 monolayer triplets at three defoci with class maps (docs/species.md); --count is then the number of triplets", DefaultValueFactory = _ => "particle" };
        kind.AcceptOnlyFromAmong("particle", "focal-series");
        var focal = new FocalSeriesOptionSet();
        var labels = new ColumnLabelOptionSet();
        var command = new Command("dataset", "Simulate a training dataset: random supported particles, each imaged --image-epochs times, or (--kind focal-series) MX2 focal-series triplets.")
        {
            output, count, epochs, ranges, conditions, dose, seed, threads, kind,
        };
        foreach (var o in focal.All) command.Options.Add(o);
        labels.AddTo(command);
        command.SetAction(parse =>
        {
            string outDir = parse.GetValue(output)!;
            if (parse.GetValue(kind) == "focal-series")
            {
                if (parse.GetResult(epochs) is { Implicit: false } || parse.GetValue(ranges) is not null || parse.GetValue(conditions) is not null || parse.GetValue(dose) is not null)
                    throw new UsageException("--image-epochs, --ranges, --conditions and --dose-e-per-A2 belong to --kind particle; a focal-series dataset takes --focal-ranges and one triplet per --count");
                return FocalSeriesDataset(parse, outDir, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(threads), focal);
            }
            int n = parse.GetValue(count), k = parse.GetValue(epochs), t = parse.GetValue(threads);
            if (n < 1) throw new UsageException($"--count must be ≥ 1, got {n}");
            if (k < 1) throw new UsageException($"--image-epochs must be ≥ 1, got {k}");
            if (t < 1) throw new UsageException($"--threads must be ≥ 1, got {t}");
            RequireDatasetFolder(outDir);
            using var held = RunLocks.Beside(outDir);
            string? rangesPath = parse.GetValue(ranges);
            string? named = parse.GetValue(conditions);
            if (named is not null && rangesPath is not null) throw new UsageException("--conditions and --ranges both give the parameter ranges: give one");
            var r = rangesPath is not null ? DatasetRangesYaml.Read(rangesPath) : named is not null ? DatasetRanges.Named(named) : DatasetRanges.Table1;
            if (parse.GetValue(dose) is double fixedDose) r = r with { DoseElectronsPerAngstrom2 = ParameterRange.Fixed(fixedDose) };
            SimulateCommand.Checked(() => { r.Validate(); return 0; });
            long seedValue = parse.GetValue(seed);
            var columnLabels = labels.Options(parse);
            Dataset dataset = null!;
            Console2.WithProgress($"simulating {n} particles x {k} epochs", n, advance =>
                dataset = SimulateCommand.Checked(() => DatasetGenerator.Generate(r, n, k, seedValue, advance, t, columnLabels)));
            // Written beside, then swapped in whole: a kill never leaves new images with old masks or parameters.
            AtomicFolder.Replace(outDir, folder =>
            {
                DatasetGenerator.Write(folder, dataset, r);
                PngWriter.WriteImage(Path.Combine(folder, "preview_image0.png"), dataset.Images.FrameImage(0));
                PngWriter.WriteImage(Path.Combine(folder, "preview_mask0.png"), dataset.Masks.FrameImage(0), new DisplayScale(0, 100));
            });
            Console.WriteLine($"{outDir}: {dataset.Images.Nz} images of {dataset.Images.Nx}x{dataset.Images.Ny} ({n} particles x {k} epochs), seed {seedValue}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int FocalSeriesDataset(ParseResult parse, string outDir, int n, long seedValue, int threads, FocalSeriesOptionSet focal)
    {
        if (n < 1) throw new UsageException($"--count must be ≥ 1, got {n}");
        RequireDatasetFolder(outDir);
        using var held = RunLocks.Beside(outDir);
        var r = focal.Ranges(parse);
        TemKit.Simulation.FocalSeries.FocalSeriesDataset dataset = null!;
        Console2.WithProgress($"simulating {n} focal-series triplets", n, advance =>
            dataset = SimulateCommand.Checked(() => TemKit.Simulation.FocalSeries.FocalSeriesDataset.Generate(r, n, seedValue, advance, threads)));
        AtomicFolder.Replace(outDir, folder =>
        {
            dataset.Write(folder, r);
            for (int k = 0; k < 3; k++) PngWriter.WriteImage(Path.Combine(folder, $"preview_image{k}.png"), dataset.Images.FrameImage(k));
            PngWriter.WriteImage(Path.Combine(folder, "preview_labels0.png"), dataset.Labels.FrameImage(0), new DisplayScale(0, 100));
        });
        Console.WriteLine($"{outDir}: {n} triplets ({dataset.Images.Nz} images) of {dataset.Images.Nx}x{dataset.Images.Ny}, classes {string.Join(", ", dataset.ClassNames)}, seed {seedValue}");
        return ExitCodes.Ok;
    }

    /// <summary>Files a dataset folder holds; an existing folder with anything else is not replaced (it is not a dataset).</summary>
    private static readonly string[] s_datasetFiles = ["images.mrc", "masks.mrc", "params.csv", "ranges.yaml", "preview_image0.png", "preview_mask0.png", "columns.mrc", "columns.csv", "column_classes.mrc",
        "labels.mrc", "classes.txt", "preview_image1.png", "preview_image2.png", "preview_labels0.png"];

    private static void RequireDatasetFolder(string path)
    {
        if (File.Exists(path)) throw new UsageException($"--output {path}: is a file; give a folder (it is created)");
        if (!Directory.Exists(path)) return;
        var other = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).FirstOrDefault(f => !s_datasetFiles.Contains(f));
        if (other != null)
            throw new UsageException($"--output {path}: holds {other}, which is not part of a dataset; the folder is replaced as a whole, so give a new or empty folder");
    }
}
