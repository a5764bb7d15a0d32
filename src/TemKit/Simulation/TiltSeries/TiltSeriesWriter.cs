using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Simulation.Structures;
using TemKit.Tomography;

namespace TemKit.Simulation.TiltSeries;

/// <summary>The files of one simulated tilt series in a folder.</summary>
public static class TiltSeriesWriter
{
    /// <summary>Noisy stack (counts), with the tilts in its FEI1 extended header.</summary>
    public const string SeriesFile = "series.mrc";

    /// <summary>Noise-free stack (expected counts), same header.</summary>
    public const string NoiselessFile = "series_noiseless.mrc";

    /// <summary>IMOD tilt angles of <see cref="SeriesFile"/>.</summary>
    public const string TiltFile = "series.rawtlt";

    /// <summary>The structure at tilt 0 (extended XYZ).</summary>
    public const string StructureFile = "structure.xyz";

    /// <summary>Ground-truth volume.</summary>
    public const string VolumeFile = "volume.mrc";

    /// <summary>Every parameter, JSON.</summary>
    public const string ParametersFile = "params.json";

    /// <summary>
    /// Writes series.mrc (when there is a dose) and series_noiseless.mrc (float32 image stacks, pixel = step, FEI1 extended
    /// header per frame: alpha tilt, HT, pixel size, dose, STEM mode), series.rawtlt and series_noiseless.rawtlt,
    /// structure.xyz (atoms at tilt 0 moved by +(N − 1)/2·step, the rotation centre's position in the frames), volume.mrc
    /// and params.json (<paramref name="description"/> plus the series' own numbers), each atomically. Without a dose, a
    /// series.mrc and series.rawtlt an earlier simulation left in the folder are deleted, so the folder never pairs an
    /// old noisy series with the new volume.
    /// </summary>
    public static void Write(string folder, TiltSeriesResult result, IReadOnlyDictionary<string, object?> description)
    {
        Directory.CreateDirectory(folder);
        var header = FeiHeader(result);
        var options = new MrcWriteOptions(ExtendedHeader: header, ExtendedHeaderType: FeiExtendedHeaderWriter.ExtendedHeaderType);
        if (result.Noisy is { } noisy) MrcFile.Write(Path.Combine(folder, SeriesFile), noisy, options);
        MrcFile.Write(Path.Combine(folder, NoiselessFile), result.Noiseless, options);
        if (result.Noisy is not null) TiltAngleFile.Write(Path.Combine(folder, TiltFile), result.TiltsDegrees);
        else
        {
            File.Delete(Path.Combine(folder, SeriesFile));
            File.Delete(Path.Combine(folder, TiltFile));
        }
        TiltAngleFile.Write(Path.Combine(folder, Path.ChangeExtension(NoiselessFile, ".rawtlt")), result.TiltsDegrees);
        int n = result.Noiseless.Nx;
        double centre = 0.5 * (n - 1) * result.StepAngstrom, field = n * result.StepAngstrom;
        var placed = result.Structure.Select(a => a.Translated(centre, centre, centre)).ToArray();
        XyzFile.Write(Path.Combine(folder, StructureFile), new Specimen(placed, [], field, field), field);
        MrcFile.Write(Path.Combine(folder, VolumeFile), result.Volume);
        var all = new Dictionary<string, object?>(description)
        {
            ["frames"] = result.TiltsDegrees.Count,
            ["image_pixels"] = n,
            ["step_angstrom"] = result.StepAngstrom,
            ["dose_electrons_per_angstrom2"] = result.DoseElectronsPerAngstrom2,
            ["atoms"] = result.Structure.Length,
            ["tilts_degrees"] = result.TiltsDegrees,
            ["rotation_centre_pixel"] = 0.5 * (n - 1),
            ["convention"] = "tilt about +y, image x = x cos(tilt) + z sin(tilt) (TemKit.Tomography.TiltGeometry); pixel i at x = i*step",
        };
        AtomicFile.WriteAllText(Path.Combine(folder, ParametersFile), JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static byte[] FeiHeader(TiltSeriesResult result)
    {
        double? kv = result.Noiseless.Metadata.VoltageKilovolts;
        var frames = new List<IReadOnlyDictionary<string, double>>();
        foreach (double tilt in result.TiltsDegrees)
        {
            var f = new Dictionary<string, double>
            {
                ["Alpha tilt"] = tilt,
                ["Pixel size X"] = result.StepAngstrom * 1e-10,
                ["Pixel size Y"] = result.StepAngstrom * 1e-10,
                ["Dose"] = result.DoseElectronsPerAngstrom2 * 1e20,
                ["Instrument mode"] = 2,
            };
            if (kv is double v) f["HT"] = v * 1000;
            frames.Add(f);
        }
        return FeiExtendedHeaderWriter.Build(frames);
    }
}
