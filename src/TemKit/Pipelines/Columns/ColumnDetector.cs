using TemKit.Imaging;
using TemKit.Imaging.Resampling;
using TemKit.Neural.Inference;
using TemKit.Neural.Losses;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.Columns;

/// <summary>The columns of one frame and the map they were found on.</summary>
/// <param name="Columns">Columns in the input image's coordinates (px and Å), highest peak first.</param>
/// <param name="Map">The map the peaks were taken from (network output or standardised filtered image), on the grid the
/// detector worked at (the model's pixel size when the image was resampled).</param>
/// <param name="Warnings">What the caller should be told (e.g. a pixel-size rescale).</param>
public sealed record ColumnFrame(DetectedColumn[] Columns, Image2D Map, IReadOnlyList<string> Warnings);

/// <summary>
/// Finds atomic columns in one image, either with a column-label regression network (trained with
/// <c>--loss mse</c> on <c>columns.mrc</c>: the peaks of its first output channel) or, without a model, with the
/// Gaussian-filter baseline (<see cref="BaselineColumns"/>). The image's pixel size is checked against the model's
/// training range as for segmentation (<see cref="Segmenter.PlanScale"/>): resampled or refused.
/// </summary>
public sealed partial class ColumnDetector
{
    private readonly ModelCheckpoint? _model;
    private readonly TiledSegmenter? _tiled;

    /// <summary>A network detector.</summary>
    /// <param name="model">A column-label regression model.</param>
    /// <param name="peaks">Peak finding on its output.</param>
    /// <param name="scale">Tiling and pixel-size policy (null: defaults).</param>
    /// <param name="averageSymmetries">Average the network output over the 8 flips and 90° rotations of the image
    /// (test-time augmentation; 8 network passes; the training augmentation uses the same 8).</param>
    /// <exception cref="ArgumentException">The model is not a regression (mean-squared-error) network.</exception>
    public ColumnDetector(ModelCheckpoint model, PeakFinderOptions peaks, SegmentationOptions? scale = null, bool averageSymmetries = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(peaks);
        peaks.Validate();
        if (model.Network.Loss != LossKind.MeanSquaredError)
            throw new ArgumentException($"the model was trained with {model.Network.Loss}; column detection needs a column-label regression model (temkit train --loss mse --masks DS/columns.mrc)");
        _model = model;
        Scale = scale ?? new SegmentationOptions();
        Scale.Validate();
        _tiled = new TiledSegmenter(model.Network, new TilingParameters(Scale.TileSizePx, Scale.TileOverlapPx));
        Peaks = peaks;
        Baseline = new BaselineOptions();
        AverageSymmetries = averageSymmetries;
    }

    /// <summary>A baseline detector (no network).</summary>
    public ColumnDetector(BaselineOptions baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        baseline.Validate();
        Baseline = baseline;
        Peaks = baseline.PeakOptions;
        Scale = new SegmentationOptions();
    }

    /// <summary>Whether the network output is averaged over the 8 flips and 90° rotations of the image.</summary>
    public bool AverageSymmetries { get; }

    /// <summary>Whether a network is used (else the baseline).</summary>
    public bool UsesNetwork => _model is not null;

    /// <summary>Peak finding on the network output.</summary>
    public PeakFinderOptions Peaks { get; }

    /// <summary>Baseline settings (used without a network).</summary>
    public BaselineOptions Baseline { get; }

    /// <summary>Tiling and pixel-size policy of the network.</summary>
    public SegmentationOptions Scale { get; }

    /// <summary>The columns of <paramref name="image"/>.</summary>
    /// <exception cref="ArgumentException">The image is empty (constant).</exception>
    /// <exception cref="PixelSizeMismatchException">The pixel sizes differ and the policy refuses.</exception>
    public ColumnFrame Detect(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        float min = System.Numerics.Tensors.TensorPrimitives.Min(image.Pixels), max = System.Numerics.Tensors.TensorPrimitives.Max(image.Pixels);
        if (!(max > min)) throw new ArgumentException($"the image is empty (every pixel is {min})");
        if (_model is null)
        {
            var map = BaselineColumns.Map(image, Baseline);
            return new ColumnFrame(PeakFinder.Find(map, Peaks), map, []);
        }
        var pixelSize = Scale.PixelSizeAngstrom is { } p ? new VoxelSize(p, p, image.PixelSize.ZAngstrom) : image.PixelSize;
        var plan = Segmenter.PlanScale(pixelSize, _model.Input, Scale);
        double inputPx = pixelSize.XAngstrom > 0 ? pixelSize.XAngstrom : _model.Input.PixelSizeAngstrom ?? 1;
        int w = image.Width, h = image.Height;
        ReadOnlySpan<float> pixels = image.Pixels;
        double workPx = inputPx;
        if (plan.TargetPixelSizeAngstrom is { } target)
        {
            double factor = inputPx / target;
            int nw = Math.Max(1, (int)Math.Round(w * factor)), nh = Math.Max(1, (int)Math.Round(h * factor));
            var resampled = new float[nw * nh];
            Resize.Image(image.Pixels, w, h, resampled, nw, nh);
            pixels = resampled;
            workPx = inputPx * w / nw;
            (w, h) = (nw, nh);
        }
        var output = NetworkMap(pixels, w, h, workPx);
        var found = PeakFinder.Find(output, Peaks);
        // Back to the input grid: the same point in Å, expressed in input pixels.
        for (int i = 0; i < found.Length; i++)
            found[i] = found[i] with { XPx = found[i].XAngstrom / inputPx, YPx = found[i].YAngstrom / inputPx };
        return new ColumnFrame(found, output, plan.Warnings);
    }

    private Image2D NetworkMap(ReadOnlySpan<float> pixels, int w, int h, double pixelSizeAngstrom)
    {
        var (mean, inverseStd) = _model!.Input.Normalisation switch
        {
            InputNormalisation.PerImageMeanStd => SegmentationSample.NormalisationOf(pixels),
            _ => throw new ArgumentOutOfRangeException(nameof(pixels), _model.Input.Normalisation, "unknown input normalisation"),
        };
        int plane = w * h;
        var output = new float[_tiled!.OutputPlanes * plane];
        if (AverageSymmetries) PredictSymmetrised(pixels, w, h, output.AsSpan(0, plane), mean, inverseStd);
        else _tiled.Predict(pixels, w, h, output, null, mean, inverseStd);
        return new Image2D(w, h, output.AsMemory(0, plane), new VoxelSize(pixelSizeAngstrom, pixelSizeAngstrom, 0));
    }
}
