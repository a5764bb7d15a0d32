using System.CommandLine;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Defocus.Simulation;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>`temkit defocus-simulate -o DIR`: a synthetic dataset with known defocus, to try the defocus pipeline.</summary>
internal sealed class DefocusSimulateCommand : ICliCommand
{
    public Command Build()
    {
        var d = new DefocusDatasetOptions();
        var output = new Option<string>("--output", "-o") { Description = "Folder for micrograph_NNN.mrc and truth.csv", Required = true };
        var count = new Option<int>("--count") { Description = "Number of micrographs", DefaultValueFactory = _ => d.Count }.Whole(1, 100_000, "micrographs");
        var size = SharedOptions.Renamed(new Option<int>("--size-px") { Description = "Edge of each micrograph (px)", DefaultValueFactory = _ => d.SizePx }, "--size").Whole(64, 16384, "px");
        var pixel = SharedOptions.PixelSizeAngstrom("Pixel size (Å)", d.PixelSizeAngstrom, "--pixel-size-A").Within(OpticsLimits.PixelSizeAngstrom);
        var optics = new OpticsOptionSet(d.Optics);
        var minDf = SharedOptions.Renamed(new Option<double>("--min-defocus-angstrom") { Description = "Smallest true mean defocus (Å)", DefaultValueFactory = _ => d.MinDefocusAngstrom }, "--min-defocus-A").Within(OpticsLimits.DefocusSearchAngstrom);
        var maxDf = SharedOptions.Renamed(new Option<double>("--max-defocus-angstrom") { Description = "Largest true mean defocus (Å)", DefaultValueFactory = _ => d.MaxDefocusAngstrom }, "--max-defocus-A").Within(OpticsLimits.DefocusSearchAngstrom);
        var astig = SharedOptions.Renamed(new Option<double>("--max-astigmatism-fraction") { Description = "Largest astigmatism (Δf1−Δf2)/mean (fraction)", DefaultValueFactory = _ => d.MaxAstigmatismFraction }, "--max-astigmatism").Within(DefocusDatasetOptions.AstigmatismLimits);
        var dose = SharedOptions.Renamed(new Option<double>("--dose-e-per-A2") { Description = "Electron dose (e/Å²)", DefaultValueFactory = _ => d.DoseElectronsPerAngstrom2 }, "--dose").Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => d.Seed }.AnyValue();
        var cmd = new Command("defocus-simulate", "Write a synthetic dataset of amorphous-film micrographs with known defocus (MRC + truth.csv)")
            { output, count, seed };
        foreach (var renamed in new[] { minDf, maxDf, astig, dose }) renamed.AddTo(cmd);
        size.AddTo(cmd);
        pixel.AddTo(cmd);
        foreach (var o in optics.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var options = new DefocusDatasetOptions
            {
                Count = parse.GetValue(count), SizePx = size.Get(parse), PixelSizeAngstrom = pixel.Get(parse),
                Optics = optics.Read(parse),
                MinDefocusAngstrom = minDf.Get(parse), MaxDefocusAngstrom = maxDf.Get(parse),
                MaxAstigmatismFraction = astig.Get(parse), DoseElectronsPerAngstrom2 = dose.Get(parse), Seed = parse.GetValue(seed),
            };
            if (options.Count < 1 || options.SizePx < 64) throw new UsageException("--count must be ≥ 1 and --size-px ≥ 64 px");
            if (!(options.MinDefocusAngstrom > 0 && options.MaxDefocusAngstrom >= options.MinDefocusAngstrom)) throw new UsageException("need 0 < --min-defocus-angstrom ≤ --max-defocus-angstrom");
            string folder = parse.GetValue(output)!;
            List<DefocusTruth> truths = [];
            Console2.WithProgress("simulate", options.Count, advance => truths = DefocusDataset.Generate(folder, options, advance));
            Console.WriteLine($"{truths.Count} micrographs and truth.csv in {Path.GetFullPath(folder)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
