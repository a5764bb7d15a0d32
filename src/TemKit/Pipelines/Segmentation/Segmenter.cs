using TemKit.Imaging;
using TemKit.Imaging.Components;
using TemKit.Imaging.Resampling;
using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Neural.Training;

namespace TemKit.Pipelines.Segmentation;

/// <summary>
/// Segments one image with a trained model: checks the pixel size against the model's training pixel size (resampling
/// or refusing, <see cref="SegmentationOptions.PixelSizeMismatch"/>), normalises as the model file says, runs the
/// network in overlapping tiles, maps the foreground probability back to the input grid, thresholds it and measures
/// the area and the particles. The input image is not modified.
/// </summary>
public static partial class Segmenter
{
    /// <summary>
    /// Segments <paramref name="image"/>; <paramref name="tileDone"/> is called after each network tile. A model whose
    /// channel list (<see cref="ModelInput.Channels"/>) holds constant planes gets them filled from
    /// <paramref name="quantities"/> (e.g. <see cref="InputChannel.DefocusAngstrom"/> → the image's measured mean defocus in Å).
    /// </summary>
    /// <exception cref="PixelSizeMismatchException">The pixel sizes differ and the policy is <see cref="PixelSizeMismatchPolicy.Refuse"/>.</exception>
    /// <exception cref="ArgumentException">The options do not suit the network (e.g. a tile size that is not a multiple of its size multiple),
    /// or the model needs a quantity that <paramref name="quantities"/> lacks.</exception>
    public static SegmentationResult Segment(Image2D image, ModelCheckpoint model, SegmentationOptions? options = null, Action? tileDone = null,
        IReadOnlyDictionary<string, double>? quantities = null)
    {
        options ??= new SegmentationOptions();
        var p = ForegroundProbability(image, model, options, tileDone, quantities);
        return Measure(p.Probability, image.Width, image.Height, p.PixelSize, options, options.ThresholdFor(model.Output), model.Input, p.Plan.Warnings, p.NetworkWidth, p.NetworkHeight);
    }

    /// <summary>
    /// The foreground probability of <paramref name="image"/> on its own grid, without thresholding or labelling: the
    /// image is resampled to the model's pixel size when the <see cref="ScalePlan"/> says so, predicted in tiles, and the
    /// probability resampled back. <paramref name="quantities"/> fill a model's constant input planes as in <see cref="Segment"/>.
    /// </summary>
    /// <exception cref="PixelSizeMismatchException">The pixel sizes differ and the policy is <see cref="PixelSizeMismatchPolicy.Refuse"/>.</exception>
    public static ForegroundMap ForegroundProbability(Image2D image, ModelCheckpoint model, SegmentationOptions? options = null, Action? tileDone = null,
        IReadOnlyDictionary<string, double>? quantities = null)
    {
        var map = ForegroundProbabilityAtModelScale(image, model, options, tileDone, quantities);
        if (map.NetworkWidth == image.Width && map.NetworkHeight == image.Height) return map;
        var fg = new float[image.Width * image.Height];
        Resize.Image(map.Probability, map.NetworkWidth, map.NetworkHeight, fg, image.Width, image.Height);
        return map with { Probability = fg };
    }

    /// <summary>
    /// As <see cref="ForegroundProbability"/> but the probability stays on the grid the network saw
    /// (<see cref="ForegroundMap.NetworkWidth"/> x <see cref="ForegroundMap.NetworkHeight"/>, covering the image's field
    /// of view): <see cref="Resize.ImageRegion"/> brings any part of it to the image's grid, bit for bit as the whole map.
    /// </summary>
    public static ForegroundMap ForegroundProbabilityAtModelScale(Image2D image, ModelCheckpoint model, SegmentationOptions? options = null, Action? tileDone = null,
        IReadOnlyDictionary<string, double>? quantities = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SegmentationOptions();
        options.Validate();
        var tiled = new TiledSegmenter(model.Network, new TilingParameters(options.TileSizePx, options.TileOverlapPx));
        var pixelSize = options.PixelSizeAngstrom is { } p ? new VoxelSize(p, p, image.PixelSize.ZAngstrom) : image.PixelSize;
        foreach (string q in model.Input.Quantities)
            if (quantities is null || !quantities.ContainsKey(q))
                throw new ArgumentException($"the model takes the image's {q} as an input channel, and none was given (segment with the measured defocus: --defocus-from RUN)");
        var plan = PlanScale(pixelSize, model.Input, options);
        int w = image.Width, h = image.Height;
        if (plan.TargetPixelSizeAngstrom is not { } target)
            return new ForegroundMap(Foreground(tiled, image.Pixels, w, h, model.Input, tileDone, quantities), pixelSize, plan, w, h);
        double factor = pixelSize.XAngstrom / target;
        int nw = Math.Max(1, (int)Math.Round(w * factor));
        int nh = Math.Max(1, (int)Math.Round(h * factor));
        var resampled = new float[nw * nh];
        Resize.Image(image.Pixels, w, h, resampled, nw, nh);
        return new ForegroundMap(Foreground(tiled, resampled, nw, nh, model.Input, tileDone, quantities), pixelSize, plan, nw, nh);
    }

