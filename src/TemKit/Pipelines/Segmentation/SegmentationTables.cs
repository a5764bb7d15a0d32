using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Pipelines.Segmentation;

/// <summary>segmentation.csv (one row per image) and particles.csv (one row per particle); numbers to 6 significant digits, empty when unknown.</summary>
public static class SegmentationTables
{
    /// <summary>Columns of segmentation.csv without truth.</summary>
    public static IReadOnlyList<string> ImageColumns { get; } =
    [
        "index", "file", "frame", "output_stem", "status", "width_px", "height_px", "pixel_size_angstrom", "model_pixel_size_angstrom",
        "scale_factor", "threshold", "area_px", "area_nm2", "area_fraction", "particles", "mean_probability", "error",
    ];

    /// <summary>
    /// Columns added by --defocus-from: the measured mean defocus the image was handled with, and the defocus run's
    /// per-image properties (so `temkit stats segmentation.csv --x fringe_width_px --y f1` relates them to the quality).
    /// </summary>
    public static IReadOnlyList<string> DefocusColumns { get; } = ["measured_defocus_angstrom", "fft_index", "fringe_width_px", "fit_score"];

    /// <summary>Column added by --models-by-defocus: the model chosen by the image's measured defocus band.</summary>
    public static IReadOnlyList<string> BandColumns { get; } = ["model"];

    /// <summary>Columns added by --truth.</summary>
    public static IReadOnlyList<string> TruthColumns { get; } = ["precision", "recall", "f1", "iou"];

    /// <summary>Columns of particles.csv.</summary>
    public static IReadOnlyList<string> ParticleColumns { get; } =
    [
        "index", "file", "frame", "particle", "area_px", "area_nm2", "equivalent_diameter_px", "equivalent_diameter_nm",
        "centroid_x_px", "centroid_y_px", "centroid_x_nm", "centroid_y_nm", "bbox_min_x_px", "bbox_min_y_px", "bbox_max_x_px", "bbox_max_y_px",
        "mean_probability", "touches_edge",
    ];

    /// <summary>Writes segmentation.csv atomically.</summary>
    public static void WriteImages(string path, IReadOnlyList<SegmentedImage> images, bool withTruth, bool withDefocus = false, bool withBands = false)
    {
        string[] headers = [.. ImageColumns, .. withDefocus ? DefocusColumns : [], .. withBands ? BandColumns : [], .. withTruth ? TruthColumns : []];
        CsvFiles.WriteTable(path, headers, images.Select(i => Row(i, withTruth, withDefocus, withBands)));
    }

    /// <summary>Writes particles.csv atomically.</summary>
    public static void WriteParticles(string path, IReadOnlyList<ParticleRow> particles) =>
        CsvFiles.WriteTable(path, ParticleColumns.ToArray(), particles.Select(p =>
        {
            var c = p.Particle;
            return (IReadOnlyList<string>)
            [
                I(p.Image.Index), p.Image.File, p.Image.Frame is { } f ? I(f) : "", I(c.Label), I(c.AreaPx), G(c.AreaNm2),
                G(c.EquivalentDiameterPx), G(c.EquivalentDiameterNm), G(c.CentroidXPx), G(c.CentroidYPx), G(c.CentroidXNm), G(c.CentroidYNm),
                I(c.MinXPx), I(c.MinYPx), I(c.MaxXPx), I(c.MaxYPx), G(c.MeanProbability), c.TouchesEdge ? "true" : "false",
            ];
        }));

    private static IReadOnlyList<string> Row(SegmentedImage image, bool withTruth, bool withDefocus, bool withBands)
    {
        var cells = new List<string> { I(image.Index), image.File, image.Frame is { } f ? I(f) : "", image.OutputStem, image.IsOk ? "ok" : "error" };
        if (image.Result is { } r)
        {
            cells.AddRange([
                I(r.Width), I(r.Height), r.PixelSize.IsKnown ? G(r.PixelSize.XAngstrom) : "", r.ModelPixelSizeAngstrom is { } m ? G(m) : "",
                G(r.ScaleFactor), G(r.Threshold), I(r.AreaPx), G(r.AreaNm2), G((double)r.AreaPx / ((long)r.Width * r.Height)),
                I(r.Particles.Count), G(r.MeanProbability), "",
            ]);
        }
        else
        {
            cells.AddRange(Enumerable.Repeat("", ImageColumns.Count - cells.Count - 1));
            cells.Add(image.Error ?? "");
        }
        if (withDefocus)
            cells.AddRange([N(image.MeasuredDefocusAngstrom), N(image.FftIndexInverseAngstrom), N(image.FringeWidthPx), N(image.FitScore)]);
        if (withBands) cells.Add(image.ModelPath ?? "");
        if (withTruth)
        {
            var s = image.Scores;
            cells.AddRange(s is { } v ? [G(v.Precision), G(v.Recall), G(v.F1), G(v.IoU)] : ["", "", "", ""]);
        }
        return cells;
    }

    private static string N(double? v) => v is { } x ? G(x) : "";

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string G(double v) => CsvFiles.ResultNumber(v);
}
