namespace TemKit.IO.Tiff;

internal sealed partial record TiffCalibration
{
    /// <summary>ImageJ: ImageDescription "ImageJ=..." with "unit=" (and "spacing=" for the z step); the pixel size is
    /// 1 / XResolution in that unit.</summary>
    private static TiffCalibration? ImageJ(TiffTags tags)
    {
        string? text = tags.Text(270);
        if (text is null || !text.StartsWith("ImageJ=", StringComparison.Ordinal)) return null;
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
            if (line.IndexOf('=') is > 0 and var eq) pairs.TryAdd(line[..eq].Trim(), line[(eq + 1)..].Trim());
        string unit = pairs.GetValueOrDefault("unit", "").Replace("\\u00B5", "\u00B5", StringComparison.Ordinal);
        if (LengthUnits.AngstromPer(unit) is not { } a) return null;
        double? xr = tags.Number(282), yr = tags.Number(283);
        if (xr is not > 0) return null;
        double spacing = ParseDouble(pairs.GetValueOrDefault("spacing")) is { } s and > 0 ? s * a : 0;
        return new TiffCalibration
        {
            XAngstrom = a / xr.Value,
            YAngstrom = a / (yr is > 0 ? yr.Value : xr.Value),
            ZAngstrom = spacing,
            Source = $"ImageJ description unit={unit} and resolution tags",
        };
    }

    /// <summary>Last resort: XResolution/YResolution with ResolutionUnit centimetre or inch, trusted only when the pixel is
    /// finer than 10 µm (72 or 300 dots per inch are display or print settings, not a calibration).</summary>
    private static TiffCalibration? Resolution(TiffTags tags)
    {
        double? xr = tags.Number(282), yr = tags.Number(283);
        double? perUnit = tags.Number(296) switch { 2 => 2.54e8, 3 => 1e8, _ => null };
        if (xr is not > 0 || perUnit is not { } a) return null;
        double x = a / xr.Value, y = a / (yr is > 0 ? yr.Value : xr.Value);
        if (x >= 1e5) return null;
        return new TiffCalibration { XAngstrom = x, YAngstrom = y, Source = "TIFF resolution tags (XResolution, ResolutionUnit)" };
    }
}
