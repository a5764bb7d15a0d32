using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.Columns;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Cli.Commands.Columns;

/// <summary><c>temkit columns</c>: parses the options, runs <see cref="ColumnRun"/>, prints a summary.</summary>
internal sealed class ColumnsCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("images") { Description = "Images, stacks, folders or globs (MRC, DM3/DM4, TIFF, EMD, TIA .ser/.emi, PNG), in the order given (the time order for --track)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder: columns.csv, counts.csv, overlay_NNNN.png; with --track also pairs.csv, events.csv, events.svg, column-count.svg, strip.png", Required = true };
        var model = new Option<string?>("--model") { Description = "Column-label regression model (temkit train --loss mse --masks DS/columns.mrc); without it the baseline: peaks of the Gaussian-filtered image" };
        var threshold = new Option<double>("--threshold") { Description = "Network output below which a peak is dropped (label units: 1 at a column centre)", DefaultValueFactory = _ => 0.3 }.Within(new Limits(-10, 10, "(label units)"));
        var symmetries = new Option<bool>("--average-symmetries") { Description = "Network: average its output over the 8 flips and 90° rotations of each image (8 network passes per image)" };
        var spacing = new Option<double>("--min-spacing-angstrom") { Description = "No two columns closer than this (Å)", DefaultValueFactory = _ => 2.0 }.Within(Limits.NonNegative(100, "Å"));
        var sigma = new Option<double>("--baseline-sigma-angstrom") { Description = "Baseline: Gaussian filter standard deviation (Å)", DefaultValueFactory = _ => 0.5 }.Within(Limits.NonNegative(100, "Å"));
        var contrast = new Option<string>("--contrast") { Description = "Baseline: columns are dark or bright in the image", DefaultValueFactory = _ => "dark" };
        var baseThreshold = new Option<double>("--baseline-threshold-sigma") { Description = "Baseline: peaks below this many standard deviations of the filtered image are dropped", DefaultValueFactory = _ => 1.0 }.Within(new Limits(-100, 100, "σ"));
        var pixelSize = new Option<double?>("--pixel-size-angstrom") { Description = "Pixel size of the images (Å/px), overriding the file headers" }.Within(OpticsLimits.PixelSizeAngstrom);
        var mismatch = new Option<string>("--pixel-size-mismatch") { Description = "When an image's pixel size is outside the model's training range: rescale (resample to the model's pixel size) or refuse (the frame fails)", DefaultValueFactory = _ => "rescale" };
        var heights = new Option<bool>("--heights") { Description = "Estimate each column's height (atoms) from its depth inside the columns' outline and its image contrast (height_atoms in columns.csv; calibrated on simulated Au particles, see docs/columns.md)" };
        var heightCalibration = new Option<string?>("--height-calibration") { Description = "With --heights: A,B,D for atoms = A·thickness(Å) + B·contrast(σ) + D instead of the built-in calibration (--truth runs print a fitted one)" };
        var track = new Option<bool>("--track") { Description = "Register consecutive frames (image cross-correlation, refined on the columns) and report columns that appeared, disappeared or moved" };
        var radius = new Option<double>("--match-radius-angstrom") { Description = "Tracking: columns of consecutive frames within this distance after registration are the same column (Å)", DefaultValueFactory = _ => 1.0 }.Within(Limits.Positive(100, "Å"));
        var move = new Option<double>("--move-threshold-angstrom") { Description = "Tracking: a column that moved more than this is a 'moved' event (Å)", DefaultValueFactory = _ => 0.5 }.Within(Limits.NonNegative(100, "Å"));
        var drift = new Option<double>("--max-drift-angstrom") { Description = "Tracking: largest drift between consecutive frames searched (Å)", DefaultValueFactory = _ => 10.0 }.Within(Limits.NonNegative(1e4, "Å"));
        var margin = new Option<double>("--edge-margin-angstrom") { Description = "Tracking: columns closer than this to a frame border are not judged (Å)", DefaultValueFactory = _ => 2.0 }.Within(Limits.NonNegative(1e4, "Å"));
        var persistTest = new Option<string>("--persist-test")
        {
            Description = "How --persist-frames decides presence in the K frames: every (a column detected in every frame / in none) or mean (the mean over the K frames of the detection map near the column reaches / stays below the threshold)",
            DefaultValueFactory = _ => "every",
        };
        var persistMoves = new Option<bool>("--persist-moves") { Description = "With --persist-frames K > 1, a moved column counts only if its positions averaged over K frames before and after the pair still differ by more than --move-threshold-angstrom" };
        var persist = new Option<int>("--persist-frames") { Description = "Tracking persistence: with K > 1 an appeared/disappeared column counts only if it stays so for K frames on each side of the pair (detected in frames t-K+1..t and in none of t+1..t+K for a disappearance; the reverse for an appearance; frames beyond the sequence ends are not asked); 1 = off", DefaultValueFactory = _ => 1 }.Whole(1, 100, "frames");
        var absent = new Option<double>("--absent-fraction") { Description = "Tracking hysteresis: an unmatched column is an appeared/disappeared event only if the other frame's map stays below this fraction of the detection threshold within half the match radius (0 = every unmatched column is an event)", DefaultValueFactory = _ => 0.0 }.Within(new Limits(0, 1, "(fraction of the threshold)"));
        var strip = new Option<string?>("--strip-frames") { Description = "Tracking: frames (0-based, comma-separated) shown in strip.png; default up to 6 evenly spaced" };
        var noPng = new Option<bool>("--no-png") { Description = "Do not write per-frame overlay PNGs" };
        var truth = new Option<string?>("--truth") { Description = "True column list (columns.csv from simulate particle|dataset --labels columns, frame numbers = run frames): adds precision, recall, F1 (match within --truth-match-angstrom) to counts.csv" };
        var truthEvents = new Option<string?>("--truth-events") { Description = "With --track: true events (events.csv of simulate column-events): prints event precision and recall (same pair and kind, within --match-radius-angstrom)" };
        var truthMatch = new Option<double>("--truth-match-angstrom") { Description = "A detection within this distance of a true column is correct (Å)", DefaultValueFactory = _ => 0.5 }.Within(Limits.Positive(100, "Å"));
        var cmd = new Command("columns", "Find atomic columns (Madsen et al. 2018) with a column-label network or the filtered-image baseline: column list, count and overlay per frame; --track: diffusion events between frames")
        {
            inputs, output, model, threshold, symmetries, spacing, sigma, contrast, baseThreshold, pixelSize, mismatch, track, radius, move, drift, margin, absent, persist, persistTest, persistMoves, strip, noPng, truth, truthMatch, truthEvents, heights, heightCalibration,
        };
        cmd.SetAction(parse =>
        {
            var files = InputFiles.Expand(parse.GetValue(inputs)!, SegmentationDataset.Extensions, parse.GetValue(output)!).Distinct().ToList();
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var scale = new SegmentationOptions
            {
                PixelSizeAngstrom = parse.GetValue(pixelSize),
                PixelSizeMismatch = parse.GetValue(mismatch)?.ToLowerInvariant() switch
                {
                    "rescale" => PixelSizeMismatchPolicy.Rescale,
                    "refuse" => PixelSizeMismatchPolicy.Refuse,
                    var other => throw new UsageException($"--pixel-size-mismatch must be rescale or refuse, got '{other}'"),
                },
            };
            var columnContrast = parse.GetValue(contrast)?.ToLowerInvariant() switch
            {
                "dark" => ColumnContrast.Dark,
                "bright" => ColumnContrast.Bright,
                var other => throw new UsageException($"--contrast must be dark or bright, got '{other}'"),
            };
            var tracking = new TrackingOptions(parse.GetValue(radius), parse.GetValue(move), parse.GetValue(drift), parse.GetValue(margin), AbsentFraction: parse.GetValue(absent),
                PersistFrames: parse.GetValue(persist), PersistMoves: parse.GetValue(persistMoves), Persistence: parse.GetValue(persistTest)?.ToLowerInvariant() switch
                {
                    "every" => PersistenceTest.EveryFrame,
                    "mean" => PersistenceTest.MapMean,
                    var other => throw new UsageException($"--persist-test must be every or mean, got '{other}'"),
                });
            if (parse.GetValue(truth) is { } truthPath && !File.Exists(truthPath)) throw new UsageException($"--truth {truthPath}: file not found");
            var options = new ColumnRunOptions(parse.GetValue(track), tracking, StripFrames(parse.GetValue(strip)), !parse.GetValue(noPng), parse.GetValue(truth), parse.GetValue(truthMatch), parse.GetValue(truthEvents),
                parse.GetValue(heights) ? HeightCalibration(parse.GetValue(heightCalibration)) : null);
            if (options.TruthEventsPath is { } te && (!options.Track || !File.Exists(te))) throw new UsageException($"--truth-events {te}: needs --track and an existing file");
            ColumnDetector detector;
            try
            {
                tracking.Validate();
                var peaks = new PeakFinderOptions(parse.GetValue(spacing), parse.GetValue(threshold));
                if (parse.GetValue(model) is { } modelPath)
                {
                    var checkpoint = ModelFile.Load(modelPath);
                    Console.Error.WriteLine($"model {Path.GetFileName(modelPath)}: {checkpoint.Network.Kind}, training pixel size {checkpoint.Input.DescribePixelSize()}");
                    detector = new ColumnDetector(checkpoint, peaks, scale, parse.GetValue(symmetries));
                }
                else
                {
                    detector = new ColumnDetector(new BaselineOptions(parse.GetValue(sigma), columnContrast, parse.GetValue(baseThreshold), parse.GetValue(spacing)));
                    Console.Error.WriteLine("no --model: baseline column finder (peaks of the Gaussian-filtered image)");
                }
            }
            catch (ArgumentException e)
            {
                throw new UsageException(ArgumentMessages.Plain(e));
            }
            ColumnRunResult result;
            try
            {
                result = Console2.RunWithProgress(progress => ColumnRun.Run(files, run, detector, options, progress, Console2.Warn));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(ArgumentMessages.Plain(e));
            }
            foreach (string error in result.Errors) Console2.Error(error);
            Print(run, result);
            return result.Errors.Count > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static int[]? StripFrames(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var frames = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out frames[i]) || frames[i] < 0)
                throw new UsageException($"--strip-frames '{text}': expected comma-separated frame numbers ≥ 0, e.g. 0,5,10");
        return frames;
    }

    private static ColumnHeightCalibration HeightCalibration(string? text)
    {
        if (text is null) return new ColumnHeightCalibration();
        var parts = text.Split(',');
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && Math.Abs(v) <= 1000 ? v : double.NaN).ToArray();
        if (values.Length != 3 || values.Any(double.IsNaN))
            throw new UsageException($"--height-calibration '{text}': expected three numbers A,B,D within ±1000 (atoms per Å, atoms per σ, atoms), e.g. 0.2,0.7,3.1");
        return new ColumnHeightCalibration(values[0], values[1], values[2]);
    }

    private static void Print(string run, ColumnRunResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var ok = result.Frames.Where(f => f.Error is null).ToList();
        int failedFrames = result.Frames.Count - ok.Count, unreadable = result.Errors.Count - failedFrames;
        string files = unreadable > 0 ? $", {unreadable} file(s) unreadable" : "";
        Console.WriteLine(string.Create(inv, $"{ok.Count} frame(s) analysed, {failedFrames} failed{files}; columns per frame: {(ok.Count == 0 ? "-" : $"mean {ok.Average(f => f.Columns.Length):F1}, range {ok.Min(f => f.Columns.Length)}-{ok.Max(f => f.Columns.Length)}")}"));
        if (result.PooledScore is { } s)
            Console.WriteLine(string.Create(inv, $"against the truth ({s.TruthCount} columns, match within the truth distance): precision {s.Precision:F3}, recall {s.Recall:F3}, F1 {s.F1:F3}, rms error {s.RmsErrorAngstrom:F3} Å"));
        if (result.Heights is { } h)
        {
            Console.WriteLine(string.Create(inv, $"heights against the truth ({h.Matched} matched columns): exact {h.ExactAccuracy:F3}, within ±1 atom {h.WithinOneAccuracy:F3}, class (1-3 / 4-6 / 7+ atoms) {h.ClassAccuracy:F3}; always the most frequent class {h.MajorityClassShare:F3}"));
            if (h.Fitted is { } f)
                Console.WriteLine(string.Create(inv, $"height calibration fitted on these columns: --height-calibration {f.AtomsPerAngstromThickness:F4},{f.AtomsPerContrastSigma:F4},{f.OffsetAtoms:F4}"));
        }
        if (result.Pairs.Count > 0)
        {
            int appeared = result.Pairs.Sum(p => p.Count(ColumnEventKind.Appeared)), gone = result.Pairs.Sum(p => p.Count(ColumnEventKind.Disappeared)), moved = result.Pairs.Sum(p => p.Count(ColumnEventKind.Moved));
            double maxDrift = result.Pairs.Max(p => Math.Sqrt(p.DriftXAngstrom * p.DriftXAngstrom + p.DriftYAngstrom * p.DriftYAngstrom));
            Console.WriteLine(string.Create(inv, $"{result.Pairs.Count} frame pair(s): {appeared} appeared, {gone} disappeared, {moved} moved; largest drift between frames {maxDrift:F2} Å"));
            Console.WriteLine($"events: {Path.Combine(run, "events.csv")} (plot: events.svg, strip: strip.png)");
            if (result.Events is { } e)
                Console.WriteLine(string.Create(inv, $"events against the truth: {e.TrueEvents} true, {e.DetectedEvents} detected, {e.Matched} matched: precision {e.Precision:F3}, recall {e.Recall:F3}"));
        }
        Console.WriteLine($"columns: {Path.Combine(run, "columns.csv")}, counts: {Path.Combine(run, "counts.csv")}");
    }
}
