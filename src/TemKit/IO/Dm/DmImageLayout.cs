namespace TemKit.IO.Dm;

/// <summary>
/// Where the chosen image's pixels sit in the file and how they are laid out, taken from
/// ImageList[i].ImageData: DataType, Dimensions (x fastest), Data (offset and length) and
/// Calibrations.Dimension. Every size is checked against the Data tag (itself checked against the
/// file length) before anything is read.
/// </summary>
internal sealed record DmImageLayout(
    int ImageIndex,
    int ImageCount,
    DmTagGroup Image,
    DmPixelType PixelType,
    IReadOnlyList<long> Dimensions,
    int Width,
    int Height,
    int FrameCount,
    long DataOffset,
    IReadOnlyList<DmAxis> Axes,
    DmAxis Intensity)
{
    /// <summary>Bytes of one frame (Width × Height pixels).</summary>
    public long FrameBytes => PixelType.StoredWidth(Width) * Height * PixelType.BytesPerPixel;

    /// <summary>
    /// Chooses the image the way HyperSpy does (the ImageList entries not named as thumbnails in
    /// the Thumbnails group; the first of them unless <paramref name="imageIndex"/> picks one) and
    /// reads its layout.
    /// </summary>
    public static DmImageLayout Locate(string path, DmTagGroup root, int? imageIndex, ReadOptions options, List<string> warnings)
    {
        var list = root.Group("ImageList") ?? throw Fail(path, "ImageList", "missing: the file holds no images");
        var images = Candidates(path, root);

        DmTagGroup image;
        if (imageIndex is { } wanted)
        {
            if (wanted < 0 || wanted >= list.Tags.Count || list.Tags[wanted] is not DmTagGroup g || g.Group("ImageData") is null)
                throw Fail(path, $"ImageList[{wanted}]", $"no such image (ImageList has {list.Tags.Count} entries)");
            image = g;
        }
        else
        {
            image = images.Count > 0 ? images[0]
                : throw Fail(path, "ImageList", $"holds {list.Tags.Count} entries but no image besides thumbnails");
        }
        return Read(path, image, images.Count, options, warnings);
    }

    /// <summary>The ImageList entries that hold data and are not named as thumbnails, in file order (the file's signals).</summary>
    public static List<DmTagGroup> Candidates(string path, DmTagGroup root)
    {
        var list = root.Group("ImageList") ?? throw Fail(path, "ImageList", "missing: the file holds no images");
        var thumbnails = new HashSet<long>();
        foreach (var t in root.Group("Thumbnails")?.Groups ?? [])
            if (t.Data("ImageIndex")?.AsInt64() is { } i) thumbnails.Add(i);
        var images = new List<DmTagGroup>();
        foreach (var g in list.Groups)
            if (!thumbnails.Contains(g.Index) && g.Group("ImageData") is not null) images.Add(g);
        return images;
    }

    /// <summary>A signal entry for an ImageList entry: 1D data is a spectrum, the rest images.</summary>
    public static ImageSignal SignalOf(int index, DmTagGroup image)
    {
        var data = image.Group("ImageData")!;
        long code = data.Data("DataType")?.AsInt64() ?? -1;
        var type = DmPixelType.Find(code);
        var dims = new List<long>();
        foreach (var tag in data.Group("Dimensions")?.Tags ?? [])
            if (tag is DmTagData d && d.AsInt64() is { } n) dims.Add(n);
        // RGB images stay "images" here so that reading one gives the DataType refusal, which names the type.
        var kind = dims.Count == 1 ? SignalKind.Spectrum : SignalKind.Image;
        return new ImageSignal(index, image.Data("Name")?.Text ?? "", kind, dims, type?.Name ?? $"DM type {code}");
    }

    private static DmImageLayout Read(string path, DmTagGroup image, int imageCount, ReadOptions options, List<string> warnings)
    {
        string p = $"{image.Path}.ImageData";
        var imageData = image.Group("ImageData")!;
        var data = imageData.Data("Data") ?? throw Fail(path, $"{p}.Data", "missing: the image has no data");
        long code = imageData.Data("DataType")?.AsInt64() ?? throw Fail(path, $"{p}.DataType", "missing");
        var type = DmPixelType.Find(code) ?? throw Fail(path, $"{p}.DataType", $"unknown DM data type {code}");
        if (type.Refusal is not null) throw Fail(path, $"{p}.DataType", type.Refusal);

        var dimsGroup = imageData.Group("Dimensions") ?? throw Fail(path, $"{p}.Dimensions", "missing");
        var dims = new List<long>();
        foreach (var tag in dimsGroup.Tags)
        {
            long n = (tag as DmTagData)?.AsInt64() ?? throw Fail(path, tag.Path, "is not an integer");
            if (n <= 0) throw Fail(path, tag.Path, $"dimension {n} must be positive");
            dims.Add(n);
        }
        if (dims.Count == 0) throw Fail(path, $"{p}.Dimensions", "empty: the image has no dimensions");

        long width = dims[0], height = dims.Count > 1 ? dims[1] : 1, frames = 1;
        string shape = string.Join(" x ", dims);
        try
        {
            for (int i = 2; i < dims.Count; i++) frames = checked(frames * dims[i]);
        }
        catch (OverflowException)
        {
            throw Fail(path, $"{p}.Dimensions", $"{shape} overflows 64 bits");
        }
        if (width * height > Array.MaxLength)
            throw Fail(path, $"{p}.Dimensions", $"a {width} x {height} frame exceeds the {Array.MaxLength} values one frame may hold");
        if (frames > int.MaxValue)
            throw Fail(path, $"{p}.Dimensions", $"{frames} frames exceed {int.MaxValue}");

        // width*height < 2^31 and frames < 2^31 with at most 16 bytes per pixel cannot overflow 64 bits.
        long needed = type.StoredWidth(width) * height * frames * type.BytesPerPixel;
        if (data.ByteLength < needed)
            throw Fail(path, $"{p}.Data", $"holds {data.ByteLength} bytes, but {shape} {type.Name} pixels need {needed}");
        if (data.ByteLength > needed)
            DmHeader.Recover(path, options, warnings, $"{p}.Data",
                $"holds {data.ByteLength} bytes, {shape} {type.Name} pixels need only {needed}", "reading the first bytes");
        if (imageData.Data("PixelDepth")?.AsInt64() is { } depth && depth != type.BytesPerPixel && !(type.IsPacked && depth == type.ComponentBytes))
            DmHeader.Recover(path, options, warnings, $"{p}.PixelDepth",
                $"is {depth} bytes, but DataType {code} ({type.Name}) has {type.BytesPerPixel}", "using the DataType");

        var calibrations = imageData.Group("Calibrations");
        var dimension = calibrations?.Group("Dimension");
        var axes = new DmAxis[dims.Count];
        for (int i = 0; i < axes.Length; i++)
            axes[i] = Axis(DmAxis.NameOf(i), dims[i], dimension is not null && i < dimension.Tags.Count ? dimension.Tags[i] as DmTagGroup : null);
        var intensity = Axis("intensity", 0, calibrations?.Group("Brightness"));

        return new DmImageLayout(image.Index, imageCount, image, type, dims, (int)width, (int)height, (int)frames, data.Offset, axes, intensity);
    }

    private static DmAxis Axis(string name, long size, DmTagGroup? calibration)
    {
        double scale = calibration?.Data("Scale")?.AsDouble() ?? 1;
        double origin = calibration?.Data("Origin")?.AsDouble() ?? 0;
        string units = calibration?.Data("Units")?.Text ?? "";
        return new DmAxis(name, size, scale, origin, units);
    }

    private static TemKitFormatException Fail(string path, string field, string problem) => new(path, $"{field}: {problem}");
}
