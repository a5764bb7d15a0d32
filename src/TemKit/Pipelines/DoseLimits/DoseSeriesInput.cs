using TemKit.Imaging;
using TemKit.IO;
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

    private DoseSeriesInput(IFrameSource images, IFrameSource? masks, double[] dose, double pixelSizeAngstrom)
    {
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

    /// <summary>Dose of every frame (e/Å²).</summary>
    public IReadOnlyList<double> DoseElectronsPerAngstrom2 => _dose;

    /// <summary>The CSV that gives the doses of <paramref name="seriesPath"/> when none is named: frames.csv beside it.</summary>
    public static string DefaultDosePath(string seriesPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(seriesPath))!, DoseSeries.FramesFile);

    /// <summary>Opens and checks the series. <paramref name="dosePath"/> null: frames.csv beside the stack, else the
    /// header's per-frame dose; <paramref name="pixelSizeAngstrom"/> overrides the header's (Å/px).</summary>
    public static DoseSeriesInput Open(string seriesPath, string? dosePath = null, string? masksPath = null, double? pixelSizeAngstrom = null)
    {
        var images = ImageFile.Open(seriesPath);
        IFrameSource? masks = null;
        try
        {
            double px = pixelSizeAngstrom ?? (images.VoxelSize.IsKnown ? images.VoxelSize.XAngstrom : double.NaN);
            if (!(px > 0)) throw new TemKitFormatException(seriesPath, "no pixel size in the header; give the pixel size (Å/px)");
            var dose = Doses(seriesPath, images, dosePath, px);
            if (masksPath is not null)
            {
                masks = ImageFile.Open(masksPath);
                if (masks.Width != images.Width || masks.Height != images.Height || masks.FrameCount != images.FrameCount)
                    throw new TemKitFormatException(masksPath, $"mask stack is {masks.Width}x{masks.Height}x{masks.FrameCount}, the series {images.Width}x{images.Height}x{images.FrameCount} (width x height x frames)");
            }
            return new DoseSeriesInput(images, masks, dose, px);
        }
        catch
        {
            images.Dispose();
            masks?.Dispose();
            throw;
        }
    }

    private static double[] Doses(string seriesPath, IFrameSource images, string? dosePath, double px)
    {
        dosePath ??= DefaultDosePath(seriesPath);
        var dose = new double[images.FrameCount];
        if (File.Exists(dosePath))
        {
            var table = DoseTable.Load(dosePath);
            for (int z = 0; z < dose.Length; z++)
                dose[z] = (table.DosePerPixel(seriesPath, z, px) ?? throw new TemKitFormatException(dosePath, $"no dose for frame {z} of {Path.GetFileName(seriesPath)}")) / (px * px);
            return dose;
        }
        var fields = images.Metadata.FrameFields;
        for (int z = 0; z < dose.Length; z++)
        {
            if (z < fields.Count && (fields[z].TryGetValue("dose_e_per_A2", out double d) || fields[z].TryGetValue("DoseElectronsPerAngstrom2", out d)) && d > 0) dose[z] = d;
            else throw new TemKitFormatException(seriesPath, $"no dose for frame {z}: the header has none and {dosePath} does not exist; give a dose CSV (columns frame, dose_e_per_A2 or dose_e_per_px)");
        }
        return dose;
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
