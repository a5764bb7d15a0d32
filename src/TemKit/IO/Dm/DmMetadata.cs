using System.Globalization;
using TemKit.Imaging;

namespace TemKit.IO.Dm;

/// <summary>
/// Builds TemKit's <see cref="ImageMetadata"/>, voxel size and stack kind from a DM tag tree.
/// Metadata field keys (all values text, invariant culture):
/// <list type="bullet">
/// <item><c>dm.version</c>, <c>dm.byte_order</c>, <c>dm.image_index</c> (ImageList entry read),
/// <c>dm.image_count</c> (images besides thumbnails), <c>dm.data_type</c> (DM code and name),
/// <c>dm.shape</c> (x first), <c>dm.name</c>, <c>dm.acquired_time_zone</c> (only when unknown).</item>
/// <item>Per axis (x, y, z, axis3...): <c>axis.x.size</c>, <c>axis.x.scale</c> (units per pixel),
/// <c>axis.x.units</c>, <c>axis.x.origin</c> (DM origin, pixels), <c>axis.x.offset</c> (coordinate of
/// pixel 0 = −origin × scale, in units); likewise <c>intensity.scale</c>, <c>intensity.origin</c>,
/// <c>intensity.units</c> from the brightness calibration.</item>
/// <item>Every data tag as its dotted path, unnamed entries by index:
/// <c>ImageList[1].ImageTags.Microscope Info.Voltage = 200000</c>; arrays capped at 16 values,
/// text at 512 characters, image data summarised by type and offset.</item>
/// </list>
/// </summary>
internal static class DmMetadata
{
    public static ImageMetadata Build(DmHeader header, DmTagGroup root, DmImageLayout layout, IReadOnlyList<string> warnings)
    {
        var fields = new Dictionary<string, string>();
        void Set(string key, string value) => fields[key] = value;
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        Set("dm.version", header.Version.ToString(CultureInfo.InvariantCulture));
        Set("dm.byte_order", header.LittleEndian ? "little-endian" : "big-endian");
        Set("dm.image_index", layout.ImageIndex.ToString(CultureInfo.InvariantCulture));
        Set("dm.image_count", layout.ImageCount.ToString(CultureInfo.InvariantCulture));
        Set("dm.data_type", $"{layout.PixelType.Code} ({layout.PixelType.Name})");
        Set("dm.shape", string.Join(" x ", layout.Dimensions));
        if (layout.Image.Data("Name")?.Text is { Length: > 0 } name) Set("dm.name", name);
        foreach (var axis in layout.Axes)
        {
            Set($"axis.{axis.Name}.size", axis.Size.ToString(CultureInfo.InvariantCulture));
            Set($"axis.{axis.Name}.scale", F(axis.Scale));
            Set($"axis.{axis.Name}.units", axis.Units);
            Set($"axis.{axis.Name}.origin", F(axis.Origin));
            Set($"axis.{axis.Name}.offset", F(axis.Offset));
        }
        Set("intensity.scale", F(layout.Intensity.Scale));
        Set("intensity.origin", F(layout.Intensity.Origin));
        Set("intensity.units", layout.Intensity.Units);

        var tags = layout.Image.Group("ImageTags");
        var atCreation = tags?.Find("source", "Tags at creation") as DmTagGroup;
        DmTagData? Tag(params string[] names) => (tags?.Find(names) ?? atCreation?.Find(names)) as DmTagData;

        double? voltage = Tag("Microscope Info", "Voltage")?.AsDouble();
        // In TEM diffraction the indicated "magnification" is a camera length; in STEM the
        // projector may be in diffraction mode while the value is the scan magnification.
        string illumination = Tag("Microscope Info", "Illumination Mode")?.Text ?? "";
        string imagingMode = Tag("Microscope Info", "Imaging Mode")?.Text ?? "";
        bool diffraction = illumination.Trim().Equals("TEM", StringComparison.OrdinalIgnoreCase)
            && imagingMode.Contains("DIFFRACTION", StringComparison.OrdinalIgnoreCase);
        double? magnification = diffraction ? null : Tag("Microscope Info", "Indicated Magnification")?.AsDouble();
        double? exposure = Tag("DataBar", "Exposure Time (s)")?.AsDouble()
            ?? Tag("Acquisition", "Parameters", "High Level", "Exposure (s)")?.AsDouble();
        double? tilt = Tag("Microscope Info", "Stage Position", "Stage Alpha")?.AsDouble();
        var acquired = DmAcquisitionTime.Parse(
            Tag("DataBar", "Acquisition Time (OS)")?.AsDouble(),
            Tag("DataBar", "Acquisition Date")?.Text,
            Tag("DataBar", "Acquisition Time")?.Text,
            out bool zoneKnown);
        if (acquired is not null && !zoneKnown) Set("dm.acquired_time_zone", "unknown (DataBar local time stored as UTC)");

        foreach (var tag in root.Descendants())
            fields.TryAdd(tag.Path, tag.FormatValue());

        var axes = layout.Axes;
        double OffsetA(int i) => i < axes.Count ? axes[i].OffsetAngstrom ?? 0 : 0;
        return new ImageMetadata
        {
            Format = header.Version == 4 ? "DM4" : "DM3",
            Title = layout.Image.Data("Name")?.Text ?? "",
            TiltAnglesDegrees = axes.Count == 3 && Tilt.TiltAngleFiles.FromDegreeAxis(axes[2].Units, axes[2].Scale, axes[2].Origin, layout.FrameCount) is { } tilts ? tilts : [],
            TiltAnglesSource = axes.Count == 3 && Tilt.TiltAngleFiles.FromDegreeAxis(axes[2].Units, axes[2].Scale, axes[2].Origin, layout.FrameCount) is not null ? "DM z axis calibrated in degrees" : "",
            SignalIndex = Math.Max(0, DmImageLayout.Candidates("", root).FindIndex(g => g.Index == layout.ImageIndex)),
            DataType = layout.PixelType.Name,
            Axes = [.. layout.Axes.Select(a => new ImageAxis(a.Name, a.Size, a.Scale, a.Origin, a.Offset, a.Units))],
            VoltageKilovolts = voltage is > 0 ? voltage / 1000 : null,
            Magnification = magnification is > 0 ? magnification : null,
            ExposureSeconds = exposure is > 0 ? exposure : null,
            TiltAngleDegrees = tilt,
            Acquired = acquired,
            OriginAngstrom = (OffsetA(0), OffsetA(1), OffsetA(2)),
            Fields = fields,
            Warnings = warnings.ToArray(),
        };
    }

    /// <summary>Voxel size in Å from the length-calibrated axes (0 for uncalibrated or non-length axes).</summary>
    public static VoxelSize VoxelSizeOf(DmImageLayout layout)
    {
        var a = layout.Axes;
        double Size(int i) => i < a.Count ? a[i].ScaleAngstrom ?? 0 : 0;
        return new VoxelSize(Size(0), Size(1), a.Count == 3 ? Size(2) : 0);
    }

    /// <summary>Single image; a volume when the third axis is a length; otherwise a stack of images.</summary>
    public static StackKind KindOf(DmImageLayout layout) =>
        layout.FrameCount == 1 ? StackKind.Image
        : layout.Axes.Count == 3 && layout.Axes[2].ScaleAngstrom is not null ? StackKind.Volume
        : StackKind.ImageStack;
}
