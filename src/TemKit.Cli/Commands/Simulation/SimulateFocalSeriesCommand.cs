using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.FocalSeries;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate focal-series</c>: one MX₂ monolayer imaged at three defoci, with class map and column list.</summary>
internal static class SimulateFocalSeriesCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder (focal_series.mrc with 3 frames, labels.mrc, columns.csv, params.csv, classes.txt, ranges.yaml, structure.xyz, PNG previews)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (structure, defects, optics, noise)", DefaultValueFactory = _ => 1 }.AnyValue();
        var set = new FocalSeriesOptionSet();
        var command = new Command("focal-series", "Simulate one focal series of an MX2 monolayer (default 2H-MoS2 at 80 kV): one exit wave, three images at three defoci with independent noise, class map (background, Mo, S2, S1) and typed column list.")
        {
            output, seed,
        };
        foreach (var o in set.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string outDir = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var ranges = set.Ranges(parse);
            var parameters = new FocalSeriesParameters(ranges, parse.GetValue(seed));
            var sample = SimulateCommand.Checked(() => Console2.RunWithProgress(progress => FocalSeriesJob.Simulate(parameters, progress)));
            FocalSeriesJob.WriteFolder(outDir, sample, ranges);
            var r = sample.Record;
            Console.WriteLine(FormattableString.Invariant(
                $"{outDir}: {sample.Sheet.Geometry.Formula} {ranges.GridPixels}x{ranges.GridPixels} at {r.PixelSizeAngstrom:F3} Å/px, {r.VoltageKilovolts:G4} kV, defoci {r.Defocus0Angstrom:F1}, {r.Defocus1Angstrom:F1}, {r.Defocus2Angstrom:F1} Å, dose {r.DoseElectronsPerAngstrom2:G3} e/Å² per image; ")
                + $"{sample.Sheet.Count(TemKit.Simulation.Structures.ColumnKind.Metal)} {sample.ClassNames[1]}, {sample.Sheet.Count(TemKit.Simulation.Structures.ColumnKind.ChalcogenPair)} {sample.ClassNames[2]}, {sample.Sheet.Count(TemKit.Simulation.Structures.ColumnKind.SingleChalcogen)} {sample.ClassNames[3]} columns");
            return ExitCodes.Ok;
        });
        return command;
    }
}
