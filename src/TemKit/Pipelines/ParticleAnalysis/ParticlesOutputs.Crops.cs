using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;

namespace TemKit.Pipelines.ParticleAnalysis;

public static partial class ParticlesOutputs
{
    /// <summary>Columns of select/crops.csv (one row per crop, in the order of the frames of select/crops.mrc).</summary>
    public static IReadOnlyList<string> CropColumns { get; } =
    [
        "crop", "frame", "file", "frame_in_file", "track", "label", "x0_px", "y0_px", "size_px", "centroid_x_in_crop_px", "centroid_y_in_crop_px",
        "area_nm2", "ratio", "zone",
    ];

    /// <summary>select/crops.mrc (one square crop per particle that passes the filter, <see cref="ParticleCrops"/>) and
    /// select/crops.csv (where each crop lies in its frame); both removed when no particle passes.</summary>
    private static void WriteCrops(ParticlesRun run, string select, IReadOnlyList<FrameRef> frames, IReadOnlyList<FrameRecord> records)
    {
        string stack = Path.Combine(select, "crops.mrc"), table = Path.Combine(select, "crops.csv");
        var crops = ParticleCrops.Plan(frames, records, run.Options.CropSizePx);
        CsvFiles.WriteTable(table, [.. CropColumns], crops.Select((c, i) => (IReadOnlyList<string>)
        [
            I(i), I(c.Frame.Index), c.Frame.File, I(c.Frame.FrameInFile), I(c.Particle.Track), I(c.Particle.Label), I(c.X0Px), I(c.Y0Px), I(c.SizePx),
            G(c.Particle.CentroidXPx - c.X0Px), G(c.Particle.CentroidYPx - c.Y0Px), G(c.Particle.AreaNm2), G(c.Particle.Ratio), c.Particle.Zone,
        ]));
        if (crops.Count == 0)
        {
            if (File.Exists(stack)) File.Delete(stack);
            return;
        }
        VoxelSize pixel;
        if (run.Options.Segmentation.PixelSizeAngstrom is { } p) pixel = VoxelSize.Isotropic(p);
        else
        {
            using var first = ImageFile.Open(crops[0].Frame.File);
            pixel = first.VoxelSize;
        }
        using var source = ParticleCrops.Stack(crops, pixel);
        MrcFile.Write(stack, source);
    }
}
