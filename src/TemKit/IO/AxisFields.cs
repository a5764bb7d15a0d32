using System.Globalization;
using TemKit.Imaging;

namespace TemKit.IO;

/// <summary>Typed <see cref="ImageAxis"/> records from the "axis.NAME.scale/units/offset" fields the TIFF, EMD and TIA
/// readers keep (so reciprocal or non-length calibrations reach `temkit info` too).</summary>
internal static class AxisFields
{
    public static ImageAxis[] ToAxes(IReadOnlyDictionary<string, string> fields, params (string Name, long Size)[] axes)
    {
        var result = new List<ImageAxis>();
        foreach (var (name, size) in axes)
        {
            if (!fields.TryGetValue($"axis.{name}.scale", out string? s) || !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double scale)) continue;
            string units = fields.GetValueOrDefault($"axis.{name}.units", "");
            double offset = fields.TryGetValue($"axis.{name}.offset", out string? o) && double.TryParse(o, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;
            double origin = scale != 0 ? -offset / scale : 0;
            result.Add(new ImageAxis(name, size, scale, origin, offset, units));
        }
        return [.. result];
    }
}
