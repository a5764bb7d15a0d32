using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Cli.Commands.Particles;

/// <summary>
/// The options shared by `temkit particles` and `temkit slurm particles`: the detector (model or masks), segmentation,
/// regional Fourier analysis, filter and tracking. Reads them into a <see cref="ParticlesRunOptions"/> and writes them
/// back as arguments for job scripts.
/// </summary>
internal sealed class ParticlesOptionSet
{
    private static readonly ParticlesRunOptions s_defaults = new();

    public Option<string?> Model { get; } = new("--model") { Description = "Segmentation model (.tkm, from `temkit train`)" };
    public Option<string[]> Masks { get; } = new("--masks") { Description = "Instead of --model: mask files (stacks or images) with one frame per input frame in the same order (e.g. the true masks of a simulation)", AllowMultipleArgumentsPerToken = true };
    public Option<double> Filter { get; } = new Option<double>("--filter-ratio") { Description = $"Keep a frame when one of its particles has a brightest/dimmest Fourier peak-pair ratio at or below this (default {ParticlesRunOptions.DefaultFilterRatio}, chosen from the ROC in docs/particle-analysis.md)", DefaultValueFactory = _ => ParticlesRunOptions.DefaultFilterRatio }.Within(new Limits(1, 1e6, "(ratio)"));
    public Option<double?> Threshold { get; } = new Option<double?>("--threshold") { Description = $"Foreground probability at or above which a pixel is in the mask (0-1; default: the threshold calibrated for the model and recorded in it by `temkit calibrate-mask`, else {SegmentationOptions.DefaultThreshold}; with --masks {SegmentationOptions.DefaultThreshold})" }.Within(new Limits(0, 1, "(probability)", MinExclusive: true));
    public Option<int> Tile { get; } = new Option<int>("--tile-size-px", "--tile") { Description = "Segmentation tile side (px)", DefaultValueFactory = _ => s_defaults.Segmentation.TileSizePx }.Whole(16, 65536, "px");
    public Option<int> Overlap { get; } = new Option<int>("--tile-overlap-px", "--overlap") { Description = "Minimum overlap of neighbouring tiles (px), Hamming-blended", DefaultValueFactory = _ => s_defaults.Segmentation.TileOverlapPx }.Whole(0, 65536, "px");
    public Option<double?> PixelSize { get; } = new Option<double?>("--pixel-size-angstrom") { Description = "Pixel size of the frames (Å/px), overriding the file headers" }.Within(OpticsLimits.PixelSizeAngstrom);
    public Option<double> MinDiameter { get; } = new Option<double>("--min-particle-diameter-nm") { Description = "Smaller mask components (equivalent diameter, nm) are not particles", DefaultValueFactory = _ => s_defaults.Segmentation.MinParticleDiameterNm }.Within(Limits.NonNegative(1e4, "nm"));
    public Option<double> Lattice { get; } = new Option<double>("--lattice-constant-angstrom") { Description = "FCC lattice constant for zone-axis indexing (Å; default Au 4.078)", DefaultValueFactory = _ => 4.078 }.Within(new Limits(1, 20, "Å"));
    public Option<int> FftSize { get; } = new Option<int>("--fft-size-px") { Description = "FFT side of the regional analysis (px, even); 0 = automatic (2 x the particle crop, power of two, ≥ 128)", DefaultValueFactory = _ => 0 }.Whole(0, 8192, "px");
    public Option<double> Significance { get; } = new Option<double>("--peak-significance") { Description = "A Fourier peak must reach this multiple of its ring's mean background power", DefaultValueFactory = _ => s_defaults.Fourier.PeakSignificance }.Within(new Limits(1, 1e6, "(x background)", MinExclusive: true));
    public Option<string> Brightness { get; } = new Option<string>("--ratio-brightness") { Description = "Brightness of a peak pair in the brightest/dimmest ratio: peak-height (peak power over the local background, minus 1), integrated (background-subtracted power summed over the peak) or disc-contrast (that sum over the background summed over the same discs; AUC equal at 200 e/Å², higher at 1000-5000 e/Å² on fresh particles, docs/particle-analysis.md)", DefaultValueFactory = _ => "peak-height" }.AcceptOnlyFromAmong("peak-height", "integrated", "disc-contrast");
    public Option<double> TrackDistance { get; } = new Option<double>("--track-max-distance-px") { Description = "Largest centroid step linking a particle to a track (px; at least half the particle's diameter)", DefaultValueFactory = _ => s_defaults.TrackMaxDistancePx }.Within(Limits.NonNegative(1e6, "px"));
    public Option<int> CropSize { get; } = new Option<int>("--crop-size-px") { Description = "Side of the square crops of the particles that pass the filter, written to select/crops.mrc with select/crops.csv for `temkit columns` (px); 0 = automatic: the smallest multiple of 32 px at least 1.5 x the largest passing particle's bounding box", DefaultValueFactory = _ => 0 }.Whole(0, 65536, "px");
    public Option<int> ReportFrames { get; } = new Option<int>("--report-frames") { Description = "Frames shown in report.html with the image/inference/FFT quad and the ratio map (evenly spaced)", DefaultValueFactory = _ => s_defaults.ReportFrames }.Whole(0, 1000, "frames");

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [Model, Masks, Filter, Threshold, Tile, Overlap, PixelSize, MinDiameter, Lattice, FftSize, Significance, Brightness, TrackDistance, ReportFrames, CropSize];

