using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Tilt;
using TemKit.Neural.Models;
using TemKit.Pipelines.Detector;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>
/// A dose series on disk, checked before anything is written: any stack TemKit reads, the dose of every frame (a CSV
/// with columns frame and dose_e_per_A2 or dose_e_per_px, by default frames.csv beside the stack as
/// <c>temkit simulate series</c> writes it), and optionally a mask stack of the same size. Every problem is a
/// <see cref="TemKitFormatException"/> naming the file.
/// </summary>
public sealed class DoseSeriesInput : IDisposable
{
    private readonly IFrameSource _images;
    private readonly IFrameSource? _masks;
    private readonly double[] _dose;

    /// <summary>The per-frame key under which readers put a frame's dose in e/Å² (<see cref="ImageMetadata.FrameFields"/>;
    /// the MRC reader converts an FEI1/FEI2 extended header's flagged Dose field, e/m², to it).</summary>
    public const string FrameDoseKey = "DoseElectronsPerAngstrom2";

    private DoseSeriesInput(IFrameSource images, IFrameSource? masks, double[] dose, double pixelSizeAngstrom, string doseSource)
    {
        DoseSource = doseSource;
        _images = images;
        _masks = masks;
        _dose = dose;
        PixelSizeAngstrom = pixelSizeAngstrom;
    }

    /// <summary>Frames in the series.</summary>
    public int FrameCount => _images.FrameCount;

    /// <summary>Pixel size (Å/px).</summary>
    public double PixelSizeAngstrom { get; }

    /// <summary>Whether exact masks were given.</summary>
    public bool HasMasks => _masks is not null;

    /// <summary>Where the doses came from, e.g. "dose table frames.csv", "SerialEM .mdoc x.mrc.mdoc (ExposureDose)",
    /// "FEI extended header (Dose)".</summary>
    public string DoseSource { get; }

    /// <summary>Dose of every frame (e/Å²).</summary>
    public IReadOnlyList<double> DoseElectronsPerAngstrom2 => _dose;

