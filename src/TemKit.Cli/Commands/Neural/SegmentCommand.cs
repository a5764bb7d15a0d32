using System.CommandLine;
using TemKit.Optics;
using TemKit.Numerics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Imaging.Components;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Cli.Commands.Neural;

/// <summary>`temkit segment`: parses the options, runs <see cref="SegmentRun"/>, prints a summary.</summary>
internal sealed class SegmentCommand : ICliCommand
{
    public Command Build()
    {
        var model = new Argument<string>("model") { Description = "Model file written by `temkit train` (.tkm)" };
        var inputs = new Argument<string[]>("images") { Description = "Images, stacks, folders or globs (MRC, DM3/DM4, TIFF, EMD, TIA .ser/.emi, PNG), processed in the order given", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder: per image STEM.probability.mrc, STEM.mask.mrc, STEM.overlay.png; segmentation.csv, particles.csv, particle-sizes.svg, run.json", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = $"Foreground probability at or above which a pixel is in the mask (0-1; default: the threshold calibrated for the model and recorded in it by `temkit calibrate-mask`, else {SegmentationOptions.DefaultThreshold})" }.Within(new Limits(0, 1, "(probability)", MinExclusive: true));
        var tile = new Option<int>("--tile-size-px", "--tile") { Description = "Tile side for large images (px)", DefaultValueFactory = _ => 256 }.Whole(16, 65536, "px");
        var overlap = new Option<int>("--tile-overlap-px", "--overlap") { Description = "Minimum overlap of neighbouring tiles (px), blended with Hamming weights", DefaultValueFactory = _ => 64 }.Whole(0, 65536, "px");
        var pixelSize = new Option<double?>("--pixel-size-angstrom") { Description = "Pixel size of the images (Å/px), overriding the file headers" }.Within(OpticsLimits.PixelSizeAngstrom);
        var mismatch = new Option<string>("--pixel-size-mismatch") { Description = "When an image's pixel size is outside the model's training range: rescale (resample to the model's pixel size, map results back) or refuse (the image fails)", DefaultValueFactory = _ => "rescale" };
        var tolerance = new Option<double>("--pixel-size-tolerance") { Description = "Relative widening of the model's training pixel-size range accepted as it is (0.05 = 5 %)", DefaultValueFactory = _ => 0.05 }.Within(Limits.NonNegative(10, "(relative)"));
        var connectivity = new Option<int>("--connectivity") { Description = "Pixels joined into one particle: 4 (edges) or 8 (edges and corners)", DefaultValueFactory = _ => 8 }.Whole(4, 8, "(4 or 8)");
        var minDiameter = new Option<double>("--min-particle-diameter-nm") { Description = "Mask components with a smaller equivalent diameter (nm) are specks: kept in the mask and its area, not listed as particles (0 = list all)", DefaultValueFactory = _ => 0.3 }.Within(Limits.NonNegative(1e4, "nm"));
        var truth = new Option<string?>("--truth") { Description = "True masks (MRC/DM stack or PNG), one per image in input order: adds precision, recall, F1 and IoU to segmentation.csv" };
        var noPng = new Option<bool>("--no-png") { Description = "Do not write PNG overlays" };
        var defocusFrom = new Option<string?>("--defocus-from") { Description = "Folder of a `temkit defocus` run over the same images: each image's measured CTF (defocus, astigmatism) is used by --ctf-correction and its mean defocus recorded in segmentation.csv; an image missing from the run or at another pixel size fails with one line" };
        var correction = new Option<string>("--ctf-correction") { Description = "Correct each image with its measured CTF before segmenting (needs --defocus-from): none, flip (phase flipping) or wiener (CTF/(CTF² + 1/SNR))", DefaultValueFactory = _ => "none" };
        var wienerSnr = new Option<double>("--wiener-snr") { Description = "Signal-to-noise ratio assumed by --ctf-correction wiener (constant over frequency)", DefaultValueFactory = _ => TemKit.CtfCorrection.CtfCorrectionOptions.DefaultWienerSnr }.Within(Limits.Positive(1e6, "(ratio)"));
        var byDefocus = new Option<string?>("--models-by-defocus") { Description = "Choose among models trained on defocus bands by each image's measured mean defocus (needs --defocus-from): comma-separated FROM_UM=MODEL, e.g. 2=mid.tkm,3.5=high.tkm uses mid.tkm from 2 µm, high.tkm from 3.5 µm, and the positional MODEL below 2 µm" };
        var cmd = new Command("segment", "Segment particles with a trained MSD-net/U-Net: probability map, mask and overlay per image; area, particles (count, area in nm², equivalent diameter, centroid) and their size distribution")
        {
            model, inputs, output, threshold, tile, overlap, pixelSize, mismatch, tolerance, connectivity, minDiameter, truth, noPng, defocusFrom, correction, wienerSnr, byDefocus,
        };
        cmd.SetAction(parse =>
        {
            var options = new SegmentRunOptions
            {
                Segmentation = new SegmentationOptions
                {
                    Threshold = parse.GetValue(threshold),
                    TileSizePx = parse.GetValue(tile),
                    TileOverlapPx = parse.GetValue(overlap),
                    PixelSizeAngstrom = parse.GetValue(pixelSize),
                    PixelSizeMismatch = parse.GetValue(mismatch)?.ToLowerInvariant() switch
                    {
                        "rescale" => PixelSizeMismatchPolicy.Rescale,
                        "refuse" => PixelSizeMismatchPolicy.Refuse,
                        var other => throw new UsageException($"--pixel-size-mismatch must be rescale or refuse, got '{other}'"),
                    },
                    PixelSizeTolerance = parse.GetValue(tolerance),
                    MinParticleDiameterNm = parse.GetValue(minDiameter),
                    Connectivity = parse.GetValue(connectivity) switch
                    {
                        4 => Connectivity.Four,
                        8 => Connectivity.Eight,
                        var other => throw new UsageException($"--connectivity must be 4 or 8, got {other}"),
                    },
                },
                WriteOverlays = !parse.GetValue(noPng),
                TruthPath = parse.GetValue(truth),
                DefocusRunFolder = parse.GetValue(defocusFrom),
                CtfCorrection = new TemKit.CtfCorrection.CtfCorrectionOptions
                {
                    Kind = parse.GetValue(correction)?.ToLowerInvariant() switch
                    {
                        "none" => TemKit.CtfCorrection.CtfCorrectionKind.None,
                        "flip" => TemKit.CtfCorrection.CtfCorrectionKind.PhaseFlip,
                        "wiener" => TemKit.CtfCorrection.CtfCorrectionKind.Wiener,
                        var other => throw new UsageException($"--ctf-correction must be none, flip or wiener, got '{other}'"),
                    },
                    WienerSnr = parse.GetValue(wienerSnr),
                },
            };
            if (options.CtfCorrection.Kind != TemKit.CtfCorrection.CtfCorrectionKind.None && options.DefocusRunFolder is null)
                throw new UsageException($"--ctf-correction {parse.GetValue(correction)} needs --defocus-from RUN (the folder of a `temkit defocus` run over these images)");
            string modelPath = parse.GetValue(model)!;
            if (options.TruthPath is { } t && !File.Exists(t)) throw new UsageException($"--truth {t}: file not found");
            var files = InOrder(parse.GetValue(inputs)!, parse.GetValue(output)!);
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var checkpoint = ModelFile.Load(modelPath);
            Console.Error.WriteLine($"model {Path.GetFileName(modelPath)}: {checkpoint.Network.Kind}, training pixel size {checkpoint.Input.DescribePixelSize()}");
            var bands = parse.GetValue(byDefocus) is { } spec ? Bands(spec, checkpoint, modelPath) : null;
            if (bands is not null && options.DefocusRunFolder is null)
                throw new UsageException("--models-by-defocus needs --defocus-from RUN (each image's measured defocus picks its model)");
            SegmentRun job;
            try
            {
                options.Segmentation.Validate();
                string commandLine = "temkit " + string.Join(' ', parse.Tokens.Select(t => t.Value));
                job = bands is null
                    ? new SegmentRun(run, checkpoint, options, modelPath) { CommandLine = commandLine, Warning = Console2.Warn, ImageDone = Report }
                    : new SegmentRun(run, bands, options) { CommandLine = commandLine, Warning = Console2.Warn, ImageDone = Report };
            }
            catch (ArgumentException e)
            {
                Option? named = e.ParamName switch
                {
                    nameof(SegmentationOptions.Threshold) => threshold,
                    nameof(SegmentationOptions.TileSizePx) => tile,
                    nameof(SegmentationOptions.TileOverlapPx) => overlap,
                    nameof(SegmentationOptions.PixelSizeAngstrom) => pixelSize,
                    nameof(SegmentationOptions.PixelSizeTolerance) => tolerance,
                    nameof(SegmentationOptions.MinParticleDiameterNm) => minDiameter,
                    _ => null,
                };
                throw new UsageException(SettingsMessage(e, named, named != null && parse.GetResult(named) is null or { Implicit: true }));
            }
            catch (MeasuredDefocusException e)
            {
                throw new UsageException($"--defocus-from: {e.Message}");
            }
            SegmentRunResult result;
            try
            {
                result = Console2.RunWithProgress(progress => job.Run(files, progress));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e is ArgumentException a ? ArgumentMessages.Plain(a) : e.Message);
            }
            PrintSummary(result);
            return result.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>
    /// The message of a settings error, naming the command-line option <paramref name="option"/> and value instead of the
    /// library property; when the option was not given (<paramref name="defaulted"/>) it says the value is the default,
    /// which clashes with another option given.
    /// </summary>
    private static string SettingsMessage(ArgumentException e, Option? option, bool defaulted)
    {
        string reason = e.Message.Split('\n')[0];
        int cut = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
        if (cut > 0) reason = reason[..cut];
        if (option is null) return reason;
        string value = e is ArgumentOutOfRangeException { ActualValue: { } v } ? $" {Convert.ToString(v, CultureInfo.InvariantCulture)}" : "";
        string note = defaulted ? $" ({option.Name}{value} is the default: give {option.Name} to suit the other options)" : "";
        return $"{option.Name}{value}: {reason}{note}";
    }

    /// <summary>The positional model (lowest band, from 0 µm) and the FROM_UM=MODEL bands of --models-by-defocus.</summary>
    private static List<DefocusBandModel> Bands(string spec, ModelCheckpoint lowest, string lowestPath)
    {
        var bands = new List<DefocusBandModel> { new(0, lowest, lowestPath) };
        foreach (string item in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1 || !double.TryParse(item[..eq], NumberStyles.Float, CultureInfo.InvariantCulture, out double fromUm)
                || !(fromUm is > 0 and <= 100))
                throw new UsageException($"--models-by-defocus: '{item}' is not FROM_UM=MODEL with FROM_UM in (0, 100] µm (e.g. 2=mid.tkm)");
            string path = item[(eq + 1)..];
            if (!File.Exists(path)) throw new UsageException($"--models-by-defocus: {path}: file not found");
            if (bands.Any(b => b.MinDefocusAngstrom == fromUm * 1e4)) throw new UsageException($"--models-by-defocus: two models start at {item[..eq]} µm");
            var model = ModelFile.Load(path);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {Path.GetFileName(path)} from {fromUm:G4} µm: {model.Network.Kind}, training pixel size {model.Input.DescribePixelSize()}"));
            bands.Add(new DefocusBandModel(fromUm * 1e4, model, path));
        }
        if (bands.Count < 2) throw new UsageException("--models-by-defocus: give at least one FROM_UM=MODEL");
        return bands;
    }

    /// <summary>Expands each input in the order given (folders and globs sorted inside), dropping repeats; a folder input
    /// skips the run folder <paramref name="run"/> when it lies inside it.</summary>
    private static List<string> InOrder(string[] inputs, string run)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (string input in inputs)
            foreach (string f in InputFiles.Expand([input], SegmentationDataset.Extensions, run))
                if (seen.Add(f)) files.Add(f);
        return files;
    }

    private static void Report(SegmentedImage image)
    {
        if (!image.IsOk) Console2.Error(image.Error!.Contains(Path.GetFileName(image.File), StringComparison.Ordinal) ? image.Error : $"{image.File}: {image.Error}");
    }

    private static void PrintSummary(SegmentRunResult result)
    {
        var ok = result.Images.Where(i => i.IsOk).ToList();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{ok.Count} image(s) segmented, {result.Failed} failed; {result.Particles.Count} particle(s)"));
        var diameters = result.Particles.Select(p => p.Particle.EquivalentDiameterNm).Where(double.IsFinite).Order().ToList();
        if (diameters.Count > 0)
            Console.WriteLine(string.Create(inv, $"equivalent diameter: median {diameters[diameters.Count / 2]:F2} nm, range {diameters[0]:F2}-{diameters[^1]:F2} nm"));
        var scored = ok.Where(i => i.Scores != null).ToList();
        if (scored.Count > 0)
            Console.WriteLine(string.Create(inv, $"against the truth: mean F1 {scored.Average(i => i.Scores!.Value.F1):F3}, mean IoU {scored.Average(i => i.Scores!.Value.IoU):F3}"));
        Console.WriteLine($"results: {result.TablePath}");
        Console.WriteLine($"particles: {result.ParticlesPath} (sizes: {result.SizePlotPath})");
    }
}