    /// <summary>Reads the options and the detector source; a bad value or a missing file is a usage error.</summary>
    public (ParticlesRunOptions Options, string? ModelPath, string[] MaskPaths) Read(ParseResult parse)
    {
        string? modelPath = parse.GetValue(Model);
        var maskPaths = parse.GetValue(Masks) ?? [];
        if ((modelPath is null) == (maskPaths.Length == 0)) throw new UsageException("give exactly one of --model MODEL.tkm or --masks MASKS");
        if (modelPath is not null && !File.Exists(modelPath)) throw new UsageException($"--model {modelPath}: file not found");
        foreach (string m in maskPaths)
            if (!File.Exists(m)) throw new UsageException($"--masks {m}: file not found");
        var options = new ParticlesRunOptions
        {
            Segmentation = new SegmentationOptions
            {
                Threshold = parse.GetValue(Threshold),
                TileSizePx = parse.GetValue(Tile),
                TileOverlapPx = parse.GetValue(Overlap),
                PixelSizeAngstrom = parse.GetValue(PixelSize),
                MinParticleDiameterNm = parse.GetValue(MinDiameter),
            },
            Fourier = new RegionalFourierOptions
            {
                FftSizePx = parse.GetValue(FftSize),
                PeakSignificance = parse.GetValue(Significance),
                RatioBrightness = parse.GetValue(Brightness) switch
                {
                    "integrated" => RatioBrightness.Integrated,
                    "disc-contrast" => RatioBrightness.DiscContrast,
                    _ => RatioBrightness.PeakHeight,
                },
                Lattice = new FccLattice(parse.GetValue(Lattice)),
            },
            FilterRatio = parse.GetValue(Filter),
            TrackMaxDistancePx = parse.GetValue(TrackDistance),
            ReportFrames = parse.GetValue(ReportFrames),
            CropSizePx = parse.GetValue(CropSize),
        };
        try { options.Validate(); }
        catch (ArgumentException e) { throw new UsageException(e.Message.Split('\n')[0]); }
        return (options, modelPath is null ? null : Path.GetFullPath(modelPath), [.. maskPaths.Select(Path.GetFullPath)]);
    }

    /// <summary>The detector: the network of <paramref name="modelPath"/>, or the mask files.</summary>
    public static IParticleDetector Detector(ParticlesRunOptions options, string? modelPath, string[] maskPaths) =>
        modelPath is not null
            ? new NetworkParticleDetector(ModelFile.Load(modelPath), options.Segmentation, Path.GetFileName(modelPath))
            : new MaskStackDetector(maskPaths, options.Segmentation.Threshold ?? SegmentationOptions.DefaultThreshold);

    /// <summary>The command-line arguments that reproduce <paramref name="o"/> and the detector (for job scripts).</summary>
    public static List<string> ToArguments(ParticlesRunOptions o, string? modelPath, string[] maskPaths)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var args = new List<string>();
        if (modelPath is not null) args.AddRange(["--model", modelPath]);
        else { args.Add("--masks"); args.AddRange(maskPaths); }
        args.AddRange([
            "--filter-ratio", N(o.FilterRatio),
            "--tile-size-px", I(o.Segmentation.TileSizePx), "--tile-overlap-px", I(o.Segmentation.TileOverlapPx),
            "--min-particle-diameter-nm", N(o.Segmentation.MinParticleDiameterNm),
            "--lattice-constant-angstrom", N(o.Fourier.Lattice?.LatticeConstantAngstrom ?? 4.078), "--fft-size-px", I(o.Fourier.FftSizePx),
            "--peak-significance", N(o.Fourier.PeakSignificance),
            "--ratio-brightness", o.Fourier.RatioBrightness switch { RatioBrightness.Integrated => "integrated", RatioBrightness.DiscContrast => "disc-contrast", _ => "peak-height" }, "--track-max-distance-px", N(o.TrackMaxDistancePx),
            "--report-frames", I(o.ReportFrames), "--crop-size-px", I(o.CropSizePx),
        ]);
        if (o.Segmentation.Threshold is { } t) args.AddRange(["--threshold", N(t)]);
        if (o.Segmentation.PixelSizeAngstrom is { } p) args.AddRange(["--pixel-size-angstrom", N(p)]);
        return args;
    }
}
