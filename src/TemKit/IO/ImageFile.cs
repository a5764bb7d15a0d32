using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.IO;

/// <summary>
/// Opens any image format TemKit reads, chosen by file extension: MRC (.mrc, .mrcs, .map, .st, .ali, .rec), Gatan DM
/// (.dm3, .dm4), TIFF (.tif, .tiff), Velox and Berkeley/NCEM EMD (.emd), FEI TIA (.ser, .emi).
/// </summary>
public static class ImageFile
{
    /// <summary>Extensions TemKit reads, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } =
        [".mrc", ".mrcs", ".map", ".st", ".ali", ".rec", ".dm3", ".dm4", ".tif", ".tiff", ".emd", ".ser", ".emi"];

    /// <summary>Opens a file for frame-by-frame reading: the signal <see cref="ReadOptions.Signal"/> of a multi-signal file,
    /// or its first image signal.</summary>
    /// <exception cref="TemKitFormatException">The file is missing, empty, broken, or the signal asked for is not an image.</exception>
    public static IFrameSource Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        string ext = CheckReadable(path);
        IFrameSource source = ext switch
        {
            ".dm3" or ".dm4" => Dm.DmFile.Open(path, options),
            ".tif" or ".tiff" => Tiff.TiffFile.Open(path, options),
            ".emd" => Emd.EmdFile.Open(path, options),
            ".ser" or ".emi" => Tia.TiaFile.Open(path, options),
            _ => OnlySignal(OpenMrc(path, ext, options), path, options.Signal),
        };
        try
        {
            return Tilt.TiltSeriesSource.Attach(source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Every signal in the file (images, spectra, spectrum images), in the order <see cref="ReadOptions.Signal"/> counts them.</summary>
    public static IReadOnlyList<ImageSignal> ListSignals(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        string ext = CheckReadable(path);
        switch (ext)
        {
            case ".dm3" or ".dm4": return Dm.DmFile.ListSignals(path, options);
            case ".tif" or ".tiff": return Tiff.TiffFile.ListSignals(path);
            case ".emd": return Emd.EmdFile.ListSignals(path);
            case ".ser" or ".emi": return Tia.TiaFile.ListSignals(path);
            default:
                using (var source = OpenMrc(path, ext, options))
                    return [SignalOf(source)];
        }
    }

    private static string CheckReadable(string path)
    {
        if (!File.Exists(path))
            throw new TemKitFormatException(path, Directory.Exists(path) ? "is a folder, not an image file; give the files in it" : "file not found");
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        // Checked before opening: opening a named pipe (or a device) for reading would block until a writer appears.
        if (new FileInfo(path).Length == 0)
            throw new TemKitFormatException(path, ext switch
            {
                ".dm3" or ".dm4" => "file is empty (0 bytes), a DM file starts with a 12- or 24-byte header",
                ".tif" or ".tiff" => "file is empty (0 bytes), a TIFF file starts with an 8-byte header",
                ".emd" => "file is empty (0 bytes), an EMD file is HDF5 and starts with the HDF5 signature",
                ".ser" => "file is empty (0 bytes), a TIA .ser file starts with a 30-byte header",
                ".emi" => "file is empty (0 bytes), a TIA .emi file holds the ObjectInfo XML",
                _ => "file is empty (0 bytes), an MRC file starts with a 1024-byte header",
            });
        return ext;
    }

    /// <summary>The one signal of a single-signal file (MRC): its image or stack.</summary>
    private static ImageSignal SignalOf(IFrameSource source) =>
        new(0, "", SignalKind.Image, [source.Width, source.Height, source.FrameCount], source.Metadata.DataType);

    /// <summary>Returns <paramref name="source"/> when <paramref name="signal"/> is null or 0; any other signal of a
    /// single-signal file is refused (the source closed), as the multi-signal readers refuse a signal they lack.</summary>
    private static IFrameSource OnlySignal(IFrameSource source, string path, int? signal)
    {
        if (signal is null or 0) return source;
        var only = SignalOf(source);
        source.Dispose();
        ImageSignal.Choose(path, [only], signal);
        throw new InvalidOperationException($"signal {signal} of a single-signal file was not refused");
    }

    private static IFrameSource OpenMrc(string path, string ext, ReadOptions options)
    {
        if (Extensions.Contains(ext)) return MrcFile.Open(path, options);
        // Any other name is tried as MRC (some programs write MRC without the extension); when that fails, say what TemKit reads.
        try
        {
            return MrcFile.Open(path, options);
        }
        catch (TemKitFormatException e)
        {
            string kind = ext.Length > 0 ? $"a '{ext}' file" : "a file without extension";
            throw new TemKitFormatException(path, $"{kind} is not an image format TemKit reads ({string.Join(", ", Extensions)}); read as MRC: {e.Problem}", e);
        }
    }

    /// <summary>Reads every frame of a file into memory.</summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        using var source = Open(path, options);
        return source.ReadAll();
    }

    /// <summary>True when the path has an extension TemKit reads.</summary>
    public static bool IsSupported(string path) => Extensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());

    /// <summary>
    /// The files of a listing with each acquisition once: a TIA acquisition is an X.emi (the description) and its data
    /// files X_1.ser, X_2.ser, ... (one per detector); opening X.emi reads X_1.ser again, so an .emi is dropped when
    /// any of its .ser files is in the listing (each .ser still finds the .emi for its metadata). Order is kept.
    /// </summary>
    public static List<string> OnePerAcquisition(IEnumerable<string> files)
    {
        var list = files.ToList();
        var serStems = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string f in list)
        {
            if (!System.IO.Path.GetExtension(f).Equals(".ser", StringComparison.OrdinalIgnoreCase)) continue;
            string name = System.IO.Path.GetFileNameWithoutExtension(f);
            int underscore = name.LastIndexOf('_');
            if (underscore > 0 && name[(underscore + 1)..].All(char.IsAsciiDigit) && name.Length > underscore + 1)
                serStems.Add(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(f) ?? "", name[..underscore]));
        }
        return list.Where(f => !(System.IO.Path.GetExtension(f).Equals(".emi", StringComparison.OrdinalIgnoreCase)
            && serStems.Contains(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(f) ?? "", System.IO.Path.GetFileNameWithoutExtension(f))))).ToList();
    }
}
