using TemKit.Imaging;

namespace TemKit.IO.Tiff;

/// <summary>
/// TIFF files (.tif, .tiff) read through LibTiff.NET: greyscale 8/16/32-bit integer and 16/32/64-bit float pages, both
/// byte orders, strips or tiles, every compression LibTiff decodes; multi-page files of equal pages as stacks. Palette
/// images are read as their indices (as HyperSpy does), RGB pages are listed as colour images and refused by image
/// commands. Pixel size from the vendor metadata (see <see cref="TiffCalibration"/>).
/// </summary>
public static class TiffFile
{
    /// <summary>Opens signal <see cref="ReadOptions.Signal"/> (default: the first image signal) for frame-by-frame reading.</summary>
    /// <exception cref="TemKitFormatException">The file is not a readable TIFF; the message names the field at fault.</exception>
    public static IFrameSource Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        var (client, groups) = Scan(path);
        try
        {
            var signals = Signals(groups);
            var chosen = ImageSignal.Choose(path, signals, options.Signal);
            return new TiffFrameSource(client, groups[chosen.Index], chosen);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Every signal of the file: runs of consecutive pages with the same layout (reduced-resolution previews skipped).</summary>
    public static IReadOnlyList<ImageSignal> ListSignals(string path)
    {
        var (client, groups) = Scan(path);
        using (client) return Signals(groups);
    }

    private static List<ImageSignal> Signals(List<List<TiffPage>> groups) =>
        groups.Select((g, i) => new ImageSignal(i, "", g[0].IsGrey ? SignalKind.Image : SignalKind.ColourImage,
            g.Count > 1 ? [g[0].Width, g[0].Height, g.Count] : [g[0].Width, g[0].Height],
            g[0].DataType ?? $"{g[0].SamplesPerPixel}x{g[0].BitsPerSample}-bit {g[0].Photometric}".ToLowerInvariant())).ToList();

    /// <summary>Checks the header, opens the file with LibTiff and reads every page's layout (at most 100000 pages).</summary>
    private static (TiffClient Client, List<List<TiffPage>> Groups) Scan(string path)
    {
        TiffHeader.Read(path);
        var client = TiffClient.Open(path);
        try
        {
            long length = client.Stream.Length;
            var groups = new List<List<TiffPage>>();
            int count = client.Handle.NumberOfDirectories();
            if (count <= 0) throw new TemKitFormatException(path, $"holds no image directory ({client.LastError ?? "none found"})");
            if (count > 100_000) throw new TemKitFormatException(path, $"{count} image directories: more than the 100000 TemKit reads");
            for (short d = 0; d < count; d++)
            {
                if (!client.Handle.SetDirectory(d))
                    throw new TemKitFormatException(path, $"page {d}: cannot read the image directory: {client.LastError ?? "no reason given"}");
                var page = TiffPage.Read(client, d, length);
                if (page.ReducedResolution && d > 0) continue;
                if (groups.Count > 0 && groups[^1][0].SameLayout(page)) groups[^1].Add(page);
                else groups.Add([page]);
            }
            return (client, groups);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="stack"/> as a multi-page float32 (or uint16) TIFF with an ImageJ description carrying
    /// the pixel size in nm, atomically (temporary file, then rename).</summary>
    /// <exception cref="ArgumentException">uint16 was asked for and a value is not a whole number in 0..65535 (without rounding).</exception>
    public static void Write(string path, ImageStack stack, TiffWriteOptions? options = null) =>
        TiffWriter.Write(path, stack, options ?? new TiffWriteOptions());

    /// <summary>Reads every frame of the chosen signal into memory as float32.</summary>
    public static ImageStack Read(string path, ReadOptions? options = null)
    {
        using var source = Open(path, options);
        return source.ReadAll();
    }
}
