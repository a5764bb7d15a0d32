using System.Text.RegularExpressions;
using TemKit.Imaging;

namespace TemKit.IO.Tia;

/// <summary>
/// FEI/Thermo TIA files: a .ser file holds a series of images (or spectra) with their calibration; the .emi beside it
/// (same name without the "_N" suffix) describes the acquisition. Opening the .emi lists every .ser of the acquisition
/// (_1, _2, ... e.g. STEM BF and DF) as signals. The .ser calibration is in metres for images and in 1/m for TEM
/// diffraction, which only the .emi's Mode tells apart: with the .emi TemKit follows it; without it a step larger than
/// 1 mm per pixel (impossible as a length) is taken as 1/m.
/// </summary>
public static partial class TiaFile
{
    /// <summary>Opens signal <see cref="ReadOptions.Signal"/> (default: the first image signal) for frame-by-frame reading.</summary>
    /// <exception cref="TemKitFormatException">The file is not a readable TIA file; the message names the field at fault.</exception>
    public static IFrameSource Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        var (sers, emi) = Resolve(path);
        var signals = sers.Select((s, i) => SignalOf(i, s.Ser)).ToList();
        var chosen = ImageSignal.Choose(path, signals, options.Signal);
        var (number, ser) = sers[chosen.Index];
        return new TiaFrameSource(path, ser, emi?.For(number), chosen);
    }

    /// <summary>The .ser files of the acquisition as signals (one for a .ser path, every _N.ser for an .emi path).</summary>
    public static IReadOnlyList<ImageSignal> ListSignals(string path) =>
        Resolve(path).Sers.Select((s, i) => SignalOf(i, s.Ser)).ToList();

    /// <summary>Reads every frame of the chosen signal into memory as float32.</summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        using var source = Open(path, options);
        return source.ReadAll();
    }

    private static ImageSignal SignalOf(int index, TiaSer ser)
    {
        var kind = ser.Is2D ? SignalKind.Image : ser.ElementOffsets.Length > 1 ? SignalKind.SpectrumImage : SignalKind.Spectrum;
        long[] shape = ser.Is2D
            ? ser.ElementOffsets.Length > 1 ? [ser.Width, ser.Height, ser.ElementOffsets.Length] : [ser.Width, ser.Height]
            : ser.ElementOffsets.Length > 1 ? [ser.Width, ser.ElementOffsets.Length] : [ser.Width];
        return new ImageSignal(index, "", kind, shape, ser.DataType);
    }

    /// <summary>The .ser files (with their _N number) and the .emi for <paramref name="path"/>.</summary>
    private static (List<(int Number, TiaSer Ser)> Sers, TiaEmi? Emi) Resolve(string path)
    {
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string name = System.IO.Path.GetFileNameWithoutExtension(path);
        if (System.IO.Path.GetExtension(path).Equals(".emi", StringComparison.OrdinalIgnoreCase))
        {
            var emi = TiaEmi.Read(path);
            var sers = new List<(int, TiaSer)>();
            for (int n = 1; n <= 1000; n++)
            {
                string ser = System.IO.Path.Combine(dir, $"{name}_{n}.ser");
                if (!File.Exists(ser)) break;
                sers.Add((n, TiaSer.Read(ser)));
            }
            if (sers.Count == 0) throw new TemKitFormatException(path, $"no {name}_1.ser beside the .emi: the .emi holds the description, the .ser files the data");
            return (sers, emi);
        }
        var m = SerName().Match(name);
        int number = m.Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var header = TiaSer.Read(path);
        string emiPath = m.Success ? System.IO.Path.Combine(dir, m.Groups[1].Value + ".emi") : "";
        TiaEmi? description = m.Success && File.Exists(emiPath) ? TiaEmi.Read(emiPath) : null;
        return ([(number, header)], description);
    }

    [GeneratedRegex(@"^(.*)_(\d{1,4})$")]
    private static partial Regex SerName();
}
