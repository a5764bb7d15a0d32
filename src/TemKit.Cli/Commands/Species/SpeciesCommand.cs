using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.Species;
using TemKit.Reporting;

namespace TemKit.Cli.Commands.Species;

/// <summary><c>temkit species</c>: parses the options, runs <see cref="SpeciesRun"/>, prints counts per triplet.</summary>
internal sealed class SpeciesCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("focal-series") { Description = "Three single-frame images (one per defocus), or stacks of 3, 6, ... frames grouped in threes (an in-situ focal series); MRC, DM3/DM4, TIFF", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model", "-m") { Description = "3-channel model trained on focal-series triplets (temkit train --input-channels 3 --classes 4)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Run folder: columns.csv, frames.csv, overlay_NNNN.png, vacancies.svg, report.html, run.json", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Lowest class probability accepted as a column peak (0-1)", DefaultValueFactory = _ => 0.3 }.Within(new Limits(0, 1, "(probability)", MinExclusive: true, MaxExclusive: true));
        var separation = SharedOptions.Renamed(new Option<double>("--min-separation-angstrom") { Description = "Peaks closer than this (Å) are one column; the most probable class wins", DefaultValueFactory = _ => 1.0 }, "--min-separation-A").Within(Limits.Positive(20, "Å"));
        var margin = SharedOptions.Renamed(new Option<double>("--edge-margin-angstrom") { Description = "Ignore columns within this distance of the image edge (Å); the analysed area shrinks accordingly", DefaultValueFactory = _ => 2.0 }, "--edge-margin-A").Within(Limits.NonNegative(1000, "Å"));
        var noRegister = new Option<bool>("--no-register") { Description = "Do not register the frames of a triplet to its middle frame" };
        var maxShift = new Option<int>("--max-shift-px") { Description = "Largest registration shift searched (px); keep it below half a column spacing (a lattice correlates at every lattice vector)", DefaultValueFactory = _ => 4 }.Whole(0, 256, "px");
        var pixelSize = SharedOptions.Renamed(new Option<double?>("--pixel-size-angstrom") { Description = "Pixel size (Å/px) for files that carry none (default: the model's training pixel size, with a note)" }, "--pixel-size-A").Within(OpticsLimits.PixelSizeAngstrom);
        var cmd = new Command("species", "Atomic species from HRTEM focal series with a 3-channel network: typed columns (e.g. Mo, S2, S1), counts, S vacancies per nm² and per S site, overlays, time series, CSV + HTML report")
        {
            inputs, model, output, threshold, separation.Option, margin.Option, noRegister, maxShift, pixelSize.Option,
        };
        separation.AddLegacyTo(cmd);
        margin.AddLegacyTo(cmd);
        pixelSize.AddLegacyTo(cmd);
        cmd.SetAction(parse =>
        {
            string outDir = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var files = parse.GetValue(inputs)!;
            string modelPath = parse.GetValue(model)!;
            OutputPaths.RequireNotAnInput(outDir, "--output", [.. files, modelPath]);
            var options = new SpeciesOptions(
                new ColumnFinderOptions(parse.GetValue(threshold), separation.Get(parse), margin.Get(parse)),
                !parse.GetValue(noRegister), parse.GetValue(maxShift), pixelSize.Get(parse));
            var parameters = new SpeciesParameters(files, modelPath, options);
            var result = Console2.RunWithProgress(progress => SpeciesRun.Run(parameters, progress));
            var provenance = Provenance.Now(new { inputs = files, model = modelPath, options });
            SpeciesRun.Write(outDir, result, provenance);
            provenance.Save(Path.Combine(outDir, "run.json"));
            foreach (var note in result.Notes) Console2.Warn(note);
            var names = result.ClassNames;
            foreach (var f in result.Frames)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Name}: {string.Join(", ", Enumerable.Range(1, names.Length - 1).Select(c => $"{f.Counts.PerClass[c]} {names[c]}"))}; {f.Counts.Vacancies} vacancies, {f.Counts.VacanciesPerNanometre2:F3} /nm², {100 * f.Counts.VacanciesPerSite:F2} % of S sites"));
            Console.WriteLine($"{outDir}: {result.Frames.Count} triplet(s); report.html");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
