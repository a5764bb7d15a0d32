using System.Text.Json;
using System.Text.Json.Serialization;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Png;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Defocus;

namespace TemKit.Pipelines.Segmentation;

/// <summary>
/// Segments a list of images with one model into a run folder: per image STEM.probability.mrc, STEM.mask.mrc and
/// STEM.overlay.png (STEM unique per input path, <see cref="OutputNames.KeyOf"/>), then segmentation.csv (one row per
/// image in input order, full paths), particles.csv (one row per particle), particle-sizes.svg and run.json (settings,
/// model, TemKit version, command line). A file that cannot be read becomes an error row; the others go on.
/// </summary>
public sealed partial class SegmentRun
{
    /// <summary>Creates a run of <paramref name="model"/> writing into <paramref name="folder"/> (created when needed).</summary>
    /// <param name="folder">Run folder.</param>
    /// <param name="model">The model (from <see cref="ModelFile.Load"/>).</param>
    /// <param name="options">Settings; checked here against the network (<see cref="ArgumentException"/>).</param>
    /// <param name="modelPath">Where the model was read from, recorded in run.json (optional).</param>
    public SegmentRun(string folder, ModelCheckpoint model, SegmentRunOptions options, string? modelPath = null)
    {
        Check(model, options);
        _defocus = options.DefocusRunFolder is { } d ? MeasuredDefocus.Load(d) : null;
        Folder = Path.GetFullPath(folder);
        Model = model;
        Options = options;
        ModelPath = modelPath is null ? null : Path.GetFullPath(modelPath);
    }

    /// <summary>
    /// Creates a run that segments each image with the model of its measured defocus band
    /// (<see cref="DefocusBandModel.Choose"/>; needs <see cref="SegmentRunOptions.DefocusRunFolder"/>). The lowest band's
    /// model is <see cref="Model"/>; segmentation.csv gains a "model" column naming the one used per image.
    /// </summary>
    public SegmentRun(string folder, IReadOnlyList<DefocusBandModel> bands, SegmentRunOptions options)
        : this(folder, Lowest(bands, options).Model, options, Lowest(bands, options).ModelPath)
    {
        foreach (var b in bands) Check(b.Model, options);
        Bands = [.. bands.OrderBy(b => b.MinDefocusAngstrom).Select(b => b with { ModelPath = b.ModelPath is { } m ? Path.GetFullPath(m) : null })];
    }

    /// <summary>Throws <see cref="ArgumentException"/> for settings that do not suit the model or each other.</summary>
    private static void Check(ModelCheckpoint model, SegmentRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Segmentation.Validate();
        options.CtfCorrection.Validate();
        if (options.CtfCorrection.Kind != TemKit.CtfCorrection.CtfCorrectionKind.None && options.DefocusRunFolder is null)
            throw new ArgumentException("CTF correction needs the measured defocus: give a defocus run folder", nameof(options));
        if (model.Input.Quantities.Contains(InputChannel.DefocusAngstrom) && options.DefocusRunFolder is null)
            throw new ArgumentException("the model takes each image's measured defocus as an input channel: give a defocus run folder", nameof(options));
        _ = new TemKit.Neural.Inference.TiledSegmenter(model.Network,
            new TemKit.Neural.Inference.TilingParameters(options.Segmentation.TileSizePx, options.Segmentation.TileOverlapPx));
    }

    private static DefocusBandModel Lowest(IReadOnlyList<DefocusBandModel> bands, SegmentRunOptions options)
    {
        DefocusBandModel.Validate(bands);
        ArgumentNullException.ThrowIfNull(options);
        if (options.DefocusRunFolder is null)
            throw new ArgumentException("choosing a model by defocus band needs the measured defocus: give a defocus run folder", nameof(options));
        return bands.MinBy(b => b.MinDefocusAngstrom)!;
    }

    private readonly MeasuredDefocus? _defocus;

    /// <summary>The models by defocus band (lowest first), or null for a run of one model.</summary>
    public IReadOnlyList<DefocusBandModel>? Bands { get; }

    /// <summary>Run folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The model applied.</summary>
    public ModelCheckpoint Model { get; }

    /// <summary>Where the model came from (absolute), or null.</summary>
    public string? ModelPath { get; }

    /// <summary>Settings.</summary>
    public SegmentRunOptions Options { get; }

    /// <summary>The command line that started the run, recorded in run.json (optional).</summary>
    public string? CommandLine { get; init; }

    /// <summary>Called after each image (segmented or failed), in input order, on the calling thread.</summary>
    public Action<SegmentedImage>? ImageDone { get; init; }

    /// <summary>Called with each warning (prefixed with the image name), e.g. a pixel-size rescale.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>
    /// Segments <paramref name="files"/> in the order given (a stack contributes each frame), reporting
    /// ("segmenting", images done, images) to <paramref name="progress"/>. Throws <see cref="ArgumentException"/>
    /// before any work when the truth masks do not pair with the images.
    /// </summary>
    public SegmentRunResult Run(IReadOnlyList<string> files, IProgress<JobProgress>? progress = null)
    {
        RunFolderKind.Claim(Folder, "segment");
        var inputs = files.Select(f => InputImages.Describe(Path.GetFullPath(f))).ToList();
        var truth = Options.TruthPath is { } t ? TruthMasks.Load(t, inputs.Sum(i => i.FrameCount)) : null;
        SaveSettings();
        int total = inputs.Sum(i => Math.Max(1, i.FrameCount));
        var images = new List<SegmentedImage>();
        progress?.Report(new JobProgress("segmenting", 0, total));
        var particles = new List<ParticleRow>();
        foreach (var input in inputs)
        {
            foreach (var image in SegmentFile(input, images.Count, truth))
            {
                images.Add(image);
                if (image.Result is { } r) particles.AddRange(r.Particles.Select(p => new ParticleRow(image, p)));
                ImageDone?.Invoke(image);
                progress?.Report(new JobProgress("segmenting", images.Count, total));
            }
        }
        var result = new SegmentRunResult(images, particles, Path.Combine(Folder, "segmentation.csv"),
            Path.Combine(Folder, "particles.csv"), Path.Combine(Folder, "particle-sizes.svg"));
        SegmentationTables.WriteImages(result.TablePath, images, truth != null, _defocus != null, Bands != null);
        SegmentationTables.WriteParticles(result.ParticlesPath, particles);
        ParticleSizePlot.Write(result.SizePlotPath, particles);
        return result;
    }