    /// <summary>
    /// Foreground probability of an image at the network's scale: normalise (without a copy for image-only models; with
    /// one plane per channel when the model lists its channels), predict in tiles, reduce classes.
    /// </summary>
    private static float[] Foreground(TiledSegmenter tiled, ReadOnlySpan<float> pixels, int w, int h, ModelInput input, Action? tileDone,
        IReadOnlyDictionary<string, double>? quantities)
    {
        int plane = w * h;
        if (input.Normalisation != InputNormalisation.PerImageMeanStd)
            throw new ArgumentOutOfRangeException(nameof(input), input.Normalisation, "unknown input normalisation");
        ReadOnlySpan<float> planes = pixels;
        float[] offsets, scales;
        if (input.Channels is { } channels)
        {
            var stacked = new float[channels.Count * plane];
            offsets = new float[channels.Count];
            scales = new float[channels.Count];
            for (int c = 0; c < channels.Count; c++)
            {
                var dst = stacked.AsSpan(c * plane, plane);
                if (channels[c].Quantity is { } q) dst.Fill((float)quantities![q]);
                else pixels.CopyTo(dst);
                (offsets[c], scales[c]) = SegmentationSample.ChannelNormalisation(channels[c], dst);
            }
            planes = stacked;
        }
        else
        {
            var (mean, inverseStd) = SegmentationSample.NormalisationOf(pixels);
            offsets = [mean];
            scales = [inverseStd];
        }
        var prob = new float[tiled.OutputPlanes * plane];
        tiled.Predict(planes, w, h, prob, offsets, scales, tileDone);
        if (tiled.OutputPlanes == 1) return prob;
        // Several classes: foreground is everything but class 0.
        var fg = new float[plane];
        for (int i = 0; i < plane; i++) fg[i] = 1 - prob[i];
        return fg;
    }

    /// <summary>Thresholds the probability, labels the particles and measures them.</summary>
    private static SegmentationResult Measure(float[] fg, int w, int h, VoxelSize pixelSize, SegmentationOptions options, double maskThreshold, ModelInput input,
        IReadOnlyList<string> warnings, int networkWidth, int networkHeight)
    {
        int plane = w * h;
        var mask = new byte[plane];
        float threshold = (float)maskThreshold;
        long area = 0;
        double probSum = 0;
        for (int i = 0; i < plane; i++)
        {
            if (!(fg[i] >= threshold)) continue;
            mask[i] = 1;
            area++;
            probSum += fg[i];
        }
        var labels = new int[plane];
        int count = ConnectedComponents.Label(mask, w, h, labels, options.Connectivity);
        var particles = ComponentMeasurements.Measure(labels, count, w, h, fg, pixelSize)
            .Where(c => !(c.EquivalentDiameterNm < options.MinParticleDiameterNm))
            .Select((c, k) => c with { Label = k + 1 })
            .ToList();
        double nmX = pixelSize.IsKnown ? pixelSize.XAngstrom / 10 : double.NaN;
        double nmY = pixelSize.YAngstrom > 0 ? pixelSize.YAngstrom / 10 : nmX;
        return new SegmentationResult
        {
            Width = w,
            Height = h,
            PixelSize = pixelSize,
            Probability = fg,
            Mask = mask,
            Threshold = maskThreshold,
            AreaPx = area,
            AreaNm2 = area * nmX * nmY,
            MeanProbability = area > 0 ? probSum / area : double.NaN,
            Particles = particles,
            ModelPixelSizeAngstrom = input.PixelSizeAngstrom,
            ScaleFactor = (double)networkWidth / w,
            NetworkWidth = networkWidth,
            NetworkHeight = networkHeight,
            Warnings = warnings,
        };
    }
}

/// <summary>What <see cref="Segmenter.ForegroundProbability"/> returns.</summary>
/// <param name="Probability">Foreground probability (0..1), row-major, on the image's grid or (from
/// <see cref="Segmenter.ForegroundProbabilityAtModelScale"/>) on the network's grid.</param>
/// <param name="PixelSize">The pixel size used (the option's override or the image's).</param>
/// <param name="Plan">Whether and to what the image was resampled for the network, with warnings.</param>
/// <param name="NetworkWidth">Width of the image the network saw (px).</param>
/// <param name="NetworkHeight">Height of the image the network saw (px).</param>
public sealed record ForegroundMap(float[] Probability, VoxelSize PixelSize, ScalePlan Plan, int NetworkWidth, int NetworkHeight);
