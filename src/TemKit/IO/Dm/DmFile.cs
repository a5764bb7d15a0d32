using Microsoft.Win32.SafeHandles;
using TemKit.Imaging;

namespace TemKit.IO.Dm;

/// <summary>
/// Gatan DigitalMicrograph DM3/DM4 files: images and stacks of every numeric type (int8, uint8,
/// int16, uint16, int32, uint32, float32, float64, bool; complex64/complex128 read as the modulus),
/// the complete tag tree, calibrations and microscope tags. RGB and packed-complex (FFT) images
/// are refused with a message naming the file. The main image is chosen as HyperSpy does: the
/// first ImageList entry that the Thumbnails group does not name as a thumbnail.
/// </summary>
/// <remarks>
/// Format: the DM3 (4-byte counts) and DM4 (8-byte counts and tag lengths) layout as described in
/// C. B. Boothroyd's DM format notes; see <see cref="DmHeader"/> and the tag reader.
/// Voxel size is set in Å for axes calibrated in lengths (m, cm, mm, µm, nm, Å, pm); the raw
/// calibration of every axis is kept in <see cref="ImageMetadata.Fields"/> under <c>axis.x.scale</c>,
/// <c>axis.x.units</c>, <c>axis.x.origin</c>, <c>axis.x.offset</c>, <c>axis.x.size</c> (and y, z), so
/// reciprocal-space (1/nm) or energy axes are not lost.
/// </remarks>
public static class DmFile
{
    /// <summary>
    /// Opens a DM3/DM4 file for frame-by-frame reading (third and higher dimensions become frames).
    /// The tag tree is parsed and every size checked against the file length first; pixels are
    /// read only when a frame is asked for.
    /// </summary>
    /// <param name="path">The .dm3 or .dm4 file.</param>
    /// <param name="options">Strict (default) or permissive handling of recoverable problems.</param>
    /// <param name="imageIndex">ImageList entry to read instead of the main image (0-based; thumbnails allowed).</param>
    /// <exception cref="TemKitFormatException">The file is not a readable DM file; the message names the tag at fault.</exception>
    public static IFrameSource Open(string path, ReadOptions? options = null, int? imageIndex = null)
    {
        options ??= ReadOptions.Strict;
        SafeFileHandle handle = OpenHandle(path);
        try
        {
            var warnings = new List<string>();
            var (header, root) = DmTagReader.Read(handle, path, options, warnings);
            if (imageIndex is null && DmImageLayout.Candidates(path, root).Count > 0)
            {
                // The signal asked for (or the first image signal): spectra and RGB images are refused here with a list.
                var images = DmImageLayout.Candidates(path, root);
                var chosen = ImageSignal.Choose(path, images.Select((g, i) => DmImageLayout.SignalOf(i, g)).ToList(), options.Signal);
                imageIndex = images[chosen.Index].Index;
            }
            var layout = DmImageLayout.Locate(path, root, imageIndex, options, warnings);
            return new DmFrameSource(path, handle, header, root, layout, warnings);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads every frame of the main image (or <paramref name="imageIndex"/>) into memory as float32.</summary>
    public static ImageStack Read(string path, ReadOptions? options = null, int? imageIndex = null)
    {
        using var source = Open(path, options, imageIndex);
        return source.ReadAll();
    }

    /// <summary>The file's signals: every ImageList entry with data that is not a thumbnail, in order.</summary>
    public static IReadOnlyList<ImageSignal> ListSignals(string path, ReadOptions? options = null)
    {
        using var handle = OpenHandle(path);
        var root = DmTagReader.Read(handle, path, options ?? ReadOptions.Strict, []).Root;
        return DmImageLayout.Candidates(path, root).Select((g, i) => DmImageLayout.SignalOf(i, g)).ToList();
    }

    /// <summary>Reads the whole tag tree (image data left in the file, its offset kept in <see cref="DmTagData.Offset"/>).</summary>
    public static DmTagGroup ReadTags(string path, ReadOptions? options = null)
    {
        using var handle = OpenHandle(path);
        return DmTagReader.Read(handle, path, options ?? ReadOptions.Strict, []).Root;
    }

    /// <summary>Calibration of each axis of the main image (or <paramref name="imageIndex"/>), x first.</summary>
    public static IReadOnlyList<DmAxis> ReadAxes(string path, int? imageIndex = null)
    {
        using var source = (DmFrameSource)Open(path, null, imageIndex);
        return source.Axes;
    }

    private static SafeFileHandle OpenHandle(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TemKitFormatException(path, $"cannot open: {e.Message}", e);
        }
    }
}
