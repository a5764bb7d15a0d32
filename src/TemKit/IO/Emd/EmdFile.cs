using PureHDF;
using TemKit.Imaging;

namespace TemKit.IO.Emd;

/// <summary>
/// EMD files (.emd, HDF5) read with PureHDF (managed, no native HDF5): Thermo Fisher Velox (images and image stacks
/// under /Data/Image, pixel size and microscope fields from each image's metadata JSON; spectra and spectrum images
/// listed but not read) and Berkeley/NCEM EMD (groups with emd_group_type = 1, calibration from the dim1..dimN vectors,
/// including Prismatic's output). Complex Velox FFTs are read as complex (<see cref="IComplexFrameSource"/>).
/// </summary>
public static class EmdFile
{
    /// <summary>Opens signal <see cref="ReadOptions.Signal"/> (default: the first image signal) for frame-by-frame reading.</summary>
    /// <exception cref="TemKitFormatException">The file is not a readable EMD file, or the signal is not an image.</exception>
    public static IFrameSource Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        var (file, entries) = Scan(path);
        try
        {
            var chosen = ImageSignal.Choose(path, entries.Select(e => e.Signal).ToList(), options.Signal);
            return Hdf5Errors.Guard(path, "opening the data set", () => new EmdFrameSource(path, file, entries[chosen.Index]));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Every signal of the file: Velox images, spectra and spectrum images, or NCEM data groups.</summary>
    public static IReadOnlyList<ImageSignal> ListSignals(string path)
    {
        var (file, entries) = Scan(path);
        using (file) return entries.Select(e => e.Signal).ToList();
    }

    /// <summary>Reads every frame of the chosen signal into memory as float32 (the modulus for complex data).</summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        using var source = Open(path, options);
        return source.ReadAll();
    }

    private static (IDisposable File, List<EmdEntry> Entries) Scan(string path)
    {
        Hdf5Superblock.Check(path);
        PureHDF.VOL.Native.NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TemKitFormatException(path, $"HDF5: {Hdf5Errors.OneLine(e.Message)}", e);
        }
        try
        {
            var entries = Hdf5Errors.Guard(path, "reading the HDF5 structure", () =>
                file.LinkExists("/Data/Image") || file.LinkExists("/Data/Spectrum") || file.LinkExists("/Data/SpectrumImage")
                    ? Velox.Scan(path, file)
                    : Ncem.Scan(path, file));
            if (entries.Count == 0) throw new TemKitFormatException(path, "holds neither Velox data (/Data/Image) nor EMD data groups (emd_group_type = 1)");
            return (file, entries);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}

/// <summary>Turns the HDF5 library's exceptions into <see cref="TemKitFormatException"/>s that name the file.</summary>
internal static class Hdf5Errors
{
    public static T Guard<T>(string path, string doing, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not (TemKitFormatException or OutOfMemoryException) && (e is not ArgumentException || FromPureHdf(e)))
        {
            throw new TemKitFormatException(path, $"HDF5 error {doing}: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>True when the exception was raised by PureHDF itself (or by the runtime on PureHDF's behalf, e.g. a
    /// stream or span rejecting an offset read from a corrupt file): the first frame outside the runtime libraries
    /// belongs to PureHDF. An ArgumentException thrown by TemKit's own code is a bug and is not wrapped.</summary>
    internal static bool FromPureHdf(Exception e)
    {
        var pureHdf = typeof(H5File).Assembly;
        var runtime = typeof(object).Assembly;
        foreach (var frame in new System.Diagnostics.StackTrace(e, false).GetFrames())
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly is null) continue;
            if (assembly == pureHdf) return true;
            if (assembly == runtime || (assembly.GetName().Name ?? "").StartsWith("System.", StringComparison.Ordinal)) continue;
            return false;
        }
        return false;
    }

    /// <summary>The message on one line (PureHDF's messages may span lines, e.g. ArgumentException's parameter suffix).</summary>
    internal static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
