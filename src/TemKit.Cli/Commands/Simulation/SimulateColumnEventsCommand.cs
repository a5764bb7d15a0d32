using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.Columns;
using TemKit.Simulation.Datasets;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate column-events</c>: a drifting frame sequence with known column events (validation of <c>columns --track</c>).</summary>
internal static class SimulateColumnEventsCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder: images.mrc (frames), columns.csv (true columns per frame), events.csv (true events)", Required = true };
        var frames = new Option<int>("--frames") { Description = "Frames", DefaultValueFactory = _ => 6 }.Whole(2, 10_000, "frames");
        var diameter = new Option<double>("--diameter-nm") { Description = "Au particle diameter (nm), [110] zone axis, on CeO2", DefaultValueFactory = _ => 2.5 }.Within(Limits.Positive(100, "nm"));
        var grid = new Option<int>("--grid") { Description = "Image size (px, square)", DefaultValueFactory = _ => 256 }.Whole(32, 4096, "px");
        var pixel = new Option<double>("--pixel-size-angstrom") { Description = "Sampling (Å/px)", DefaultValueFactory = _ => 0.15 }.Within(OpticsLimits.PixelSizeAngstrom);
        var dose = new Option<double>("--dose-e-per-A2") { Description = "Dose per frame (e/Å²)", DefaultValueFactory = _ => 1000.0 }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var defocus = new Option<double>("--defocus-angstrom") { Description = "Defocus (Å, positive = underfocus)", DefaultValueFactory = _ => 0.0 }.Within(OpticsLimits.DefocusAngstrom);
        var drift = new Option<double>("--drift-step-angstrom") { Description = "Drift per frame, uniform in ± this along x and y (Å)", DefaultValueFactory = _ => 1.5 }.Within(Limits.NonNegative(100, "Å"));
        var move = new Option<double>("--move-angstrom") { Description = "Displacement of a moved surface column (Å)", DefaultValueFactory = _ => 0.8 }.Within(Limits.Positive(10, "Å"));
        var hold = new Option<int>("--hold-frames")
        {
            Description = "Frames a change lasts at least: a removed, added or moved column keeps its new state this many frames before it can change again (1 = a site may be emptied and refilled in consecutive frames)",
            DefaultValueFactory = _ => 3,
        }.Whole(1, 1000, "frames");
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 }.AnyValue();
        var conditions = new Option<string?>("--conditions")
        {
            Description = "Draw every frame's optics (defocus, Cs, focal spread, convergence, blur) and the sequence's detector from named imaging conditions: " +
                "experimental-replica (the seed paper's replica of its experimental series: defocus 48-50 Å underfocus, Cs 7-8 µm, focal spread 5-6 Å, blur 0.1-0.2 Å, MTF model 3) " +
                "or table1 (Table 1's wide ranges); default: fixed optics (--defocus-angstrom, Cs 6.225 µm, focal spread 12.5 Å, blur 0.45 Å, MTF model 4 centre). The dose stays --dose-e-per-A2",
        };
        conditions.AcceptOnlyFromAmong([.. DatasetRanges.PresetNames]);
        var ranges = new Option<string?>("--ranges") { Description = "As --conditions, from a ranges YAML file (simulate dataset's format, docs/simulation.md); only its optics, voltage and mtf_model are used" };
        var command = new Command("column-events", "Simulate a drifting Au particle sequence in which one surface column disappears, one appears and one moves between frames (truth for columns --track)")
        {
            output, frames, diameter, grid, pixel, dose, defocus, drift, move, hold, seed, conditions, ranges,
        };
        command.SetAction(parse =>
        {
            string outDir = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var drawn = Conditions(parse.GetValue(conditions), parse.GetValue(ranges));
            if (drawn is not null && parse.GetResult(defocus) is { Implicit: false })
                throw new UsageException("--defocus-angstrom fixes the defocus; --conditions and --ranges draw it: give one or the other");
            var p = new EventSequenceParameters(parse.GetValue(frames), parse.GetValue(diameter), parse.GetValue(grid), parse.GetValue(pixel),
                parse.GetValue(dose), parse.GetValue(defocus), parse.GetValue(drift), parse.GetValue(move), parse.GetValue(seed),
                parse.GetValue(hold), drawn);
            EventSequenceResult result = null!;
            Console2.WithProgress($"simulating {p.FrameCount} frames", p.FrameCount, advance => result = SimulateCommand.Checked(() => EventSequence.Simulate(p, advance)));
            EventSequence.Write(outDir, result);
            Console.WriteLine($"{outDir}: {p.FrameCount} frames of {p.GridPx}x{p.GridPx} at {p.PixelSizeAngstrom} Å/px, {p.DoseElectronsPerAngstrom2} e/Å², {result.Events.Count} true events");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DatasetRanges? Conditions(string? name, string? rangesPath)
    {
        if (name is not null && rangesPath is not null) throw new UsageException("--conditions and --ranges both give the imaging conditions: give one");
        if (name is not null) return DatasetRanges.Named(name);
        return rangesPath is null ? null : DatasetRangesYaml.Read(rangesPath);
    }
}