    /// <summary>The CSV that gives the doses of <paramref name="seriesPath"/> when none is named: frames.csv beside it.</summary>
    public static string DefaultDosePath(string seriesPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(seriesPath))!, DoseSeries.FramesFile);

    /// <summary>Opens and checks the series. The dose of every frame comes from, in this order: the CSV
    /// <paramref name="dosePath"/> (refused when named and missing); frames.csv beside the stack; a SerialEM .mdoc beside
    /// it (ExposureDose of every [ZValue] section, e/Å²); the header (the flagged Dose of an FEI1/FEI2 MRC extended header
    /// per frame, or a single image's <see cref="ImageMetadata.DoseElectronsPerAngstrom2"/>). Exposure times are not
    /// doses and are not used. <paramref name="pixelSizeAngstrom"/> overrides the header's (Å/px).</summary>
    public static DoseSeriesInput Open(string seriesPath, string? dosePath = null, string? masksPath = null, double? pixelSizeAngstrom = null)
    {
        var images = ImageFile.Open(seriesPath);
        IFrameSource? masks = null;
        try
        {
            double px = pixelSizeAngstrom ?? (images.VoxelSize.IsKnown ? images.VoxelSize.XAngstrom : double.NaN);
            if (!(px > 0)) throw new TemKitFormatException(seriesPath, "no pixel size in the header; give the pixel size (Å/px)");
            var (dose, source) = Doses(seriesPath, images, dosePath, px);
            if (masksPath is not null)
            {
                masks = ImageFile.Open(masksPath);
                if (masks.Width != images.Width || masks.Height != images.Height || masks.FrameCount != images.FrameCount)
                    throw new TemKitFormatException(masksPath, $"mask stack is {masks.Width}x{masks.Height}x{masks.FrameCount}, the series {images.Width}x{images.Height}x{images.FrameCount} (width x height x frames)");
            }
            return new DoseSeriesInput(images, masks, dose, px, source);
        }
        catch
        {
            images.Dispose();
            masks?.Dispose();
            throw;
        }
    }

    private static (double[] Dose, string Source) Doses(string seriesPath, IFrameSource images, string? dosePath, double px)
    {
        var dose = new double[images.FrameCount];
        if (dosePath is not null && !File.Exists(dosePath)) throw new TemKitFormatException(dosePath, "dose table not found");
        dosePath ??= DefaultDosePath(seriesPath);
        if (File.Exists(dosePath))
        {
            var table = DoseTable.Load(dosePath);
            for (int z = 0; z < dose.Length; z++)
                dose[z] = (table.DoseElectronsPerPixel(seriesPath, z, px) ?? throw new TemKitFormatException(dosePath, $"no dose for frame {z} of {Path.GetFileName(seriesPath)}")) / (px * px);
            return (dose, $"dose table {Path.GetFileName(dosePath)}");
        }
        if (SerialEmMdoc.Companion(seriesPath) is { } mdoc)
        {
            var values = SerialEmMdoc.ReadValues(mdoc, SerialEmMdoc.ExposureDoseKey);
            if (values.Count != dose.Length)
                throw new TemKitFormatException(mdoc, $"{values.Count} ZValue section(s) for the {dose.Length} frame(s) of {Path.GetFileName(seriesPath)}");
            for (int z = 0; z < dose.Length; z++)
                dose[z] = values[z] is double d && d > 0 ? d
                    : throw new TemKitFormatException(mdoc, $"ZValue {z} has no positive {SerialEmMdoc.ExposureDoseKey} (e/Å²); give a dose CSV (columns frame, dose_e_per_A2 or dose_e_per_px)");
            return (dose, $"SerialEM .mdoc {Path.GetFileName(mdoc)} ({SerialEmMdoc.ExposureDoseKey})");
        }
        var fields = images.Metadata.FrameFields;
        for (int z = 0; z < dose.Length; z++)
        {
            double? d = z < fields.Count && fields[z].TryGetValue(FrameDoseKey, out double v) ? v
                : dose.Length == 1 ? images.Metadata.DoseElectronsPerAngstrom2 : null;
            dose[z] = d is > 0 ? d.Value
                : throw new TemKitFormatException(seriesPath, $"no dose for frame {z}: no dose table ({Path.GetFileName(dosePath)} does not exist), no SerialEM .mdoc with {SerialEmMdoc.ExposureDoseKey}, and no positive dose in the header (FEI1/FEI2 Dose); give a dose CSV (columns frame, dose_e_per_A2 or dose_e_per_px)");
        }
        return (dose, fields.Count > 0 ? "FEI extended header (Dose)" : "header");
    }

    /// <summary>Refuses (<see cref="TemKitFormatException"/> naming the model) a model trained at another pixel size than
    /// the series' (outside its training range widened by 5 %).</summary>
    public void CheckModel(string modelPath, ModelCheckpoint model)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            Segmenter.PlanScale(new VoxelSize(PixelSizeAngstrom, PixelSizeAngstrom, 0), model.Input, new SegmentationOptions { PixelSizeMismatch = PixelSizeMismatchPolicy.Refuse });
        }
        catch (PixelSizeMismatchException e)
        {
            throw new TemKitFormatException(modelPath, $"the series {e.Message.Replace("; refused (pixel-size mismatch policy: refuse)", "", StringComparison.Ordinal)}: train at the series' pixel size");
        }
    }

    /// <summary>The frames one at a time (each read when it is reached).</summary>
    public IEnumerable<DoseFrame> Frames()
    {
        int w = _images.Width, h = _images.Height;
        var voxel = new VoxelSize(PixelSizeAngstrom, PixelSizeAngstrom, 0);
        for (int z = 0; z < FrameCount; z++)
        {
            var pixels = new float[w * h];
            _images.ReadFrame(z, pixels);
            Image2D? mask = null;
            if (_masks is not null)
            {
                var m = new float[w * h];
                _masks.ReadFrame(z, m);
                mask = new Image2D(w, h, m, voxel);
            }
            yield return new DoseFrame(z, new Image2D(w, h, pixels, voxel, _images.Metadata), _dose[z], mask);
        }
    }

    /// <summary>Closes the files.</summary>
    public void Dispose()
    {
        _images.Dispose();
        _masks?.Dispose();
    }
}