    /// <summary>Segments every frame of one input; a file that cannot be read gives one error row.</summary>
    private IEnumerable<SegmentedImage> SegmentFile(InputImages input, int done, TruthMasks? truth)
    {
        if (input.Error is { } openError)
        {
            yield return new SegmentedImage { Index = done + 1, File = input.File, OutputStem = OutputNames.KeyOf(input.File), Error = openError };
            yield break;
        }
        for (int z = 0; z < input.FrameCount; z++)
        {
            int index = done + z + 1;
            int? frame = input.FrameCount == 1 ? null : z;
            string stem = frame is { } f ? $"{OutputNames.KeyOf(input.File)}_z{f:D4}" : OutputNames.KeyOf(input.File);
            SegmentedImage row;
            try
            {
                row = SegmentOne(input.Read(z), index, input.File, frame, stem, truth);
            }
            catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException or PixelSizeMismatchException or MeasuredDefocusException or ArgumentException)
            {
                row = new SegmentedImage { Index = index, File = input.File, Frame = frame, OutputStem = stem, Error = e.Message };
            }
            yield return row;
        }
    }

    private SegmentedImage SegmentOne(Image2D image, int index, string file, int? frame, string stem, TruthMasks? truth)
    {
        string name = frame is { } f ? $"{Path.GetFileName(file)}[{f}]" : Path.GetFileName(file);
        var truthMask = truth?.Frame(index - 1, image.Width, image.Height);
        byte[]? gray = Options.WriteOverlays ? Imaging.Display.DisplayScaling.ToGray8(image.Pixels) : null;
        var (input, defocus, defocusRow) = WithMeasuredCtf(image, file);
        var (model, modelPath) = Bands is { } bands && defocus is { } df
            ? (DefocusBandModel.Choose(bands, df).Model, DefocusBandModel.Choose(bands, df).ModelPath)
            : (Model, ModelPath);
        var quantities = defocus is { } dq ? new Dictionary<string, double> { [InputChannel.DefocusAngstrom] = dq } : null;
        var result = Segmenter.Segment(input, model, Options.Segmentation, quantities: quantities);
        foreach (string w in result.Warnings) Warning?.Invoke($"{name}: {w}");
        WriteImageOutputs(stem, result, gray);
        return new SegmentedImage
        {
            Index = index, File = file, Frame = frame, OutputStem = stem, Result = result, MeasuredDefocusAngstrom = defocus,
            ModelPath = Bands is null ? null : modelPath,
            FftIndexInverseAngstrom = defocusRow?.FftIndexInverseAngstrom,
            FringeWidthPx = defocusRow?.FringeWidthPx,
            FitScore = defocusRow?.FitScore,
            Scores = truthMask is { } t ? SegmentationScores.Of(result.Mask, t.Span) : null,
        };
    }

    /// <summary>STEM.probability.mrc, STEM.mask.mrc (float32 0/1) and optionally STEM.overlay.png.</summary>
    private void WriteImageOutputs(string stem, SegmentationResult result, byte[]? gray)
    {
        int w = result.Width, h = result.Height;
        IO.Mrc.MrcFile.Write(Path.Combine(Folder, stem + ".probability.mrc"), new ImageStack(w, h, 1, result.Probability, StackKind.Image, result.PixelSize));
        var mask = new float[result.Mask.Length];
        for (int i = 0; i < mask.Length; i++) mask[i] = result.Mask[i];
        IO.Mrc.MrcFile.Write(Path.Combine(Folder, stem + ".mask.mrc"), new ImageStack(w, h, 1, mask, StackKind.Image, result.PixelSize));
        if (gray != null)
            PngWriter.WriteRgb8(Path.Combine(Folder, stem + ".overlay.png"), Imaging.Display.Overlay.Mask(gray, result.Mask, OverlayColor, 0.45), w, h);
    }

    /// <summary>Orange tint of the mask in overlays.</summary>
    public static Imaging.Display.RgbColor OverlayColor => new(255, 140, 0);

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>RUN/run.json: TemKit version, model path and input description, every setting.</summary>
    private void SaveSettings()
    {
        var settings = new
        {
            temkit_version = typeof(SegmentRun).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown",
            command_line = CommandLine,
            model = ModelPath,
            models_by_defocus = Bands?.Select(b => new { min_defocus_angstrom = b.MinDefocusAngstrom, model = b.ModelPath }).ToList(),
            model_network = Model.Network.Kind,
            model_format_version = Model.FormatVersion,
            model_input = Model.Input,
            options = Options with { TruthPath = Options.TruthPath is { } t ? Path.GetFullPath(t) : null, DefocusRunFolder = _defocus?.Folder },
        };
        AtomicFile.WriteAllText(Path.Combine(Folder, "run.json"), JsonSerializer.Serialize(settings, s_json) + "\n");
    }
}
