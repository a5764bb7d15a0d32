namespace TemKit.IO;

/// <summary>What a signal in a file holds; only <see cref="SignalKind.Image"/> signals are read by image commands.</summary>
public enum SignalKind
{
    /// <summary>A 2D image or a stack of 2D images (real or complex).</summary>
    Image,
    /// <summary>A 1D spectrum or profile (EDS/EELS spectrum, a DM line plot).</summary>
    Spectrum,
    /// <summary>A spectrum image (a spectrum per scan position) or an event stream of one.</summary>
    SpectrumImage,
    /// <summary>A 4D-STEM data cube (a diffraction pattern per scan position).</summary>
    Datacube,
    /// <summary>An image TemKit does not read as data: RGB or JPEG-compressed colour previews.</summary>
    ColourImage,
}

/// <summary>One signal of a file as <see cref="ImageFile.ListSignals"/> lists it, without reading its pixels.</summary>
/// <param name="Index">Index among all signals of the file, counted from 0 (the value of <see cref="ReadOptions.Signal"/>).</param>
/// <param name="Title">The file's name for the signal (detector name, DM image name), "" when none.</param>
/// <param name="Kind">What the signal holds.</param>
/// <param name="Shape">Size of each axis, fastest (x) first, e.g. [nx, ny, frames]; [channels] for a spectrum.</param>
/// <param name="DataType">Stored element type in NumPy spelling ("uint16", "complex64", ...).</param>
public sealed record ImageSignal(int Index, string Title, SignalKind Kind, IReadOnlyList<long> Shape, string DataType)
{
    /// <summary>True when image commands can read the signal.</summary>
    public bool IsImage => Kind == SignalKind.Image;

    /// <summary>Lower-case name of <see cref="Kind"/> as `temkit info` prints it ("image", "spectrum", "spectrum-image", "colour-image").</summary>
    public string KindName => Kind switch
    {
        SignalKind.Image => "image",
        SignalKind.Spectrum => "spectrum",
        SignalKind.SpectrumImage => "spectrum-image",
        SignalKind.Datacube => "datacube",
        _ => "colour-image",
    };

    /// <summary>Chooses the signal <paramref name="wanted"/> (or the first image signal when null) and refuses a missing or
    /// non-image signal with a message naming the file and listing the signals.</summary>
    internal static ImageSignal Choose(string path, IReadOnlyList<ImageSignal> signals, int? wanted)
    {
        string List() => string.Join("; ", signals.Select(s => $"{s.Index}: {s.KindName}{(s.Title.Length > 0 ? $" '{s.Title}'" : "")} {string.Join("x", s.Shape)} {s.DataType}"));
        if (wanted is { } w)
        {
            if (w < 0 || w >= signals.Count)
                throw new TemKitFormatException(path, $"signal {w} does not exist; the file holds {signals.Count} signal(s) ({List()})");
            var chosen = signals[w];
            if (!chosen.IsImage)
                throw new TemKitFormatException(path, $"signal {w} is a {chosen.KindName}, not an image; image commands read images only ({List()})");
            return chosen;
        }
        return signals.FirstOrDefault(s => s.IsImage)
            ?? throw new TemKitFormatException(path, $"holds no image signal, only {List()}; image commands read images only");
    }
}
