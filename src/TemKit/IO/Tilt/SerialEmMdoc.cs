using System.Globalization;
using System.Text.RegularExpressions;

namespace TemKit.IO.Tilt;

/// <summary>
/// Per-frame values of a SerialEM .mdoc (the autodoc SerialEM writes beside a stack): one [ZValue = n] section per
/// frame with "Key = value" lines, e.g. TiltAngle (degrees) or ExposureDose (e/Å² of that frame).
/// </summary>
public static partial class SerialEmMdoc
{
    /// <summary>Longest .mdoc read (one of thousands of frames is a few MB).</summary>
    private const long MaxTextBytes = 16 << 20;

    /// <summary>The SerialEM key of the dose of one frame, in electrons per Å² at the specimen.</summary>
    public const string ExposureDoseKey = "ExposureDose";

    /// <summary>
    /// The number after "<paramref name="key"/> =" in every [ZValue = n] section, in ZValue order; null for a section
    /// without the key.
    /// </summary>
    /// <exception cref="TemKitFormatException">The file is missing or larger than 16 MB, ZValues repeat or leave gaps,
    /// or a value is not a finite number.</exception>
    public static IReadOnlyList<double?> ReadValues(string path, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var info = new FileInfo(path);
        if (!info.Exists) throw new TemKitFormatException(path, "file not found");
        if (info.Length > MaxTextBytes) throw new TemKitFormatException(path, $"{info.Length} bytes is larger than the {MaxTextBytes} a .mdoc may have");
        var values = new SortedDictionary<int, double?>();
        int? z = null;
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            if (ZValue().Match(raw) is { Success: true } section)
            {
                z = int.Parse(section.Groups[1].Value, CultureInfo.InvariantCulture);
                if (!values.TryAdd(z.Value, null)) throw new TemKitFormatException(path, $"line {line}: ZValue {z} repeats");
                continue;
            }
            if (raw.TrimStart().StartsWith('[')) { z = null; continue; }
            if (z is not { } current) continue;
            int eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !raw.AsSpan(0, eq).Trim().Equals(key, StringComparison.Ordinal)) continue;
            string text = raw[(eq + 1)..].Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new TemKitFormatException(path, $"line {line}: {key} '{text}' is not a number");
            values[current] = value;
        }
        int expected = 0;
        foreach (int k in values.Keys)
            if (k != expected++) throw new TemKitFormatException(path, $"ZValue {expected - 1} is missing (ZValues must run 0, 1, 2, ...)");
        return values.Values.ToList();
    }

    /// <summary>The .mdoc SerialEM writes beside <paramref name="imagePath"/> (NAME.EXT.mdoc, else NAME.mdoc), or null.</summary>
    public static string? Companion(string imagePath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(imagePath))!;
        foreach (string candidate in new[] { Path.Combine(dir, Path.GetFileName(imagePath) + ".mdoc"), Path.Combine(dir, Path.GetFileNameWithoutExtension(imagePath) + ".mdoc") })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    [GeneratedRegex(@"^\s*\[\s*ZValue\s*=\s*(\d+)\s*\]")]
    private static partial Regex ZValue();
}
